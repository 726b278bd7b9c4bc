"""Reads: which articles a page, feed or API response shows, and in what order."""

from django.db.models import Exists, F, OuterRef, QuerySet, Window
from django.db.models.functions import Length, RowNumber, Substr
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
#: What a card (``includes/article_card.html``) reads of an article, its link included; a
#: section listing loads no other field. A card reading another one costs a query per card,
#: which ``tests/articles/test_listings.py`` counts.
CARD_FIELDS = (
    *("title", "slug", "url_path", "path", "depth", "live", "locale", "content_type"),
    *("first_published_at", "last_published_at", "published_at"),
    *("standfirst", "dateline_place", "language", "lead_image", "section_page", "listed"),
)


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


class SectionArticles(ArticleQuerySet):
    """A section's published articles (see ``section_articles()``), whose ``count()`` reads
    only the article table's section index, and whose slices past the first row (the
    listing's later pages) find their ids in that index before reading those rows by id.
    Copies made by filtering or slicing count and slice as usual."""

    counted: QuerySet | None = None  # the same articles, on the article table alone
    by_id: QuerySet | None = None  # what a card needs of any article

    def count(self) -> int:
        if self.counted is not None and self._result_cache is None:
            return self.counted.count()
        return super().count()

    def __getitem__(self, k):
        # An OFFSET over the full rows would look every skipped article up in the page
        # table (page 450 of a section: 9,000 lookups); over the index it skips entries.
        if (
            isinstance(k, slice)
            and k.start
            and k.step is None
            and self.counted is not None
            and self._result_cache is None
        ):
            order = self.query.order_by
            ids = list(self.counted.order_by(*order).values_list("pk", flat=True)[k])
            rows = {article.pk: article for article in self.by_id.filter(pk__in=ids)}
            return [rows[pk] for pk in ids if pk in rows]
        return super().__getitem__(k)


def hidden_children(section: SectionPage) -> set[int] | None:
    """The ids of the section's children that a view restriction hides from listings, or
    None when the section itself, or a page above it, is restricted: then, as with
    Wagtail's ``public()``, every article of the section is hidden. No query on a site
    without restrictions, once the routing memo knows there are none."""
    from gazette.articles.routing import has_view_restrictions

    if not has_view_restrictions():
        return set()
    hidden = set()
    for page_id, path in PageViewRestriction.objects.values_list("page_id", "page__path"):
        if section.path.startswith(path):
            return None
        if path.startswith(section.path) and len(path) == len(section.path) + Page.steplen:
            hidden.add(page_id)
    return hidden


def section_articles(section: SectionPage) -> QuerySet[ArticlePage]:
    """The section's published articles, newest first: its live article pages, less those a
    view restriction hides, as Wagtail's ``child_of(section).live().public()``.

    Each article row holds its section and a copy of ``live`` (``ArticlePage.section_page``,
    ``listed``), so the listing is a range of the ``article_section_listed`` index read from
    the newest end: a page of the listing reads about as many rows as it shows, whatever
    the size of the section or the site. The count reads the same range of that index and
    nothing else. ``Page.live`` is checked too, on the rows shown.
    """
    hidden = hidden_children(section)
    if hidden is None:
        return ArticlePage.objects.none()
    counted = ArticlePage.objects.filter(section_page=section, listed=True)
    articles = SectionArticles(ArticlePage).live().filter(section_page=section, listed=True)
    if hidden:
        counted, articles = counted.exclude(pk__in=hidden), articles.exclude(pk__in=hidden)
    # The rows as cards show them: no body to read and parse, fewer columns to convert.
    articles = articles.order_by("-published_at", "-pk").only(*CARD_FIELDS).for_cards()
    articles.counted = counted.order_by()
    articles.by_id = ArticlePage.objects.live().order_by().only(*CARD_FIELDS).for_cards()
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
