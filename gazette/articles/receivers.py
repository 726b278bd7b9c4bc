"""Keeping ``ArticlePage.section_page`` and ``listed`` true where ``ArticlePage.save()``
does not run: Wagtail moves and unpublishes pages as plain ``Page`` objects.

Connected in ``ArticlesConfig.ready()``.
"""

from wagtail.models import Page

from gazette.articles.models import ArticlePage, SectionPage


def article_moved(sender, instance, parent_page_after, **kwargs) -> None:
    """Wagtail's ``post_page_move``: ``instance`` is the moved page as a plain ``Page``,
    saved without ``ArticlePage.save()``, and ``parent_page_after`` its new parent. A move
    changes the parent of the moved page only (its descendants move with it), so only an
    article moved itself changes section."""
    if not issubclass(instance.specific_class or Page, ArticlePage):
        return
    parent = parent_page_after
    section_id = parent.pk if issubclass(parent.specific_class or Page, SectionPage) else None
    ArticlePage.objects.filter(pk=instance.pk).update(section_page_id=section_id)


def article_unpublished(sender, instance, **kwargs) -> None:
    """Wagtail's ``page_unpublished``: ``instance`` is the specific page, read again after
    a plain ``Page`` may have been saved (``PageQuerySet.unpublish()``, an expiry, a section
    unpublished with its articles)."""
    if isinstance(instance, ArticlePage):
        ArticlePage.objects.filter(pk=instance.pk).update(listed=instance.live)
