"""Fixtures of the fault tests: migrated sites on SQLite or on a private PostgreSQL, and a
private Redis. Migrating is the slow part, so it happens once per test session and sites
are copies (a file copy for SQLite, ``CREATE DATABASE … TEMPLATE`` for PostgreSQL)."""

import os
import secrets
import shutil
from pathlib import Path

import pytest

from tests.cli.helpers import run_gazette
from tests.reliability.servers import (
    PrivatePostgres,
    PrivateRedis,
    Unavailable,
    migrate,
    site_env,
)

#: Every post must be taken at once: no minimum time to fill the form in, no rate limits
#: (every client is 127.0.0.1), no hold for first comments (open articles answer 201).
FAULT_SETTINGS = {
    "GAZETTE_CHALLENGE_MIN_SECONDS": "0",
    "GAZETTE_COMMENT_RATE_LIMITS": "off",
    "GAZETTE_COMMENT_ARTICLE_RATE_LIMITS": "off",
    "GAZETTE_HOLD_FIRST_COMMENTS": "off",
    "GAZETTE_MODERATOR_EMAILS": "off",
    "GAZETTE_LOG_LEVEL": "INFO",
}


@pytest.fixture(scope="session")
def static_files(tmp_path_factory) -> Path:
    """Static files collected once; every site links to them (``gazette run`` is started
    with ``--no-collectstatic``)."""
    data_dir = tmp_path_factory.mktemp("static")
    collected = run_gazette("collectstatic", "--noinput", "-v0", env=site_env(data_dir))
    assert collected.returncode == 0, collected.stderr[-3000:]
    return data_dir / "static"


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory) -> Path:
    """A data dir with a migrated SQLite database, to be copied."""
    data_dir = tmp_path_factory.mktemp("sqlite-template")
    migrate(site_env(data_dir))
    return data_dir


@pytest.fixture
def site_dir(static_files, tmp_path) -> Path:
    """An empty data dir whose static files are the collected ones."""
    data_dir = tmp_path / "site"
    data_dir.mkdir()
    (data_dir / "static").symlink_to(static_files, target_is_directory=True)
    return data_dir


@pytest.fixture
def sqlite_site(site_dir, sqlite_template) -> Path:
    """A data dir with its own copy of the migrated SQLite database."""
    for name in ("gazette.sqlite3", "secret_key"):
        shutil.copy2(sqlite_template / name, site_dir / name)
    return site_dir


@pytest.fixture(scope="session")
def private_postgres(tmp_path_factory):
    """A PostgreSQL cluster of this session's own, with a migrated database ``template``."""
    try:
        cluster = PrivatePostgres()
    except Unavailable as exc:
        pytest.skip(f"no private PostgreSQL: {exc}")
    try:
        cluster.start()
        url = cluster.create_database("gazette_template")
        migrate(site_env(tmp_path_factory.mktemp("pg-template"), DATABASE_URL=url))
        yield cluster
    finally:
        cluster.destroy()


@pytest.fixture
def postgres_url(private_postgres) -> str:
    """A fresh copy of the migrated database on the private cluster."""
    name = f"gazette_{secrets.token_hex(4)}"
    return private_postgres.create_database(name, template="gazette_template")


@pytest.fixture
def private_redis(tmp_path):
    try:
        server = PrivateRedis(tmp_path / "redis")
    except Unavailable as exc:
        pytest.skip(f"no private Redis: {exc}")
    server.start()
    yield server
    server.stop()


def pytest_collection_modifyitems(config, items):
    """The fault tests bring their own servers and ignore DATABASE_URL and REDIS_URL: a
    run with those set (the PostgreSQL half of a suite) need not repeat them."""
    if not os.environ.get("DATABASE_URL") or os.environ.get("GAZETTE_FAULTS_EVERY_PASS"):
        return
    skip = pytest.mark.skip(
        reason="fault tests start their own servers; they run in the pass without DATABASE_URL"
    )
    for item in items:
        module = getattr(item, "module", None)
        if module is not None and module.__name__.rsplit(".", 1)[-1].startswith("test_faults_"):
            item.add_marker(skip)
