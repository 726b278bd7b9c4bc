from django import template
from django.template.loader import render_to_string

from gazette.cache import fragments
from gazette.cache import tags as cache_tags
from gazette.seo import metadata
from gazette.seo.absolute import site_root
from gazette.seo.sitemaps import is_article, news_language

register = template.Library()

register.filter("news_language", news_language)
register.filter("iso_datetime", metadata.iso_datetime)


@register.simple_tag(takes_context=True)
def seo_head(context):
    """Canonical link and metadata for the page being rendered; articles get JSON-LD,
    OpenGraph and Twitter tags, any other page only what is cheap to know.

    An article's is kept between requests (``gazette.cache.fragments``) per article and
    site root, until the article, one of its authors or tags, or its section is purged."""
    page = context.get("page")
    request = context.get("request")
    if is_article(page):
        return fragments.render(
            "seo-head",
            (page.pk, site_root(request)),
            lambda: article_head(
                page, request, context.get("authors"), context.get("article_tags")
            ),
            request=request,
        )
    values = metadata.page_metadata(context)
    return render_to_string("seo/page_head.html", values) if values else ""


def article_head(page, request, authors=None, tags=None) -> str:
    """The article's ``<head>`` metadata; ``authors`` and ``tags`` as the view loaded them."""
    authors = page.ordered_bylines if authors is None else authors
    tags = sorted(page.tags.all(), key=lambda tag: tag.name) if tags is None else tags
    # What the metadata names, so that a kept copy is dropped when any of it changes.
    cache_tags.note_article_page(page, authors=authors, tags=tags)
    values = metadata.article_metadata(page, request=request, authors=authors, tags=tags)
    return render_to_string("seo/article_head.html", values)
