"""A database that cannot be reached answers 503 with ``Retry-After``, not a 500.

Place ``DatabaseUnavailableMiddleware`` right after ``SecurityMiddleware``. An error that
:func:`is_database_unavailable` recognises, raised by a view or while rendering, becomes a
small page (JSON under ``/api/``) asking the client to come back in
``GAZETTE_RETRY_AFTER`` seconds; no traceback reaches the client. The same happens when
such an error escapes another middleware (Django has turned it into a 500 by then and
logged it; the 500 is replaced). The outage is logged once when it starts and once when a
request succeeds again, with how long it lasted.

Nothing here retries: the next request reconnects by itself (``CONN_HEALTH_CHECKS``).
"""

import json
import logging
import sys
import threading
import time

from django.conf import settings
from django.core.signals import got_request_exception
from django.http import HttpRequest, HttpResponse
from django.utils.html import escape
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from gazette.resilience.database import is_database_unavailable

logger = logging.getLogger("gazette.resilience")

DEFAULT_RETRY_AFTER = 5
#: Bodies up to this size are read before answering 503, so the connection stays usable.
DRAIN_LIMIT = 1024 * 1024
_MARK = "_gazette_database_error"


class Outage:
    """Per process: since when the database has been failing, and how many requests."""

    def __init__(self, clock=time.monotonic):
        self._clock = clock
        self._lock = threading.Lock()
        self.since: float | None = None
        self.refused = 0

    @property
    def active(self) -> bool:
        return self.since is not None

    def noticed(self, error: BaseException) -> None:
        with self._lock:
            self.refused += 1
            if self.since is not None:
                return
            self.since = self._clock()
        logger.warning(
            "The database is unavailable (%s): %s",
            _describe(error),
            "answering 503 with Retry-After until it is back.",
        )

    def over(self) -> None:
        if self.since is None:
            return
        with self._lock:
            if self.since is None:
                return
            lasted, refused = self._clock() - self.since, self.refused
            self.since, self.refused = None, 0
        logger.warning(
            "The database is back after %.1f s; %d request(s) were answered 503.", lasted, refused
        )


outage = Outage()


class DatabaseUnavailableMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        error = getattr(request, _MARK, None)
        if error is not None and response.status_code >= 500:
            outage.noticed(error)
            return unavailable_response(request)
        if outage.active and response.status_code < 500 and not _is_file(request.path):
            outage.over()
        return response

    def process_exception(self, request: HttpRequest, exception: Exception):
        if not is_database_unavailable(exception):
            return None
        outage.noticed(exception)
        return unavailable_response(request)


def unavailable_response(request: HttpRequest) -> HttpResponse:
    """503 with ``Retry-After``, never cached: JSON for the API, else a short page."""
    _drain(request)
    seconds = int(getattr(settings, "GAZETTE_RETRY_AFTER", DEFAULT_RETRY_AFTER))
    message = _(
        "The site cannot reach its database right now. Please try again in %(seconds)d seconds."
    ) % {"seconds": seconds}
    if request.method == "POST":
        # Usually nothing was saved; but the database may have gone between a commit and
        # the answer, so the reader is not promised that.
        message += " " + _(
            "What you sent may not have been saved: go back to the form, where your text "
            "still is, and send it again."
        )
    if _wants_json(request):
        response = HttpResponse(
            json.dumps({"detail": message}), content_type="application/json", status=503
        )
    else:
        title = _("Temporarily unavailable")
        page = (
            f'<!DOCTYPE html>\n<html lang="{escape(get_language() or "en")}">\n<head>\n'
            '<meta charset="utf-8">\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>{escape(title)}</title>\n</head>\n"
            f"<body>\n<main>\n<h1>{escape(title)}</h1>\n<p>{escape(message)}</p>\n"
            "</main>\n</body>\n</html>\n"
        )
        response = HttpResponse(page, content_type="text/html; charset=utf-8", status=503)
    response["Retry-After"] = str(seconds)
    response["Cache-Control"] = "no-store"
    return response


def _mark_request(sender, request=None, **kwargs) -> None:
    """Remember on the request that the error Django is turning into a 500 is an outage."""
    error = sys.exc_info()[1]
    if request is not None and error is not None and is_database_unavailable(error):
        setattr(request, _MARK, error)


got_request_exception.connect(_mark_request, dispatch_uid="gazette.resilience.database")


def _drain(request: HttpRequest) -> None:
    """Read a body the view never got to, so the server can keep the connection open: an
    answer sent with the body still unread makes it close the connection, and the
    client's next request on it fails instead of getting an answer. A large body (an
    upload) is left unread: closing that connection is cheaper."""
    if getattr(request, "_read_started", True):
        return
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return
    if not 0 < length <= DRAIN_LIMIT:
        return
    try:
        while request.read(65536):
            pass
    except Exception as exc:  # a client gone away: the 503 is sent anyway
        logger.debug("Could not read the body of a request answered 503 (%s).", exc)


def _wants_json(request: HttpRequest) -> bool:
    accept = request.headers.get("Accept", "")
    return request.path.startswith("/api/") or (
        "application/json" in accept and "text/html" not in accept
    )


def _is_file(path: str) -> bool:
    prefixes = [p for p in (settings.STATIC_URL, settings.MEDIA_URL) if p and p.startswith("/")]
    return any(path.startswith(prefix) for prefix in prefixes)


def _describe(error: BaseException) -> str:
    text = (str(error).strip() or type(error).__name__).splitlines()[0]
    lowered = text.lower()
    if "disk is full" in lowered or "no space" in lowered:
        return f"{text}; free some disk space where the database lives"
    if "readonly" in lowered or "read-only" in lowered:
        return f"{text}; the database file or its directory cannot be written"
    if "unable to open database file" in lowered:
        return f"{text}; the database file or its directory cannot be opened for writing"
    return text
