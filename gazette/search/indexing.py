"""Keeping the search index in step with what readers see.

Wagtail re-indexes a page when its row is saved, but that happens before the page's tags and
bylines (child relations) are written, so a publish that changes them would leave the index a
revision behind. These handlers re-index once everything is stored. Connected in
``SearchConfig.ready()``.
"""

from wagtail.search import index


def reindex_published_article(sender, instance, **kwargs) -> None:
    """``page_published`` receiver: index the article with the tags and bylines just saved."""
    from gazette.articles.models import ArticlePage

    if isinstance(instance, ArticlePage):
        index.insert_or_update_object(instance.specific_deferred)


def reindex_author_articles(sender, instance, raw=False, **kwargs) -> None:
    """``post_save`` receiver for Author: a renamed author is found under the new name."""
    from gazette.articles.models import ArticlePage

    if raw or instance.pk is None:
        return
    for article in ArticlePage.objects.filter(bylines__author=instance).distinct():
        index.insert_or_update_object(article)
