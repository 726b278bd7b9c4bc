"""Refusing hostile requests at the door, before any view, form or parser reads them.

``RequestLimitsMiddleware`` answers from the request's headers and URL alone:

* a ``Content-Length`` over ``GAZETTE_MAX_BODY_SIZE`` (``GAZETTE_MAX_ADMIN_BODY_SIZE`` under
  the Wagtail admin, where editors upload images and documents) is a 413, sent without
  reading the body, so a client cannot make a worker read megabytes to be told no;
* a ``Content-Length`` that is not a number is a 400;
* a NUL character in the path or query string of a page is a 400: no URL of the site has
  one, and PostgreSQL refuses NUL in text, so it could only turn a query into a server
  error (the API validates each parameter itself and names the one at fault in a 422).
  The search page is the exception for its query string: what a reader typed or pasted
  there is cleaned by the search view, which drops NUL and still answers with results;
* a body sent to a reader-facing page (not the API, not the admin) in anything but the two
  HTML form encodings is a 415: those views read ``request.POST``, which would silently be
  empty, and the reader would be told something unrelated.

Answers under ``/api/`` are JSON ``{"detail": ...}`` as in the rest of the API; others are
plain text.
"""

from functools import lru_cache

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.urls import NoReverseMatch, get_script_prefix, get_urlconf, reverse
from django.utils.translation import gettext as _

FORM_TYPES = frozenset({"application/x-www-form-urlencoded", "multipart/form-data"})
API_PREFIX = "/api/"
_NUL_ESCAPES = ("%00", "\x00")


def _is_search(request: HttpRequest) -> bool:
    try:
        return request.path == reverse("search")
    except NoReverseMatch:
        return False


def _admin_prefix() -> str | None:
    """Where the Wagtail admin starts, as ``reverse`` gives it for this request's URLconf and
    script prefix; reversed once for each (this runs on every request)."""
    return _reversed("wagtailadmin_home", settings.ROOT_URLCONF, get_urlconf(), get_script_prefix())


@lru_cache(maxsize=16)
def _reversed(name: str, root_urlconf: str, urlconf, script_prefix: str) -> str | None:
    try:
        return reverse(name, urlconf=urlconf)
    except NoReverseMatch:
        return None


def _is_admin(request: HttpRequest) -> bool:
    prefix = _admin_prefix()
    return bool(prefix) and request.path.startswith(prefix)


def body_limit(request: HttpRequest) -> int:
    """The largest body, in bytes, this request may announce."""
    if _is_admin(request):
        return settings.GAZETTE_MAX_ADMIN_BODY_SIZE
    return settings.GAZETTE_MAX_BODY_SIZE


def _refuse(request: HttpRequest, status: int, message: str) -> HttpResponse:
    if request.path.startswith(API_PREFIX):
        response = JsonResponse({"detail": message}, status=status)
    else:
        response = HttpResponse(message, status=status, content_type="text/plain; charset=utf-8")
    # No Connection header (WSGI forbids hop-by-hop headers): with the body left unread, the
    # server itself decides whether to drain it or close the connection.
    response["Cache-Control"] = "no-store"
    return response


def refusal(request: HttpRequest) -> HttpResponse | None:
    """The answer to a request that must not reach a view, or None to let it through."""
    raw_length = request.META.get("CONTENT_LENGTH") or ""
    if raw_length.strip():
        if not raw_length.strip().isdigit():
            return _refuse(request, 400, _("The Content-Length header is not a number."))
        limit = body_limit(request)
        if int(raw_length) > limit:
            return _refuse(
                request,
                413,
                _("This request is too large: at most %(limit)d bytes are accepted.")
                % {"limit": limit},
            )
    if not request.path.startswith(API_PREFIX) and (
        "\x00" in request.path
        or (
            # The cheap test first: reversing the search URL costs more than reading the query.
            any(escape in request.META.get("QUERY_STRING", "") for escape in _NUL_ESCAPES)
            and not _is_search(request)
        )
    ):
        return _refuse(request, 400, _("Addresses may not contain NUL characters."))
    if (
        request.method in {"POST", "PUT", "PATCH"}
        and raw_length.strip() not in {"", "0"}
        and not request.path.startswith(API_PREFIX)
        and not _is_admin(request)
        and request.content_type not in FORM_TYPES
    ):
        return _refuse(
            request,
            415,
            _("Send this form as application/x-www-form-urlencoded or multipart/form-data."),
        )
    return None


class RequestLimitsMiddleware:
    """First in ``MIDDLEWARE``: see the module docstring for what it refuses and why."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return refusal(request) or self.get_response(request)
