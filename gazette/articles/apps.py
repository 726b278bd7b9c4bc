from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ArticlesConfig(AppConfig):
    name = "gazette.articles"
    label = "articles"
    verbose_name = _("Articles")

    def ready(self):
        from wagtail.signals import page_unpublished, post_page_move

        from gazette.articles.receivers import article_moved, article_unpublished

        post_page_move.connect(article_moved, dispatch_uid="articles.article_moved")
        page_unpublished.connect(article_unpublished, dispatch_uid="articles.article_unpublished")
