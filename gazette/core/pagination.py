"""Pagination that never fails on what a reader types into ``?page=``."""

from django.conf import settings
from django.core.paginator import Page, Paginator
from django.http import Http404


def paginate(request, object_list, per_page: int | None = None, param: str = "page") -> Page:
    """The requested page of ``object_list``.

    A number past either end gives the nearest page; anything that is not a whole number
    (``abc``, ``1.5``) is a 404, so crawlers do not index endless copies of page one.
    """
    paginator = Paginator(object_list, per_page or settings.GAZETTE_PAGE_SIZE)
    raw = request.GET.get(param, "1")
    try:
        number = int(raw)
    except (TypeError, ValueError):
        raise Http404("No such page.") from None
    number = min(max(number, 1), paginator.num_pages)
    return paginator.page(number)
