"""Template tags for the reading boxes: related articles under an article, most commented."""

from django import template

from gazette.articles import discovery

register = template.Library()


@register.simple_tag
def related_articles(page, limit: int = 4) -> list:
    """``{% related_articles page as related %}``: empty for anything but a saved article."""
    if not isinstance(page, discovery.ArticlePage):
        return []
    return discovery.related_articles(page, limit=limit)


@register.simple_tag
def most_commented(days: int = 7, limit: int = 5) -> list:
    """``{% most_commented as popular %}``: may be empty; the box is then left out."""
    return discovery.most_commented(days=days, limit=limit)
