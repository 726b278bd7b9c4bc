"""``{% feed_links as links %}``: the feeds a page should advertise in its ``<head>``."""

from dataclasses import dataclass

from django import template
from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _
from taggit.models import Tag
from wagtail.models import Page

from gazette.articles.models import ArticlePage, Author, SectionPage
from gazette.feeds.entries import absolute_url

register = template.Library()

RSS = "application/rss+xml"
ATOM = "application/atom+xml"
JSON_FEED = "application/feed+json"


@dataclass(frozen=True)
class FeedLink:
    type: str
    title: str
    href: str


def _link(content_type: str, title: str, name: str, **kwargs) -> FeedLink:
    return FeedLink(content_type, title, absolute_url(reverse(name, kwargs=kwargs)))


def _scope_links(scope: str, title: str, slug: str) -> list[FeedLink]:
    if not slug:
        return []  # taggit gives punctuation-only tags an empty slug; they have no feed.
    return [
        _link(RSS, f"{title} (RSS)", f"feeds:{scope}_rss", slug=slug),
        _link(ATOM, f"{title} (Atom)", f"feeds:{scope}_atom", slug=slug),
    ]


def _page_links(page, site: str) -> list[FeedLink]:
    if not isinstance(page, Page) or not page.pk or not page.live:
        return []
    page_class = page.specific_class
    if page_class is not None and issubclass(page_class, SectionPage):
        return _scope_links("section", f"{site}: {page.title}", page.slug)
    if page_class is not None and issubclass(page_class, ArticlePage):
        title = _("Comments on “%(headline)s”") % {"headline": page.title}
        return [_link(ATOM, title, "feeds:article_comments", pk=page.pk)]
    return []


def feed_links_for(context) -> list[FeedLink]:
    """Never raises on a missing or odd context: error pages include this template too."""
    site = settings.GAZETTE_SITE_NAME
    links = [
        _link(RSS, f"{site} (RSS)", "feeds:site_rss"),
        _link(ATOM, f"{site} (Atom)", "feeds:site_atom"),
        _link(JSON_FEED, f"{site} (JSON Feed)", "feeds:site_json"),
    ]
    links += _page_links(context.get("page"), site)
    tag = context.get("tag")
    if isinstance(tag, Tag):
        links += _scope_links("tag", f"{site}: #{tag.name}", tag.slug)
    author = context.get("author")
    if isinstance(author, Author):
        links += _scope_links("author", f"{site}: {author.name}", author.slug)
    return links


@register.simple_tag(takes_context=True)
def feed_links(context) -> list[FeedLink]:
    return feed_links_for(context)
