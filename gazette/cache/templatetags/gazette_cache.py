"""Template tags that say what a page shows, for precise cache purges (gazette.cache.tags)."""

from django import template

from gazette.cache import tags

register = template.Library()


@register.simple_tag
def cache_tag(*names) -> str:
    """``{% cache_tag "chrome" %}``: this page shows what the tags name."""
    tags.note(*(str(name) for name in names))
    return ""


@register.simple_tag
def cache_article(article) -> str:
    """``{% cache_article article %}``: this page shows ``article`` (its headline, say)."""
    if article is not None and getattr(article, "pk", None):
        tags.note_article(article)
    return ""


@register.simple_tag
def cache_expires(moment) -> str:
    """``{% cache_expires moment %}``: what this page shows goes stale at ``moment``."""
    tags.expire_at(moment)
    return ""
