import threading
from datetime import UTC, datetime, timedelta

import pytest
from django.db import connection

from gazette.comments import ratelimit
from gazette.comments.ratelimit import Limit, hit, purge_expired_counters
from gazette.core.models import RateLimitCounter
from tests.reliability.servers import PrivateRedis, Unavailable

LOCAL_MEMORY = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "rl"}
}
NOW = 1_800_000_000.0  # a fixed instant, on the hour


def resilient(url: str) -> dict:
    return {
        "default": {
            "BACKEND": "gazette.resilience.cache.ResilientRedisCache",
            "LOCATION": url,
            "OPTIONS": {"socket_connect_timeout": 2, "socket_timeout": 2},
        }
    }


@pytest.fixture
def redis_server(tmp_path):
    try:
        server = PrivateRedis(tmp_path / "redis")
    except Unavailable as exc:
        pytest.skip(str(exc))
    server.start()
    yield server
    server.stop()


@pytest.fixture
def on_database(settings):
    settings.CACHES = LOCAL_MEMORY


@pytest.mark.django_db
def test_without_redis_limits_are_counted_in_the_database(on_database):
    limits = [Limit(2, 60)]
    assert hit("ip:203.0.113.0/24", limits, now=NOW) is None
    assert hit("ip:203.0.113.0/24", limits, now=NOW + 1) is None
    assert hit("ip:203.0.113.0/24", limits, now=NOW + 2) == 59, "58 s left, rounded up"
    assert RateLimitCounter.objects.get().count == 3


@pytest.mark.django_db
def test_each_scope_and_window_has_its_own_count(on_database):
    limits = [Limit(1, 60), Limit(5, 3600)]
    assert hit("ip:a", limits, now=NOW) is None
    assert hit("ip:b", limits, now=NOW) is None
    assert hit("ip:a", limits, now=NOW + 60) is None, "a new minute, a new count"
    assert hit("ip:a", limits, now=NOW + 61) is not None
    assert RateLimitCounter.objects.filter(key__startswith="rl:ip:a:3600:").get().count == 3


@pytest.mark.django_db
def test_the_longest_wait_is_returned(on_database):
    limits = [Limit(1, 60), Limit(1, 3600)]
    hit("ip:a", limits, now=NOW)
    wait = hit("ip:a", limits, now=NOW)
    assert wait == 3601, "the hour's wait, not the minute's"


@pytest.mark.django_db
def test_a_very_long_scope_still_fits_its_key(on_database):
    scope = "article:1:" + "2001:db8:" * 40
    assert hit(scope, [Limit(1, 60)], now=NOW) is None
    assert hit(scope, [Limit(1, 60)], now=NOW) is not None
    assert len(RateLimitCounter.objects.get().key) <= ratelimit.MAX_KEY_LENGTH


@pytest.mark.django_db(transaction=True)
def test_concurrent_hits_from_many_threads_are_all_counted(on_database):
    limits = [Limit(10, 3600)]
    start = threading.Barrier(20)
    waits = []

    def attempt():
        try:
            start.wait()
            waits.append(hit("ip:crowd", limits, now=NOW))
        finally:
            connection.close()

    threads = [threading.Thread(target=attempt) for _ in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert waits.count(None) == 10
    assert RateLimitCounter.objects.get().count == 20


@pytest.mark.django_db
def test_with_redis_nothing_is_written_to_the_database(settings, redis_server):
    settings.CACHES = resilient(redis_server.url(1))
    limits = [Limit(2, 60)]
    assert [hit("ip:a", limits, now=NOW) for _ in range(3)][-1] is not None
    assert not RateLimitCounter.objects.exists()
    redis = redis_server.client(1)
    (key,) = redis.keys("*")
    assert int(redis.get(key)) == 3
    assert 0 < redis.ttl(key) <= 60 + ratelimit.GRACE, "a counter never outlives its window"


@pytest.mark.django_db
def test_while_redis_is_down_limits_are_counted_in_the_database(settings, redis_server):
    settings.CACHES = resilient(redis_server.url(2))
    limits = [Limit(2, 60)]
    hit("ip:a", limits, now=NOW)
    redis_server.stop()
    assert hit("ip:a", limits, now=NOW) is None, "the database starts the window afresh"
    assert hit("ip:a", limits, now=NOW) is None
    assert hit("ip:a", limits, now=NOW) is not None, "and still enforces the limit"
    assert RateLimitCounter.objects.get().count == 3


@pytest.mark.django_db
def test_expired_counters_are_purged():
    now = datetime(2027, 1, 1, tzinfo=UTC)
    for key, offset in [("gone", -1), ("kept", 1)]:
        expires_at = now + timedelta(seconds=offset)
        RateLimitCounter.objects.create(key=key, count=1, expires_at=expires_at)
    assert purge_expired_counters(now=now) == 1
    assert list(RateLimitCounter.objects.values_list("key", flat=True)) == ["kept"]


@pytest.mark.django_db
def test_counting_sometimes_purges_old_counters(on_database, monkeypatch):
    monkeypatch.setattr(ratelimit, "PURGE_ONE_IN", 1)
    RateLimitCounter.objects.create(
        key="old", count=1, expires_at=datetime(2020, 1, 1, tzinfo=UTC)
    )
    hit("ip:a", [Limit(5, 60)])
    assert not RateLimitCounter.objects.filter(key="old").exists()
