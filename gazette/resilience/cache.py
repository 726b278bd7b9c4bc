"""Django's Redis cache, made to survive an unreachable Redis.

``ResilientRedisCache`` is what ``REDIS_URL`` configures. When Redis refuses a connection,
times out or answers with an error, a read is a miss, a write is skipped, and a circuit
breaker keeps every later call away from Redis for ``RETRY_AFTER`` seconds (then one call
probes it). Pages then come from the database; nothing raises.

Callers for whom "missing" and "unreachable" mean different things (spending a challenge
nonce, counting a rate limit) use :func:`strict`, which raises :class:`CacheUnavailable`
instead, so they can turn to the database.
"""

import logging
import threading
from collections.abc import Callable
from typing import Any

from django.core.cache.backends.base import DEFAULT_TIMEOUT, BaseCache
from django.core.cache.backends.redis import RedisCache
from django.utils.connection import ConnectionProxy
from redis.exceptions import RedisError

from gazette.resilience.breaker import CircuitBreaker

logger = logging.getLogger("gazette.resilience")

#: What an unreachable or unwell Redis raises: refused or reset connections and timeouts
#: (``ConnectionError``, ``TimeoutError``), a replica that cannot write, a full memory.
REDIS_ERRORS = (RedisError, OSError)
DEFAULT_RETRY_AFTER = 5.0


class CacheUnavailable(Exception):
    """The shared cache could not be asked. ``fresh`` is False when the circuit breaker
    was open, so nothing was even tried (and the failure has been logged already)."""

    def __init__(self, message: str, *, fresh: bool = True):
        super().__init__(message)
        self.fresh = fresh


_breakers: dict[str, CircuitBreaker] = {}
_breakers_lock = threading.Lock()


def breaker_for(server: str, *, retry_after: float = DEFAULT_RETRY_AFTER) -> CircuitBreaker:
    """The process's one breaker for ``server``: Django builds a cache object per thread,
    and all of them must agree on whether Redis is reachable."""
    with _breakers_lock:
        breaker = _breakers.get(server)
        if breaker is None:
            breaker = _breakers[server] = CircuitBreaker(
                f"Redis cache {_without_password(server)}", retry_after=retry_after
            )
        return breaker


def _without_password(url: str) -> str:
    scheme, sep, rest = url.partition("://")
    return f"{scheme}{sep}{rest.rpartition('@')[2]}" if sep else url


def _raise_missing():
    raise ValueError("The cache is unavailable; the key counts as missing.")


class ResilientRedisCache(RedisCache):
    """``RedisCache`` whose connection errors become misses and no-ops, with a breaker.

    ``OPTIONS`` takes ``RETRY_AFTER`` (seconds the breaker stays open, default 5) besides
    the options of redis-py's connection pool. On an unreachable Redis ``get`` returns the
    default, ``add`` False (as if the key were there: use :func:`strict` where that
    matters), ``set`` and ``delete`` do nothing, and ``incr`` raises ``ValueError`` as for
    a missing key.
    """

    def __init__(self, server, params):
        options = dict(params.get("OPTIONS") or {})
        retry_after = float(options.pop("RETRY_AFTER", DEFAULT_RETRY_AFTER))
        super().__init__(server, {**params, "OPTIONS": options})
        self.breaker = breaker_for(self._servers[0], retry_after=retry_after)
        self.strict = _Strict(self)

    def _call(self, method: Callable, fallback: Callable[[], Any], *args, **kwargs):
        try:
            return self._strict_call(method, *args, **kwargs)
        except CacheUnavailable:
            return fallback()

    def _strict_call(self, method: Callable, *args, **kwargs):
        if not self.breaker.allows():
            raise CacheUnavailable("Redis is not being asked for a moment.", fresh=False)
        try:
            result = method(self, *args, **kwargs)
        except REDIS_ERRORS as exc:
            self.breaker.failed(exc)
            raise CacheUnavailable(str(exc)) from exc
        except Exception:
            self.breaker.succeeded()  # Redis answered; the error is the caller's (a missing key)
            raise
        self.breaker.succeeded()
        return result

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call(RedisCache.add, lambda: False, key, value, timeout, version)

    def get(self, key, default=None, version=None):
        return self._call(RedisCache.get, lambda: default, key, default, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call(RedisCache.set, lambda: None, key, value, timeout, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call(RedisCache.touch, lambda: False, key, timeout, version)

    def delete(self, key, version=None):
        return self._call(RedisCache.delete, lambda: False, key, version)

    def get_many(self, keys, version=None):
        return self._call(RedisCache.get_many, dict, keys, version)

    def has_key(self, key, version=None):
        return self._call(RedisCache.has_key, lambda: False, key, version)

    def incr(self, key, delta=1, version=None):
        return self._call(RedisCache.incr, _raise_missing, key, delta, version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call(RedisCache.set_many, lambda: list(data), data, timeout, version)

    def delete_many(self, keys, version=None):
        return self._call(RedisCache.delete_many, lambda: None, keys, version)

    def clear(self):
        return self._call(RedisCache.clear, lambda: False)


def _count_hits(cache: RedisCache, windows: list[tuple[str, int]]) -> list[int]:
    """Add one to each key, creating it first with its timeout in seconds: ``SET NX EX``
    and ``INCR`` per key, all in one ``MULTI`` (one round trip; atomic, so a key is never
    left without its expiry)."""
    pipeline = cache._cache.get_client(None, write=True).pipeline(transaction=True)
    for key, timeout in windows:
        full_key = cache.make_and_validate_key(key)
        pipeline.set(full_key, 0, ex=timeout, nx=True)
        pipeline.incr(full_key)
    return [int(count) for count in pipeline.execute()[1::2]]


class _Strict:
    """The operations of a ``ResilientRedisCache`` that raise CacheUnavailable instead."""

    def __init__(self, cache: ResilientRedisCache):
        self._cache = cache

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None) -> bool:
        return self._cache._strict_call(RedisCache.add, key, value, timeout, version)

    def get(self, key, default=None, version=None):
        return self._cache._strict_call(RedisCache.get, key, default, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None) -> None:
        return self._cache._strict_call(RedisCache.set, key, value, timeout, version)

    def incr(self, key, delta=1, version=None) -> int:
        return self._cache._strict_call(RedisCache.incr, key, delta, version)

    def count_hits(self, windows: list[tuple[str, int]]) -> list[int]:
        """Each ``(key, timeout)`` counted once more; the new counts (see ``_count_hits``)."""
        return self._cache._strict_call(_count_hits, windows)


class _PlainStrict:
    """The same promise for a plain ``RedisCache`` (no breaker): errors become
    CacheUnavailable."""

    def __init__(self, cache: RedisCache):
        self._cache = cache

    def _call(self, name: str, *args):
        try:
            return getattr(self._cache, name)(*args)
        except REDIS_ERRORS as exc:
            raise CacheUnavailable(str(exc)) from exc

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None) -> bool:
        return self._call("add", key, value, timeout, version)

    def get(self, key, default=None, version=None):
        return self._call("get", key, default, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None) -> None:
        return self._call("set", key, value, timeout, version)

    def incr(self, key, delta=1, version=None) -> int:
        return self._call("incr", key, delta, version)

    def count_hits(self, windows: list[tuple[str, int]]) -> list[int]:
        try:
            return _count_hits(self._cache, windows)
        except REDIS_ERRORS as exc:
            raise CacheUnavailable(str(exc)) from exc


def is_shared(cache: BaseCache) -> bool:
    """Whether every process of the site sees this cache (Redis), unlike local memory."""
    return isinstance(_resolve(cache), RedisCache)


def strict(cache: RedisCache) -> _Strict | _PlainStrict:
    """``add``, ``get``, ``set``, ``incr`` and ``count_hits`` of a Redis cache that raise
    CacheUnavailable when Redis cannot answer, instead of pretending the key is missing."""
    cache = _resolve(cache)
    if isinstance(cache, ResilientRedisCache):
        return cache.strict
    return _PlainStrict(cache)


def _resolve(cache):
    """The backend behind ``django.core.cache.cache``, which is a per-thread proxy."""
    if isinstance(cache, ConnectionProxy):
        return cache._connections[cache._alias]
    return cache
