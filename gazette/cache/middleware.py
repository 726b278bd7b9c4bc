"""HTTP caching headers for anonymous pages, and the hand-over to the WSGI page cache.

A GET that collected cache tags while rendering (``gazette.cache.tags``), answered 200
without cookies to an anonymous reader, is public: it gets ``Cache-Control`` with
``s-maxage`` and ``stale-while-revalidate``, an ``ETag``, a ``Last-Modified``, and its tags
in ``Surrogate-Key`` (space-separated, Fastly and Varnish) and ``Cache-Tag`` (comma-separated,
Cloudflare). A conditional request that matches gets 304. Anything else is left alone,
except that a tagged page shown to a signed-in user is marked private.
"""

import hashlib
import math
import time
from datetime import UTC, datetime

from django.conf import settings
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date

from gazette.cache import tags as cache_tags

#: What the WSGI page cache reads back from the environ after Django answered.
ENV_TAGS = "gazette.cache.tags"
ENV_TTL = "gazette.cache.ttl"


def is_anonymous(request) -> bool:
    return settings.SESSION_COOKIE_NAME not in request.COOKIES and not request.META.get(
        "HTTP_AUTHORIZATION"
    )


class PageCacheHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method not in ("GET", "HEAD"):
            return self.get_response(request)
        collector, token = cache_tags.start()
        try:
            response = self.get_response(request)
        finally:
            cache_tags.finish(token)
        if not collector.cacheable or response.status_code != 200:
            return response
        if not is_anonymous(request):
            patch_cache_control(response, private=True, no_cache=True)
            return response
        if response.cookies or response.streaming or response.has_header("Cache-Control"):
            return response
        ttl = self._ttl(collector.expires_at)
        if ttl <= 0:
            patch_cache_control(response, no_cache=True)
            return response
        self._make_public(response, collector.tags, ttl)
        request.META[ENV_TAGS] = tuple(sorted(collector.tags))
        request.META[ENV_TTL] = ttl
        return get_conditional_response(
            request,
            etag=response["ETag"],
            last_modified=math.floor(time.time()),
            response=response,
        )

    @staticmethod
    def _ttl(expires_at: datetime | None) -> int:
        ttl = settings.GAZETTE_PAGE_CACHE_SECONDS
        if expires_at is not None:
            ttl = min(ttl, math.floor((expires_at - datetime.now(UTC)).total_seconds()))
        return ttl

    @staticmethod
    def _make_public(response, tags, ttl: int) -> None:
        patch_cache_control(
            response,
            public=True,
            max_age=min(settings.GAZETTE_HTTP_MAX_AGE, ttl),
            s_maxage=min(settings.GAZETTE_HTTP_S_MAXAGE, ttl),
            stale_while_revalidate=settings.GAZETTE_HTTP_STALE_WHILE_REVALIDATE,
        )
        ordered = sorted(tags)
        response["Surrogate-Key"] = " ".join(ordered)
        response["Cache-Tag"] = ",".join(ordered)
        digest = hashlib.blake2b(response.content, digest_size=16).hexdigest()
        response["ETag"] = f'"{digest}"'
        if not response.has_header("Last-Modified"):
            response["Last-Modified"] = http_date(time.time())
