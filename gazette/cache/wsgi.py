"""The full-page cache, as a WSGI wrapper around Django.

A hit is answered here, before Django builds a request object or runs one middleware: a
key from the environ, one store lookup, and the stored status, headers and body. A miss
goes to Django; if ``PageCacheHeadersMiddleware`` found the response public, it is stored
with its tags and the purge clock read before rendering (see ``gazette.cache.store``).

Only anonymous GET and HEAD requests are looked up: a session cookie or an
``Authorization`` header bypasses the cache, as do the admin, the API and static files.
Every answer says what happened in ``X-Gazette-Cache``: ``hit``, ``miss`` or ``bypass``.

Right after a purge, many readers may ask for the same page at once. Within a worker only
one of them renders it; the others wait for that render (at most ``RENDER_WAIT`` seconds)
and are answered from the cache.
"""

import hashlib
import logging
import threading
import time
import weakref
from email.utils import parsedate_to_datetime
from urllib.parse import parse_qsl, urlencode

from django.conf import settings

from gazette.cache.middleware import ENV_TAGS, ENV_TTL
from gazette.cache.store import Entry, get_store

logger = logging.getLogger(__name__)

#: Query parameters that never change a page: campaign and click trackers.
IGNORED_PARAMS = frozenset({"fbclid", "gclid", "dclid", "msclkid", "mc_cid", "mc_eid", "_ga"})
#: Paths never served from the page cache.
BYPASS_PREFIXES = ("/admin/", "/api/", "/static/", "/media/", "/documents/", "/comments/")
#: Headers a stored page keeps; per-response details are added again on every hit.
DROPPED_HEADERS = frozenset({"x-gazette-cache", "age", "date", "set-cookie"})
#: Longest a request waits for another thread rendering the same page.
RENDER_WAIT = 5.0


class _Render:
    """One page being rendered in this process; others asking for it wait on ``lock``."""

    __slots__ = ("lock", "__weakref__")

    def __init__(self):
        self.lock = threading.Lock()


class _Renders:
    def __init__(self):
        self._guard = threading.Lock()
        self._renders = weakref.WeakValueDictionary()

    def for_key(self, key: str) -> _Render:
        with self._guard:
            render = self._renders.get(key)
            if render is None:
                render = self._renders[key] = _Render()
            return render


def cache_key(environ) -> str:
    query = environ.get("QUERY_STRING", "")
    if query:
        pairs = [
            (name, value)
            for name, value in parse_qsl(query, keep_blank_values=True)
            if name not in IGNORED_PARAMS and not name.startswith("utm_")
        ]
        query = urlencode(sorted(pairs))
    raw = "\n".join(
        (
            environ.get("wsgi.url_scheme", "http"),
            environ.get("HTTP_HOST") or environ.get("SERVER_NAME", ""),
            environ.get("PATH_INFO", ""),
            query,
            settings.LANGUAGE_CODE,
        )
    )
    return hashlib.blake2b(raw.encode("utf-8", "surrogateescape"), digest_size=20).hexdigest()


def _lookup_allowed(environ) -> bool:
    if environ.get("REQUEST_METHOD") not in ("GET", "HEAD"):
        return False
    if environ.get("HTTP_AUTHORIZATION"):
        return False
    if settings.SESSION_COOKIE_NAME + "=" in environ.get("HTTP_COOKIE", ""):
        return False
    return not environ.get("PATH_INFO", "").startswith(BYPASS_PREFIXES)


def _not_modified(environ, entry: Entry) -> bool:
    if_none_match = environ.get("HTTP_IF_NONE_MATCH")
    if if_none_match is not None:
        candidates = {tag.strip().removeprefix("W/") for tag in if_none_match.split(",")}
        return "*" in candidates or entry.etag in candidates
    if_modified_since = environ.get("HTTP_IF_MODIFIED_SINCE")
    if if_modified_since and entry.last_modified is not None:
        try:
            since = parsedate_to_datetime(if_modified_since).timestamp()
        except (TypeError, ValueError, IndexError):
            return False
        return entry.last_modified <= since
    return False


class PageCacheApp:
    def __init__(self, app):
        self.app = app
        self._renders = _Renders()

    def __call__(self, environ, start_response):
        if not settings.GAZETTE_PAGE_CACHE or not _lookup_allowed(environ):
            return self._bypass(environ, start_response)
        store = get_store()
        key = cache_key(environ)
        entry = store.get(key)
        if entry is not None:
            return self._hit(environ, start_response, entry)
        render = self._renders.for_key(key)
        if render.lock.acquire(blocking=False):
            try:
                return self._miss(environ, start_response, store, key)
            finally:
                render.lock.release()
        # Someone in this worker is rendering this page: wait for it, then serve theirs.
        if render.lock.acquire(timeout=RENDER_WAIT):
            render.lock.release()
            entry = store.get(key)
            if entry is not None:
                return self._hit(environ, start_response, entry)
        return self._miss(environ, start_response, store, key)

    def _bypass(self, environ, start_response):
        def start(status, headers, exc_info=None):
            return start_response(status, [*headers, ("X-Gazette-Cache", "bypass")], exc_info)

        return self.app(environ, start)

    def _hit(self, environ, start_response, entry: Entry):
        age = str(max(0, int(time.time() - entry.stored_at)))
        if _not_modified(environ, entry):
            keep = {"etag", "cache-control", "last-modified", "surrogate-key", "cache-tag", "vary"}
            headers = [(k, v) for k, v in entry.headers if k.lower() in keep]
            start_response("304 Not Modified", [*headers, ("Age", age), ("X-Gazette-Cache", "hit")])
            return []
        start_response(entry.status, [*entry.headers, ("Age", age), ("X-Gazette-Cache", "hit")])
        if environ["REQUEST_METHOD"] == "HEAD":
            return []
        return [entry.body]

    def _miss(self, environ, start_response, store, key: str):
        clock = store.clock()  # read before rendering: a purge from now on beats this page
        captured = {}

        def start(status, headers, exc_info=None):
            captured["status"], captured["headers"] = status, headers
            return start_response(status, [*headers, ("X-Gazette-Cache", "miss")], exc_info)

        result = self.app(environ, start)
        tags = environ.get(ENV_TAGS)
        if (
            clock is None
            or not tags
            or environ["REQUEST_METHOD"] != "GET"
            or not captured.get("status", "").startswith("200")
            or any(name.lower() == "set-cookie" for name, _ in captured["headers"])
        ):
            return result
        try:
            body = b"".join(result)
        finally:
            close = getattr(result, "close", None)
            if close is not None:
                close()
        headers = tuple(
            (name, value)
            for name, value in captured["headers"]
            if name.lower() not in DROPPED_HEADERS
        )
        now = time.time()
        store.set(
            key,
            Entry(
                status=captured["status"],
                headers=headers,
                body=body,
                tags=tags,
                clock=clock,
                stored_at=now,
                expires_at=now + environ[ENV_TTL],
                etag=next((v for k, v in headers if k.lower() == "etag"), ""),
                last_modified=_last_modified(headers),
            ),
        )
        return [body]


def _last_modified(headers) -> float | None:
    for name, value in headers:
        if name.lower() == "last-modified":
            try:
                return parsedate_to_datetime(value).timestamp()
            except (TypeError, ValueError, IndexError):
                return None
    return None
