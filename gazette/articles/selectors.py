"""Reads: which articles a page, feed or API response shows, and in what order."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Exists, F, OuterRef, Q, QuerySet, Window
from django.db.models.functions import Length, RowNumber, Substr
from django.db.models.lookups import In
from django.utils import timezone
from wagtail.models import Page, PageViewRestriction

from gazette.articles.models import (
    ArticleCorrection,
    ArticlePage,
    ArticleQuerySet,
    Author,
    HomePage,
    SectionPage,
)
from gazette.core.pagination import paginate

SECTION_TEASERS = 4


def published_articles() -> QuerySet[ArticlePage]:
    return ArticlePage.objects.published()


def without_restricted(pages: QuerySet) -> QuerySet:
    """``pages`` less those in a section behind a view restriction, as Wagtail's ``public()``
    but inside the same query: ``public()`` first reads every restriction, one more query
    each time it is called, and the site chrome calls it on every page."""
    restricted = PageViewRestriction.objects.filter(
        page__path=Substr(OuterRef("path"), 1, Length("page__path"))
    )
    return pages.exclude(Exists(restricted))


def children_q(parent_path: str) -> Q:
    """The pages directly under the page at ``parent_path``, as Wagtail's ``child_of()``, with
    the same bounds also written as one ``depth`` and a range of ``path`` (from the parent's
    path + 0000 to + ZZZZ). SQLite's ``LIKE`` ignores case, so it cannot use an index for
    ``path__startswith`` and reads every page of the site; the range reads only the children,
    from the ``page_children`` index."""
    return Q(
        path__startswith=parent_path,
        depth=len(parent_path) // Page.steplen + 1,
        path__gt=parent_path,
        path__lte=parent_path + Page.alphabet[-1] * Page.steplen,
    )


class SectionArticles(ArticleQuerySet):
    """A section's published articles (see ``section_articles()``), whose ``count()`` reads
    only the ``page_children`` index. Copies made by filtering or slicing count as usual."""

    pages: QuerySet | None = None

    def count(self) -> int:
        if self.pages is not None and self._result_cache is None:
            return self.pages.count()
        return super().count()


def section_articles(section: SectionPage) -> QuerySet[ArticlePage]:
    """The section's published articles, newest first.

    Which articles is decided on the page table alone: the live, public article pages under
    the section, a range of the ``page_children`` index. The listing then reads the articles'
    publication-date index from the newest end and keeps those in that set, so a page of the
    listing reads about as many articles as it shows times the number of sections, not every
    article of the section; ``+ 0`` keeps SQLite from looking each of the section's articles
    up by id and sorting them all instead. The count is the number of those pages: each
    article page of the section has its article row.
    """
    pages = (
        Page.objects.live()
        .public()
        .filter(
            children_q(section.path), content_type=ContentType.objects.get_for_model(ArticlePage)
        )
        .order_by()
        .values("pk")
    )
    articles = (
        SectionArticles(ArticlePage)
        .filter(In(F("pk") + 0, pages))
        .order_by("-published_at", "-pk")
        .for_cards()
    )
    articles.pages = pages
    return articles


def author_articles(author: Author) -> QuerySet[ArticlePage]:
    return published_articles().filter(bylines__author=author).for_cards()


def tag_articles(tag) -> QuerySet[ArticlePage]:
    return published_articles().filter(tagged_items__tag=tag).for_cards()


def live_sections() -> QuerySet[SectionPage]:
    """Live, public sections in site order. The query starts from the sections' own table
    (a handful of rows), not from every page of the site in path order."""
    sections = SectionPage.objects.live().filter(pk__in=SectionPage.objects.order_by().values("pk"))
    return without_restricted(sections).order_by("path")


def navigation_sections() -> list[SectionPage]:
    return list(live_sections().only("title", "slug", "url_path", "path", "depth"))


def section_teasers(*, exclude: int | None = None, per_section: int = SECTION_TEASERS) -> dict:
    """The newest few articles of every section, in one query: section path → articles."""
    parent_path = Substr("path", 1, Length("path") - ArticlePage.steplen)
    ranked = (
        published_articles()
        .exclude(pk=exclude)
        .annotate(
            section_path=parent_path,
            rank=Window(
                RowNumber(),
                partition_by=[parent_path],
                order_by=[F("published_at").desc(), F("pk").desc()],
            ),
        )
        .filter(rank__lte=per_section)
        .for_cards()
    )
    grouped: dict[str, list[ArticlePage]] = {}
    for article in ranked:
        grouped.setdefault(article.section_path, []).append(article)
    return grouped


def front_page(home: HomePage, request) -> dict:
    """The lead story, a few teasers per section and, below, every article newest first."""
    latest = published_articles().for_cards()
    lead = None
    if home.lead_article_id:
        lead = latest.filter(pk=home.lead_article_id).first()
    lead = lead or latest.first()
    page = paginate(request, latest.exclude(pk=lead.pk) if lead else latest)
    sections = []
    if page.number == 1:
        teasers = section_teasers(exclude=getattr(lead, "pk", None))
        for section in live_sections():
            if teasers.get(section.path):
                sections.append({"section": section, "articles": teasers[section.path]})
    return {
        "lead": lead if page.number == 1 else None,
        "section_blocks": sections,
        "articles": page,
    }


def breaking_news(*, now=None) -> ArticlePage | None:
    """The newest published article still marked as breaking, if any."""
    now = now or timezone.now()
    return (
        without_restricted(ArticlePage.objects.live())
        .filter(breaking_until__gt=now)
        .order_by("-published_at", "-pk")
        .only("title", "url_path", "path", "depth", "language", "published_at", "breaking_until")
        .first()
    )


def published_corrections() -> QuerySet[ArticleCorrection]:
    """Corrections, clarifications and updates of published articles, newest first."""
    return (
        ArticleCorrection.objects.filter(page__in=published_articles().values("pk"))
        .select_related("page")
        .order_by("-made_at", "-pk")
    )
