import os

import pytest
from django.conf import settings
from django.core.cache import caches
from django.test import override_settings


@pytest.fixture(scope="session", autouse=True)
def _unhashed_static_files():
    """Tests run without `collectstatic`, so static URLs come straight from the finders."""
    override = override_settings(
        STORAGES={
            "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
            "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
        }
    )
    override.enable()
    yield
    override.disable()


@pytest.fixture(scope="session", autouse=True)
def _redis_database_per_worker():
    """Parallel workers each get their own Redis database: ``cache.clear()`` empties a whole
    database, and one worker's clear must not cool another's cache mid-test."""
    worker = os.environ.get("PYTEST_XDIST_WORKER", "")
    cache_settings = settings.CACHES["default"]
    if not worker or "redis" not in cache_settings["BACKEND"].lower():
        yield
        return
    base, _, number = cache_settings["LOCATION"].rpartition("/")
    database = int(number) - 1 - int(worker.removeprefix("gw")) if number.isdigit() else 1
    override = override_settings(
        CACHES={**settings.CACHES, "default": {**cache_settings, "LOCATION": f"{base}/{database}"}}
    )
    override.enable()
    yield
    override.disable()


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    """Uploaded files of one test never land in the data dir or in another test."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(scope="session", autouse=True)
def _page_cache_stamps_per_worker(tmp_path_factory):
    """Each test process gets its own purge clock: another worker's purges must not turn
    this worker's expected hits into misses."""
    override = override_settings(
        GAZETTE_PAGE_CACHE_STAMPS=tmp_path_factory.mktemp("page-cache") / "stamps"
    )
    override.enable()
    yield
    override.disable()


@pytest.fixture(autouse=True)
def _empty_cache():
    from gazette.cache.memo import clear_all
    from gazette.cache.store import get_store

    def empty():
        for alias in ("default", "renditions"):
            caches[alias].clear()
        get_store().clear()
        clear_all()

    empty()
    yield
    empty()


@pytest.fixture
def home(db):

    from tests.factories import ensure_home

    return ensure_home()
