"""The renditions cache keeps objects as they are, bounded and expiring like local memory."""

import time

import pytest
from django.core.cache import caches

from gazette.core.objectcache import ObjectCache


@pytest.fixture
def cache():
    made = ObjectCache("test-objects", {"TIMEOUT": 60, "OPTIONS": {"MAX_ENTRIES": 10}})
    made.clear()
    return made


def test_the_same_object_comes_back_without_a_copy(cache):
    value = {"url": "/media/images/a.fill-480x270.jpg"}
    cache.set("k", value)
    assert cache.get("k") is value
    assert cache.get("missing", "default") == "default"


def test_add_keeps_the_first_value(cache):
    assert cache.add("k", 1) is True
    assert cache.add("k", 2) is False
    assert cache.get("k") == 1


def test_values_expire(cache):
    cache.set("k", "v", timeout=0.05)
    time.sleep(0.1)
    assert cache.get("k") is None
    assert cache.add("k", "again") is True


def test_incr_counts_and_refuses_missing_keys(cache):
    cache.set("n", 1)
    assert cache.incr("n", 2) == 3
    with pytest.raises(ValueError):
        cache.incr("absent")


def test_it_stays_bounded(cache):
    for number in range(50):
        cache.set(f"k{number}", number)
    assert len(cache._cache) <= 10
    assert cache.get("k49") == 49, "the newest survive a cull"


def test_wagtail_renditions_use_it():
    from wagtail.images import get_image_model

    rendition_model = get_image_model().get_rendition_model()
    assert isinstance(caches["renditions"], ObjectCache)
    assert rendition_model.cache_backend is caches["renditions"]
