"""The newsroom moves between SQLite and PostgreSQL installations and back without loss.

The suite's own database is the source; the other installations are separate `gazette`
processes with their own DATABASE_URL and data dir, as an operator would run them. The
SQLite half of `make test` goes SQLite → PostgreSQL → SQLite, the PostgreSQL half the
other way round, so both directions run in each half.
"""

from contextlib import contextmanager
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection

from tests.cli.helpers import gazette_env, run_gazette
from tests.portability.helpers import (
    MODERATOR,
    assert_same_archives,
    other_engine,
    scratch_postgres_database,
    seed_newsroom,
)

pytestmark = pytest.mark.django_db


@contextmanager
def installation(engine: str, data_dir: Path):
    """A migrated Gazette on ``engine`` with the moderator's account; yields its environment."""
    data_dir.mkdir()
    env = gazette_env(data_dir)
    if engine == "postgresql":
        with scratch_postgres_database() as url:
            env["DATABASE_URL"] = url
            yield _prepared(env)
    else:
        yield _prepared(env)


def _prepared(env: dict) -> dict:
    migrated = run_gazette("migrate", "--noinput", env=env)
    assert migrated.returncode == 0, migrated.stderr
    user = run_gazette(
        "createsuperuser", "--noinput", "--username", MODERATOR, "--email", "m@example.invalid",
        env={**env, "DJANGO_SUPERUSER_PASSWORD": "not-used-here"},
    )  # fmt: skip
    assert user.returncode == 0, user.stderr
    return env


def gazette(*args, env) -> str:
    result = run_gazette(*args, env=env)
    assert result.returncode == 0, result.stderr + result.stdout
    return result.stdout


def test_the_newsroom_moves_to_the_other_database_and_back_without_loss(tmp_path):
    seed_newsroom()
    source = tmp_path / "source.tar.gz"
    call_command("export", str(source), stdout=StringIO())

    with installation(other_engine(), tmp_path / "there") as there:
        first = gazette("import", str(source), env=there)
        gazette("export", str(tmp_path / "there.tar.gz"), env=there)
        second = gazette("import", str(source), env=there)

    with installation(connection.vendor, tmp_path / "back") as back:
        gazette("import", str(tmp_path / "there.tar.gz"), env=back)
        gazette("export", str(tmp_path / "back.tar.gz"), env=back)

    assert "Import complete" in first and "No user" not in first
    assert "Import complete: 0 records added" in second
    records = assert_same_archives(source, tmp_path / "there.tar.gz")
    assert_same_archives(source, tmp_path / "back.tar.gz")
    statuses = {comment["status"] for comment in records["comments.jsonl"]}
    assert statuses == {"pending", "approved", "rejected", "spam", "removed"}
    assert len(records["articles.jsonl"]) == 7 and len(records["media"]) == 3
