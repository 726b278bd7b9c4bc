"""The two page stores on their own: shared purges, bounds, and a Redis that is down."""

import socket
import subprocess
import sys
import time

import pytest

from gazette.cache.store import Entry, LocalStore, RedisStore


def entry(body=b"page", tags=("all", "article-1"), clock=0, ttl=60) -> Entry:
    now = time.time()
    return Entry("200 OK", (("Content-Type", "text/html"),), body, tags, clock, now, now + ttl,
                 '"e"', None)


@pytest.fixture
def local(tmp_path):
    store = LocalStore(stamps_path=tmp_path / "stamps", max_entries=3, max_bytes=1 << 20)
    yield store
    store.close()


def test_a_purge_in_another_process_reaches_this_one(local, tmp_path):
    local.set("k", entry(clock=local.clock()))
    local.set("k2", entry(tags=("all", "article-2"), clock=local.clock()))
    assert local.get("k") is not None
    code = (
        "from pathlib import Path; from gazette.cache.store import LocalStore;"
        f"LocalStore(stamps_path=Path({str(tmp_path / 'stamps')!r}), max_entries=1, max_bytes=1)"
        ".purge(['article-1'])"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
    assert local.get("k") is None, "the other process's purge dropped the page"
    assert local.get("k2") is not None, "a page with other tags stays"


def test_expired_pages_are_not_served(local):
    local.set("k", entry(ttl=-1))
    assert local.get("k") is None


def test_least_recently_used_pages_go_first(local):
    for key in "abc":
        local.set(key, entry())
    assert local.get("a") is not None  # a is now the most recently used
    local.set("d", entry())
    assert local.get("b") is None
    assert {key for key in "acd" if local.get(key)} == {"a", "c", "d"}


def test_bytes_are_bounded(tmp_path):
    store = LocalStore(stamps_path=tmp_path / "s", max_entries=100, max_bytes=4000)
    for key in range(10):
        store.set(str(key), entry(body=b"x" * 900))
    assert len(store) == 4
    store.set("huge", entry(body=b"x" * 2000))  # over a quarter of the budget: not kept
    assert store.get("huge") is None
    store.close()


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_redis_down_means_misses_not_errors(caplog):
    store = RedisStore(url=f"redis://127.0.0.1:{_closed_port()}/0", prefix="t", stamp_seconds=60)
    assert store.clock() is None
    assert store.get("k") is None
    store.set("k", entry())
    assert store.purge(["article-1"]) is None
    assert store._unsent == {"article-1"}, "the purge waits to be sent"
    assert "Page cache: Redis failed" in caplog.text
    store.close()


def test_an_unsent_purge_blocks_hits_until_it_is_sent(settings):
    if not settings.REDIS_URL:
        pytest.skip("needs Redis (the PostgreSQL + Redis half of make test)")
    location = settings.CACHES["default"]["LOCATION"]
    store = RedisStore(url=location, prefix="unsent", stamp_seconds=60)
    store.set("k", entry(clock=store.clock()))
    assert store.get("k") is not None
    store._unsent.add("article-1")  # as if Redis had refused this purge a moment ago
    assert store.get("k") is None, "no hit while a purge is outstanding"
    assert store.clock() is not None  # sends it
    assert store.get("k") is None, "and the purge dropped the page"
    store.clear()
    store.close()
