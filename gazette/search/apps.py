from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "gazette.search"
    label = "gazette_search"
    verbose_name = _("Search")

    def ready(self):
        from django.db.models.signals import post_save
        from wagtail.signals import page_published

        from gazette.articles.models import Author
        from gazette.search import indexing

        page_published.connect(indexing.reindex_published_article, dispatch_uid="gazette_reindex")
        post_save.connect(
            indexing.reindex_author_articles, sender=Author, dispatch_uid="gazette_reindex_author"
        )
