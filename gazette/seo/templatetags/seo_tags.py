from django import template
from django.template.loader import render_to_string

from gazette.seo import metadata
from gazette.seo.sitemaps import is_article, news_language

register = template.Library()

register.filter("news_language", news_language)
register.filter("iso_datetime", metadata.iso_datetime)


@register.simple_tag(takes_context=True)
def seo_head(context):
    """Canonical link and metadata for the page being rendered; articles get JSON-LD,
    OpenGraph and Twitter tags, any other page only what is cheap to know."""
    page = context.get("page")
    request = context.get("request")
    if is_article(page):
        values = metadata.article_metadata(
            page, request=request, authors=context.get("authors"), tags=context.get("article_tags")
        )
        return render_to_string("seo/article_head.html", values)
    values = metadata.page_metadata(context)
    return render_to_string("seo/page_head.html", values) if values else ""
