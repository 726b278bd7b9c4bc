"""Template tags for the reading boxes: related articles under an article, most commented."""

from django import template

from gazette.articles import discovery
from gazette.cache import tags as cache_tags

register = template.Library()


@register.simple_tag(takes_context=True)
def related_articles(context, page, limit: int = 4) -> list:
    """``{% related_articles page as related %}``: empty for anything but a saved article.

    Notes what decides the choice (the page, its tags, its section; the cards note their
    own articles), so that a box kept between requests (``{% fragment %}``) is dropped when
    an article sharing a tag or the section is published, edited or unpublished."""
    if not isinstance(page, discovery.ArticlePage):
        return []
    if page.pk:
        own_tags = context.get("article_tags")
        if own_tags is None:
            own_tags = page.tags.all()
        cache_tags.note_article_page(page, tags=own_tags)
    return discovery.related_articles(page, limit=limit)


@register.simple_tag
def most_commented(days: int = 7, limit: int = 5) -> list:
    """``{% most_commented as popular %}``: may be empty; the box is then left out."""
    return discovery.most_commented(days=days, limit=limit)
