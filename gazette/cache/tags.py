"""Cache tags: what a response shows, so a change can purge exactly the responses that show it.

A request collects tags while it renders (a context variable set by
``gazette.cache.middleware.PageCacheHeadersMiddleware``). Views and page models that may be
cached say so with :func:`add`; template tags that draw shared pieces (cards, navigation)
only :func:`note` what they show. A response no view called :func:`add` for is never cached,
so a page is public by decision, not by accident.

Tag names (the same ones go out in ``Surrogate-Key`` and ``Cache-Tag`` for a CDN):

==========================  ==========================================================
``article-<id>``            the article's page, and every listing, feed or box showing it
``comments-<id>``           the article's approved comments (its page, its comment feed)
``comment-counts``          boxes that show comment counts (most commented)
``section-<id>``            the section's page and feeds
``home``                    the front page
``tag-<slug>``              the tag's listing and feeds, and articles carrying the tag
``author-<id>``             the author's listing and feeds, and articles with the byline
``archive``                 the date archive
``corrections``             the corrections page
``feeds``                   every site-wide feed
``sitemaps``                sitemaps and the news sitemap
``chrome``                  everything drawn by the site template: navigation, breaking news
``all``                     every cached response
==========================  ==========================================================
"""

from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import datetime


@dataclass
class Collector:
    tags: set[str] = field(default_factory=lambda: {"all"})
    #: A view declared the response cacheable by naming what it shows.
    cacheable: bool = False
    #: The response must not be served from a cache after this instant (a breaking-news
    #: banner that ends, comments that close).
    expires_at: datetime | None = None


_current: ContextVar[Collector | None] = ContextVar("gazette_cache_tags", default=None)


def start() -> tuple[Collector, object]:
    collector = Collector()
    return collector, _current.set(collector)


def finish(token) -> None:
    _current.reset(token)


def current() -> Collector | None:
    return _current.get()


def add(*tags: str) -> None:
    """Declare the response being rendered cacheable, showing ``tags``. Outside a request
    (a management command, a test without the middleware) it does nothing."""
    collector = _current.get()
    if collector is not None:
        collector.cacheable = True
        collector.tags.update(tags)


def note(*tags: str) -> None:
    """Record that the response shows ``tags``, without declaring it cacheable."""
    collector = _current.get()
    if collector is not None:
        collector.tags.update(tags)


def note_article(article) -> None:
    note(f"article-{article.pk}")


def note_article_page(article, *, authors=(), tags=()) -> None:
    """Record that the response shows ``article`` with its section and the given authors
    and tags (the ones it names, or the ones that chose it, as for related articles)."""
    section = article.section
    note(
        f"article-{article.pk}",
        *(f"author-{author.pk}" for author in authors),
        *(f"tag-{tag.slug}" for tag in tags),
        *((f"section-{section.pk}",) if section is not None else ()),
    )


def expire_at(moment: datetime | None) -> None:
    """The response being rendered goes stale at ``moment`` (the earliest such call wins)."""
    collector = _current.get()
    if collector is None or moment is None:
        return
    if collector.expires_at is None or moment < collector.expires_at:
        collector.expires_at = moment


def article_tags(article) -> set[str]:
    """What publishing, editing or unpublishing ``article`` must purge."""
    tags = {f"article-{article.pk}", "home", "archive", "feeds", "sitemaps", "corrections"}
    parent_id = _parent_id(article)
    if parent_id:
        tags.add(f"section-{parent_id}")
    tags.update(f"tag-{tag.slug}" for tag in article.tags.all())
    tags.update(f"author-{byline.author_id}" for byline in article.bylines.all())
    if getattr(article, "breaking_until", None):
        tags.add("chrome")
    return tags


def _parent_id(page) -> int | None:
    try:
        parent = page.get_parent()
    except Exception:  # a page being deleted may have lost its tree position already
        return None
    return parent.pk if parent else None


def collect(draw):
    """``draw()`` with a collector of its own: returns its value and what it collected, and
    leaves the response's collector untouched (:func:`replay` passes it on)."""
    collector, token = start()
    try:
        value = draw()
    finally:
        finish(token)
    return value, collector


def replay(collector: Collector) -> None:
    """Pass what a piece collected (see :func:`collect`) on to the response being rendered,
    as if the piece had been drawn there and then."""
    if collector.cacheable:
        add(*collector.tags)
    else:
        note(*collector.tags)
    expire_at(collector.expires_at)
