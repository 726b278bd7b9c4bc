"""The date archive: /archive/<yyyy>/, /archive/<yyyy>/<mm>/, /archive/<yyyy>/<mm>/<dd>/."""

from django.http import Http404
from django.shortcuts import render

from gazette.articles.discovery import ArchivePeriod, archive_articles, archive_months
from gazette.cache import tags as cache_tags
from gazette.core.pagination import paginate


def archive(request, year, month=None, day=None):
    """Published articles of a year, month or day in the site's time zone, newest first."""
    try:
        period = ArchivePeriod.parse(year, month, day)
    except ValueError:
        raise Http404("No such date.") from None
    cache_tags.add("archive")
    page = paginate(request, archive_articles(period))
    months = archive_months(period) if period.kind == "year" else []
    return render(
        request,
        "articles/archive_page.html",
        {"period": period, "articles": page, "months": months},
    )
