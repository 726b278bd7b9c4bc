from django.apps import AppConfig


class CacheConfig(AppConfig):
    name = "gazette.cache"
    label = "pagecache"
    verbose_name = "Page cache"

    def ready(self):
        from gazette.cache import receivers  # noqa: F401  (connects the purge receivers)
