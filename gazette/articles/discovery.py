"""Reads that help a reader find more: related articles, most commented, and the date archive."""

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import Count, IntegerField, OuterRef, QuerySet, Subquery, Value
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce
from django.utils import timezone
from wagtail.models import Page, PageViewRestriction

from gazette.articles.models import ArticlePage, ArticleTag
from gazette.comments.models import Comment

# What a headline link needs: its text, its URL, its language and direction.
LINK_FIELDS = ("title", "url_path", "path", "depth", "language", "published_at")


def related_articles(page: ArticlePage, *, limit: int = 4) -> list[ArticlePage]:
    """Up to ``limit`` published articles to read next, never ``page`` itself.

    Articles sharing more of ``page``'s tags come first, newest first among equals; then
    articles of the same section, newest first. One query plus the card prefetches, however
    many articles or tags there are. An unsaved page (a preview) has none.

    The work is bounded by ``page``'s tags and ``limit``, not by the number of articles: see
    ``_related_candidates``. Only those few candidates are then ranked.
    """
    if not page.pk or limit < 1:
        return []
    sql, params = _related_candidates(page, limit)
    tags = ArticleTag._meta.db_table
    # Identifiers from the models' metadata, values as parameters.
    shared_tags = RawSQL(  # noqa: S611
        f"SELECT COUNT(*) FROM {tags} v WHERE v.content_object_id = "  # noqa: S608
        f"{ArticlePage._meta.db_table}.page_ptr_id AND v.tag_id IN "
        f"(SELECT o.tag_id FROM {tags} o WHERE o.content_object_id = %s)",
        [page.pk],
        output_field=IntegerField(),
    )
    candidates = (
        ArticlePage.objects.filter(pk__in=RawSQL(sql, params))  # noqa: S611
        .annotate(shared_tags=shared_tags)
        .order_by("-shared_tags", "-published_at", "-pk")
        .for_cards()
    )
    return list(candidates[:limit])


def _related_candidates(page: ArticlePage, limit: int) -> tuple[str, list]:
    """SQL for the ids of the published articles that can be among ``page``'s related ones.

    Three small sets hold the answer:

    - articles sharing two or more of ``page``'s tags, counted from the tag links of
      ``page``'s own tags alone;
    - the ``limit`` newest published articles sharing a tag: one sharing a single tag that is
      not among them has ``limit`` newer articles sharing a tag, all ranked above it;
    - the ``limit`` newest published articles of the section: they hold every article of the
      section that can fill the places the tag matches leave.

    The two "newest" sets read the articles' publication-date index from the newest end and
    stop after ``limit`` matches; nothing reads all articles or all of a section. Plain SQL,
    the same on SQLite and PostgreSQL, because the ORM takes longer to build this query than
    the database takes to run it. Identifiers come from the models' metadata, values are
    parameters.
    """
    articles = ArticlePage._meta.db_table
    tags = ArticleTag._meta.db_table
    pages = Page._meta.db_table
    restrictions = PageViewRestriction._meta.db_table
    own_tags = f"SELECT o.tag_id FROM {tags} o WHERE o.content_object_id = %s"  # noqa: S608

    def readable(alias: str, extra: str = "") -> str:
        """Live and not in or under a page with a view restriction, as Wagtail's public()."""
        return (
            f"EXISTS (SELECT 1 FROM {pages} p WHERE p.id = {alias}.page_ptr_id AND p.live"  # noqa: S608
            f"{extra} AND NOT EXISTS (SELECT 1 FROM {restrictions} r "
            f"INNER JOIN {pages} rp ON rp.id = r.page_id "
            "WHERE rp.path = SUBSTR(p.path, 1, LENGTH(rp.path))))"
        )

    section_path = page.path[: -Page.steplen]
    in_section = " AND p.depth = %s AND SUBSTR(p.path, 1, %s) = %s"
    sql = (
        f"SELECT a.page_ptr_id FROM {articles} a WHERE a.page_ptr_id <> %s AND ("  # noqa: S608
        # Sharing two tags or more.
        f"a.page_ptr_id IN (SELECT t.content_object_id FROM {tags} t "
        f"WHERE t.tag_id IN ({own_tags}) GROUP BY t.content_object_id HAVING COUNT(*) >= 2)"
        # The newest sharing a tag.
        f" OR a.page_ptr_id IN (SELECT n.page_ptr_id FROM {articles} n "
        f"WHERE n.page_ptr_id <> %s AND EXISTS (SELECT 1 FROM {tags} t "
        f"WHERE t.content_object_id = n.page_ptr_id AND t.tag_id IN ({own_tags})) "
        f"AND {readable('n')} ORDER BY n.published_at DESC, n.page_ptr_id DESC LIMIT %s)"
        # The newest of the section.
        f" OR a.page_ptr_id IN (SELECT s.page_ptr_id FROM {articles} s "
        f"WHERE s.page_ptr_id <> %s AND {readable('s', in_section)} "
        "ORDER BY s.published_at DESC, s.page_ptr_id DESC LIMIT %s)"
        f") AND {readable('a')}"
    )
    params = [page.pk, page.pk, page.pk, page.pk, limit]
    params += [page.pk, page.depth, len(section_path), section_path, limit]
    return sql, params


def most_commented(
    *, days: int = 7, limit: int = 5, now: datetime | None = None
) -> list[ArticlePage]:
    """Published articles with the most visible comments written in the last ``days`` days.

    Each carries ``recent_comments``. Ties go to the newer article; articles without such
    comments are left out, so the list may be empty.
    """
    since = (now or timezone.now()) - timedelta(days=days)
    recent = (
        Comment.objects.visible()
        .filter(article_id=OuterRef("pk"), created_at__gte=since)
        .order_by()
        .values("article_id")
        .annotate(n=Count("pk"))
        .values("n")
    )
    articles = (
        ArticlePage.objects.published()
        .annotate(recent_comments=Coalesce(Subquery(recent), Value(0), output_field=IntegerField()))
        .filter(recent_comments__gt=0)
        .order_by("-recent_comments", "-published_at", "-pk")
        .only(*LINK_FIELDS)
    )
    return list(articles[:limit])


@dataclass(frozen=True)
class ArchivePeriod:
    """A year, month or day of the archive, in the site's time zone."""

    year: int
    month: int | None = None
    day: int | None = None

    @classmethod
    def parse(cls, year: str, month: str | None = None, day: str | None = None) -> "ArchivePeriod":
        """The period the URL names. Raises ValueError for a date that does not exist."""
        period = cls(
            int(year), None if month is None else int(month), None if day is None else int(day)
        )
        date(period.year, period.month or 1, period.day or 1)  # raises ValueError
        if period.month == 0 or period.day == 0:
            raise ValueError("Months and days start at 1.")
        return period

    @property
    def first_day(self) -> date:
        return date(self.year, self.month or 1, self.day or 1)

    @property
    def next_first_day(self) -> date | None:
        """The day after the period, or None past the calendar's end (9999-12-31)."""
        try:
            if self.day:
                return self.first_day + timedelta(days=1)
            if self.month:
                return date(self.year + self.month // 12, self.month % 12 + 1, 1)
            return date(self.year + 1, 1, 1)
        except (ValueError, OverflowError):
            return None

    @property
    def kind(self) -> str:
        return "day" if self.day else "month" if self.month else "year"


def site_zone() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


def _local_midnight(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, tzinfo=site_zone())


def _published_in(period: ArchivePeriod) -> QuerySet[ArticlePage]:
    articles = ArticlePage.objects.published().filter(
        published_at__gte=_local_midnight(period.first_day)
    )
    if period.next_first_day is not None:
        articles = articles.filter(published_at__lt=_local_midnight(period.next_first_day))
    return articles


def archive_articles(period: ArchivePeriod) -> QuerySet[ArticlePage]:
    """Published articles whose publication time falls in ``period``, newest first."""
    return _published_in(period).for_cards()


def archive_months(period: ArchivePeriod) -> list[date]:
    """The first day of each month of ``period`` that has a published article, in order."""
    moments = (
        _published_in(period).order_by().datetimes("published_at", "month", tzinfo=site_zone())
    )
    return [moment.date() for moment in moments]
