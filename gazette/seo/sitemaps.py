"""What search engines may crawl: articles, sections, authors and tags, plus Google News.

Each sitemap is a ``django.contrib.sitemaps.Sitemap``; ``location`` and ``lastmod`` are the
hooks. URLs are made absolute from ``GAZETTE_BASE_URL`` (see ``gazette.seo.absolute``).
"""

from datetime import timedelta
from types import SimpleNamespace
from urllib.parse import urlsplit

from django.contrib.sitemaps import Sitemap
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from taggit.models import Tag

from gazette.articles.models import ArticlePage, Author
from gazette.articles.selectors import live_sections, published_articles
from gazette.seo.absolute import site_root

# Google News reads articles of the last two days and at most 1,000 URLs per sitemap.
NEWS_MAX_AGE = timedelta(days=2)
NEWS_MAX_URLS = 1000


def page_path(page, request=None) -> str | None:
    """The page's path on its site, or ``None`` when it is not routable."""
    parts = page.get_url_parts(request)
    return parts[2] if parts else None


def latest(*moments):
    return max((moment for moment in moments if moment is not None), default=None)


class GazetteSitemap(Sitemap):
    """A sitemap whose URLs use the configured site root rather than the request's host."""

    limit = 50_000

    def get_urls(self, page=1, site=None, protocol=None):
        root = urlsplit(site_root())
        if root.netloc:
            site, protocol = SimpleNamespace(domain=root.netloc, name=root.netloc), root.scheme
        return super().get_urls(page=page, site=site, protocol=protocol)


class ArticleSitemap(GazetteSitemap):
    def items(self):
        return (
            published_articles()
            .annotate(latest_correction=Max("corrections__made_at"))
            .only("url_path", "path", "depth", "published_at", "last_published_at")
        )

    def location(self, item):
        return page_path(item)

    def lastmod(self, item):
        # ArticlePage.modified_at computed in SQL: one query for the page, not one per article.
        return latest(item.published_at, item.last_published_at, item.latest_correction)

    def get_latest_lastmod(self):
        newest = published_articles().aggregate(
            a=Max("published_at"), b=Max("last_published_at"), c=Max("corrections__made_at")
        )
        return latest(*newest.values())


class SectionSitemap(GazetteSitemap):
    def items(self):
        return live_sections().only("url_path", "path", "depth", "last_published_at")

    def location(self, item):
        return page_path(item)

    def lastmod(self, item):
        return item.last_published_at

    def get_latest_lastmod(self):
        return live_sections().aggregate(latest=Max("last_published_at"))["latest"]


class AuthorSitemap(GazetteSitemap):
    """Authors with at least one published article; lastmod is their newest article."""

    def items(self):
        # The filter comes before the annotation, so Max only sees published articles.
        return (
            Author.objects.filter(bylines__page__in=published_articles().values("pk"))
            .annotate(latest=Max("bylines__page__published_at"))
            .order_by("slug")
        )

    def lastmod(self, item):
        return item.latest

    def get_latest_lastmod(self):
        articles = published_articles().filter(bylines__isnull=False)
        return articles.aggregate(latest=Max("published_at"))["latest"]


class TagSitemap(GazetteSitemap):
    """Tags on at least one published article; lastmod is their newest article."""

    def items(self):
        tagged = "articles_articletag_items__content_object"
        return (
            Tag.objects.filter(**{f"{tagged}__in": published_articles().values("pk")})
            .annotate(latest=Max(f"{tagged}__published_at"))
            .order_by("slug")
        )

    def location(self, item):
        return reverse("tag", kwargs={"slug": item.slug})

    def lastmod(self, item):
        return item.latest

    def get_latest_lastmod(self):
        articles = published_articles().filter(tagged_items__isnull=False)
        return articles.aggregate(latest=Max("published_at"))["latest"]


class NewsSitemap(GazetteSitemap):
    """Google News: articles first published in the last two days, newest first, at most
    ``NEWS_MAX_URLS``. Rendered by ``seo/sitemap_news.xml``; ``url.item`` is the article."""

    def items(self):
        since = timezone.now() - NEWS_MAX_AGE
        return (
            published_articles()
            .filter(published_at__gte=since)
            .only("title", "url_path", "path", "depth", "published_at", "language")[:NEWS_MAX_URLS]
        )

    def get_urls(self, page=1, site=None, protocol=None):
        # One file only: Google asks for one sitemap kept up to date, never a second page.
        self.limit = NEWS_MAX_URLS
        return super().get_urls(page=page, site=site, protocol=protocol)

    def location(self, item):
        return page_path(item)


SITEMAPS = {
    "articles": ArticleSitemap,
    "sections": SectionSitemap,
    "authors": AuthorSitemap,
    "tags": TagSitemap,
}


def news_language(language: str) -> str:
    """The ISO 639 code Google News wants: the primary subtag, except that Chinese is
    ``zh-cn`` (Simplified) or ``zh-tw`` (Traditional)."""
    parts = (language or "").lower().replace("_", "-").split("-")
    primary = parts[0]
    if primary != "zh":
        return primary
    traditional = {"hant", "tw", "hk", "mo"}
    return "zh-tw" if traditional.intersection(parts[1:]) else "zh-cn"


def is_article(page) -> bool:
    return isinstance(page, ArticlePage)
