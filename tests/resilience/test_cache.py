import itertools
import logging

import pytest
from redis.backoff import NoBackoff
from redis.retry import Retry

from gazette.resilience.cache import (
    CacheUnavailable,
    ResilientRedisCache,
    is_shared,
    strict,
)
from tests.reliability.servers import PrivateRedis, Unavailable

_databases = itertools.count(1)


class Clock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now


@pytest.fixture
def redis_server(tmp_path):
    try:
        server = PrivateRedis(tmp_path / "redis")
    except Unavailable as exc:
        pytest.skip(str(exc))
    server.start()
    yield server
    server.stop()


def make_cache(url: str) -> tuple[ResilientRedisCache, Clock]:
    cache = ResilientRedisCache(
        url,
        {
            "OPTIONS": {
                "socket_connect_timeout": 2,
                "socket_timeout": 2,
                "retry": Retry(NoBackoff(), 1),
                "RETRY_AFTER": 5,
            }
        },
    )
    clock = Clock()
    cache.breaker._clock = clock
    return cache, clock


@pytest.fixture
def cache(redis_server):
    # A database number of its own gives each test its own breaker (one per server URL).
    return make_cache(redis_server.url(next(_databases) % 16))


def test_it_is_a_redis_cache_while_redis_answers(cache):
    cache, _ = cache
    assert is_shared(cache)
    cache.set("headline", "Rain", 60)
    assert cache.get("headline") == "Rain"
    assert cache.add("headline", "Snow", 60) is False
    assert cache.add("count", 1, 60) is True
    assert cache.incr("count") == 2
    assert cache.get_many(["headline", "count"]) == {"headline": "Rain", "count": 2}
    assert cache.delete("headline") is True
    assert cache.get("headline", "gone") == "gone"


def test_without_redis_reads_miss_and_writes_are_skipped(cache, redis_server, caplog):
    cache, _ = cache
    cache.set("headline", "Rain", 60)
    redis_server.stop()
    with caplog.at_level(logging.WARNING, logger="gazette.resilience"):
        assert cache.get("headline", "miss") == "miss"
        assert cache.set("headline", "Snow", 60) is None
        assert cache.add("other", 1, 60) is False
        assert cache.get_many(["headline"]) == {}
        assert cache.has_key("headline") is False
        assert cache.delete("headline") is False
        assert cache.set_many({"a": 1}, 60) == ["a"]
        with pytest.raises(ValueError):
            cache.incr("count")
    assert cache.breaker.is_open
    unreachable = [r for r in caplog.records if "unreachable" in r.getMessage()]
    assert len(unreachable) == 1


def test_strict_calls_say_that_redis_is_unavailable(cache, redis_server):
    cache, _ = cache
    redis_server.stop()
    with pytest.raises(CacheUnavailable) as first:
        strict(cache).add("nonce", 1, 60)
    assert first.value.fresh
    with pytest.raises(CacheUnavailable) as second:
        strict(cache).incr("count")
    assert not second.value.fresh, "the breaker is open: Redis was not even asked"


def test_redis_is_used_again_once_it_is_back_and_the_retry_time_passed(cache, redis_server):
    cache, clock = cache
    redis_server.stop()
    assert cache.get("headline") is None
    redis_server.start()
    cache.set("headline", "Skipped", 60)  # the breaker is still open: not even tried
    clock.now += 5
    cache.set("headline", "Rain", 60)
    assert not cache.breaker.is_open
    assert cache.get("headline") == "Rain"
    assert redis_server.client(int(cache._servers[0].rsplit("/", 1)[1])).dbsize() == 1


def test_a_plain_redis_cache_gets_the_same_strict_promise(settings, redis_server):
    from django.core.cache import caches

    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": redis_server.url(15),
        }
    }
    plain = caches["default"]
    assert strict(plain).add("nonce", 1, 60) is True
    redis_server.stop()
    with pytest.raises(CacheUnavailable):
        strict(plain).add("nonce-2", 1, 60)


def test_local_memory_is_not_shared(settings):
    from django.core.cache import cache

    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "x"}
    }
    assert not is_shared(cache)


def test_a_missing_key_on_a_probe_still_closes_the_breaker(cache, redis_server):
    cache, clock = cache
    redis_server.stop()
    cache.get("anything")
    redis_server.start()
    clock.now += 5
    with pytest.raises(ValueError):
        cache.incr("never-set")
    assert not cache.breaker.is_open, "Redis answered, so it is back"


def test_a_redis_that_never_answers_is_skipped_after_its_timeout():
    import socket

    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen(8)  # accepts connections (the kernel does), never answers a command
    try:
        url = f"redis://127.0.0.1:{silent.getsockname()[1]}/0"
        cache = ResilientRedisCache(
            url, {"OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2}}
        )
        assert cache.get("headline", "miss") == "miss"
        assert cache.breaker.is_open
        with pytest.raises(CacheUnavailable):
            strict(cache).add("nonce", 1, 60)
    finally:
        silent.close()
