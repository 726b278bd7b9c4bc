from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "gazette.core"
    label = "gazette_core"
    verbose_name = "Gazette"
