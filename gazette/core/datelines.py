"""Datelines: the place a story was reported from, and when, rendered in the site's zone."""

from datetime import datetime

from django.conf import settings
from django.utils import dateformat, timezone

SEPARATOR = " \N{EM DASH} "


def format_dateline_time(moment: datetime, fmt: str | None = None) -> str:
    """``moment`` in the site's time zone (``GAZETTE_TIME_ZONE``) with ``GAZETTE_DATELINE_FORMAT``.

    Raises ``ValueError`` for a naive datetime: a dateline without a zone would be a guess.
    """
    if timezone.is_naive(moment):
        raise ValueError("A dateline needs a timezone-aware datetime.")
    local = timezone.localtime(moment, timezone.get_default_timezone())
    return dateformat.format(local, fmt or settings.GAZETTE_DATELINE_FORMAT)


def format_dateline(place: str, moment: datetime | None, fmt: str | None = None) -> str:
    """``TEHRAN — May 18, 2022 - 21:18``; either half may be missing."""
    place = (place or "").strip().upper()
    when = format_dateline_time(moment, fmt) if moment else ""
    if place and when:
        return f"{place}{SEPARATOR}{when}"
    return place or when
