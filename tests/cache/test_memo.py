"""Memos: values kept between requests until a purge of their tags, in every process."""

import time

import pytest
from django.db import transaction

from gazette.cache.memo import Memo
from gazette.cache.purge import purge_now
from gazette.cache.store import RedisStore


class Counter:
    """A computation that says how often it ran."""

    def __init__(self, value="v"):
        self.calls = 0
        self.value = value

    def __call__(self):
        self.calls += 1
        return f"{self.value}{self.calls}"


@pytest.fixture
def memo():
    return Memo("chrome")


def test_a_value_is_kept_until_its_tag_is_purged(memo):
    compute = Counter()
    assert memo.get("k", compute) == "v1"
    assert memo.get("k", compute) == "v1"
    purge_now(["chrome"])
    assert memo.get("k", compute) == "v2"
    assert compute.calls == 2


def test_other_tags_leave_it_alone_and_all_drops_it(memo):
    compute = Counter()
    memo.get("k", compute)
    purge_now(["article-7", "home"])
    assert memo.get("k", compute) == "v1"
    purge_now(["all"])
    assert memo.get("k", compute) == "v2"


def test_keys_are_kept_apart(memo):
    assert memo.get("a", Counter("a")) == "a1"
    assert memo.get("b", Counter("b")) == "b1"
    assert memo.get("a", Counter("x")) == "a1"


def test_the_tags_of_the_value_drop_it_too(memo):
    compute = Counter()
    memo.get("k", compute, tags_of=lambda value: ("article-9",))
    purge_now(["article-8"])
    assert memo.get("k", compute) == "v1"
    purge_now(["article-9"])
    assert memo.get("k", compute) == "v2"


def test_past_its_size_the_oldest_value_goes_first():
    memo = Memo("chrome", max_entries=2)
    for key in "abc":
        memo.get(key, Counter(key))
    assert memo.get("b", Counter("x")) == "b1"
    assert memo.get("c", Counter("x")) == "c1"
    assert memo.get("a", Counter("again")) == "again1", "the oldest was dropped"


def test_a_value_ends_when_it_says_so(memo):
    compute = Counter()
    memo.get("k", compute, until=lambda value: time.time() - 1)
    assert memo.get("k", compute) == "v2", "an end in the past keeps nothing"
    memo.get("j", compute, until=lambda value: time.time() + 3600)
    assert memo.get("j", compute) == "v3"


def test_a_purge_during_the_computation_wins(memo):
    def compute():
        purge_now(["chrome"])  # an editor publishes while the value is being read
        return "read before the purge"

    memo.get("k", compute)
    assert memo.get("k", Counter()) == "v1"


@pytest.mark.django_db(transaction=True)
def test_inside_a_transaction_nothing_is_kept_or_served(memo):
    outside = memo.get("k", Counter("outside"))
    with transaction.atomic():
        assert memo.get("k", Counter("inside")) == "inside1", "a transaction reads its own"
    assert memo.get("k", Counter("later")) == outside


def test_when_the_store_cannot_tell_every_call_computes(memo, monkeypatch):
    from gazette.cache import memo as memo_module

    class Blind:
        def clock(self):
            return None

        def unpurged(self, tags, clock):
            return False

    monkeypatch.setattr(memo_module, "get_store", Blind)
    compute = Counter()
    memo.get("k", compute)
    memo.get("k", compute)
    assert compute.calls == 2


def test_redis_stamps_drop_memos_of_every_process(settings):
    if not settings.REDIS_URL:
        pytest.skip("needs Redis (the PostgreSQL + Redis half of make test)")
    location = settings.CACHES["default"]["LOCATION"]
    here = RedisStore(url=location, prefix="memo", stamp_seconds=60)
    there = RedisStore(url=location, prefix="memo", stamp_seconds=60)
    clock = here.clock()
    assert here.unpurged(["chrome", "all"], clock)
    there.purge(["chrome"])
    assert not here.unpurged(["chrome", "all"], clock)
    assert here.unpurged(["home"], clock)
    here.clear()
    here.close()
    there.close()


def test_a_value_it_is_told_not_to_keep_is_computed_again(memo):
    compute = Counter()
    assert memo.get("k", compute, keep=lambda value: False) == "v1"
    assert memo.get("k", compute, keep=lambda value: False) == "v2"


def test_with_memos_off_every_call_computes(memo, settings):
    settings.GAZETTE_MEMOS = False
    compute = Counter()
    assert [memo.get("k", compute) for _ in range(3)] == ["v1", "v2", "v3"]
    settings.GAZETTE_MEMOS = True
    assert memo.get("k", compute) == memo.get("k", compute) == "v4"
