"""Reads that help a reader find more: related articles, most commented, and the date archive."""

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import Count, IntegerField, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from gazette.articles.models import ArticlePage, ArticleTag
from gazette.comments.models import Comment

# What a headline link needs: its text, its URL, its language and direction.
LINK_FIELDS = ("title", "url_path", "path", "depth", "language", "published_at")


def related_articles(page: ArticlePage, *, limit: int = 4) -> list[ArticlePage]:
    """Up to ``limit`` published articles to read next, never ``page`` itself.

    Articles sharing more of ``page``'s tags come first, newest first among equals; then
    articles of the same section, newest first. One query plus the card prefetches, however
    many articles or tags there are. An unsaved page (a preview) has none.
    """
    if not page.pk or limit < 1:
        return []
    own_tags = ArticleTag.objects.filter(content_object_id=page.pk).values("tag_id")
    shared_tags = (
        ArticleTag.objects.filter(content_object_id=OuterRef("pk"), tag_id__in=own_tags)
        .order_by()
        .values("content_object_id")
        .annotate(n=Count("pk"))
        .values("n")
    )
    section_path = page.path[: -ArticlePage.steplen]
    same_section = Q(path__startswith=section_path, depth=page.depth)
    candidates = (
        ArticlePage.objects.published()
        .exclude(pk=page.pk)
        .annotate(
            shared_tags=Coalesce(Subquery(shared_tags), Value(0), output_field=IntegerField())
        )
        .filter(Q(shared_tags__gt=0) | same_section)
        .order_by("-shared_tags", "-published_at", "-pk")
        # Only what article_card.html shows: for_listing() would add bylines and tags, four
        # more queries on every article page for data the cards do not use.
        .select_related("lead_image")
        .prefetch_related("lead_image__renditions")
    )
    return list(candidates[:limit])


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
    return _published_in(period).for_listing()


def archive_months(period: ArchivePeriod) -> list[date]:
    """The first day of each month of ``period`` that has a published article, in order."""
    moments = (
        _published_in(period).order_by().datetimes("published_at", "month", tzinfo=site_zone())
    )
    return [moment.date() for moment in moments]
