"""Articles as feed entries: one shape that the RSS, Atom and JSON Feed renderers share."""

from dataclasses import dataclass, field
from datetime import UTC, datetime
from urllib.parse import urlsplit

from django.conf import settings
from django.db.models import QuerySet
from django.utils.encoding import iri_to_uri
from django.utils.html import escape

from gazette.articles.models import ArticlePage, SectionPage
from gazette.articles.selectors import live_sections

LEAD_IMAGE_SPEC = "fill-1200x675"


@dataclass(frozen=True)
class Person:
    name: str
    url: str


@dataclass(frozen=True)
class Entry:
    id: str
    url: str
    title: str
    summary: str
    content_html: str | None
    published: datetime
    updated: datetime
    language: str
    authors: list[Person] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    section: str | None = None
    image_url: str | None = None

    @property
    def summary_html(self) -> str:
        return escape(self.summary)

    @property
    def categories(self) -> list[str]:
        return self.tags + ([self.section] if self.section else [])


def absolute_url(path: str) -> str:
    """``path`` on the canonical site, as a URI: feeds outlive the host a reader used."""
    if path.startswith(("http://", "https://")):
        return iri_to_uri(path)
    return iri_to_uri(settings.GAZETTE_BASE_URL + path)


def site_host() -> str:
    return urlsplit(settings.GAZETTE_BASE_URL).hostname or "localhost"


def tag_uri(kind: str, pk: int, moment: datetime) -> str:
    """An RFC 4151 id that never changes: host, day of first publication, kind and key."""
    day = moment.astimezone(UTC).date().isoformat()
    return f"tag:{site_host()},{day}:{kind}:{pk}"


def page_path(page, request=None) -> str:
    _site_id, _root, path = page.get_url_parts(request) or (None, None, None)
    return path or page.url_path


def article_id(article: ArticlePage) -> str:
    # first_published_at is set once by Wagtail and kept on republishing; published_at can be
    # back-dated by an editor, so it would move the id.
    moment = article.first_published_at or article.published_at
    return tag_uri("article", article.pk, moment)


def feed_limit() -> int:
    return settings.GAZETTE_FEED_ITEMS


def article_entries(articles: QuerySet[ArticlePage], request=None) -> list[Entry]:
    """The newest ``GAZETTE_FEED_ITEMS`` of ``articles`` (already published and ordered)."""
    articles = articles.for_listing().prefetch_related("corrections")[: feed_limit()]
    sections = {section.path: section for section in live_sections()}
    full_text = settings.GAZETTE_FEED_FULL_TEXT
    return [
        article_entry(
            article,
            section=sections.get(article.path[: -ArticlePage.steplen]),
            full_text=full_text,
            request=request,
        )
        for article in articles
    ]


def article_entry(
    article: ArticlePage, *, section: SectionPage | None, full_text: bool, request=None
) -> Entry:
    authors = [
        Person(name=byline.author.name, url=absolute_url(byline.author.get_absolute_url()))
        for byline in article.bylines.all()
    ]
    tags = sorted((item.tag.name for item in article.tagged_items.all()), key=str.casefold)
    content_html = None
    if full_text:
        standfirst = f"<p>{escape(article.standfirst)}</p>" if article.standfirst else ""
        content_html = standfirst + str(article.body)
    return Entry(
        id=article_id(article),
        url=absolute_url(page_path(article, request)),
        title=article.title,
        summary=article.standfirst,
        content_html=content_html,
        published=article.display_published_at,
        updated=article.modified_at,
        language=article.language,
        authors=authors,
        tags=tags,
        section=section.title if section else None,
        image_url=lead_image_url(article),
    )


def lead_image_url(article: ArticlePage) -> str | None:
    if not article.lead_image_id:
        return None
    return absolute_url(article.lead_image.get_rendition(LEAD_IMAGE_SPEC).url)
