"""A full disk, and a read-only one, under the SQLite database.

The database lives on a small tmpfs of its own (``DATABASE_URL=sqlite:///…``). When that
fills up, a comment post gets a 503 that says to try again, the log says what is wrong,
reads go on, and the database stays intact; once space is freed, posts succeed again
without a restart. A disk remounted read-only is a 503 for every request that needs the
database (SQLite cannot open a WAL database there at all), with the same promises.
"""

import errno
import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

import pytest

from tests.reliability.conftest import FAULT_SETTINGS
from tests.reliability.faults import (
    Connection,
    create_article,
    ledger,
    new_marker,
    stored_comments,
)
from tests.reliability.servers import GazetteServer, site_env

pytestmark = pytest.mark.reliability

DISK_SIZE = "16m"


@pytest.fixture
def small_disk(tmp_path):
    """A tmpfs of its own; skipped where mounting is not allowed."""
    mount_point = tmp_path / "disk"
    mount_point.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={DISK_SIZE},mode=0755", "tmpfs", str(mount_point)],
        capture_output=True,
        text=True,
        check=False,
    )
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a small tmpfs here: {mounted.stderr.strip()}")
    try:
        yield mount_point
    finally:
        subprocess.run(["umount", "-l", str(mount_point)], check=False)


def on_disk(sqlite_site: Path, disk: Path) -> dict[str, str]:
    database = disk / "gazette.sqlite3"
    shutil.copy2(sqlite_site / "gazette.sqlite3", database)
    return site_env(sqlite_site, DATABASE_URL=f"sqlite:///{database}", **FAULT_SETTINGS)


def fill(disk: Path) -> Path:
    """Write a file until the disk has no room left."""
    filler = disk / "filler"
    chunk = b"\0" * 65536
    # Unbuffered: a buffered file would try the bytes it still held again on close, and
    # raise there, outside the loop that expects the disk to fill.
    with filler.open("wb", buffering=0) as handle:
        try:
            while True:
                handle.write(chunk)
        except OSError as exc:
            assert exc.errno == errno.ENOSPC, exc
    return filler


def integrity(database: Path) -> list:
    check = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
    try:
        return check.execute("PRAGMA integrity_check").fetchall()
    finally:
        check.close()


def shrink_wal(database: Path) -> None:
    """Empty the write-ahead log into the database, so the next write must grow it."""
    conn = sqlite3.connect(database, timeout=20)
    try:
        busy, _, _ = conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        assert busy == 0
    finally:
        conn.close()


def test_a_full_disk_is_a_503_and_a_clear_log_line_and_the_database_survives(
    sqlite_site, small_disk, tmp_path
):
    env = on_disk(sqlite_site, small_disk)
    database = small_disk / "gazette.sqlite3"
    article_id, page = create_article(env)
    with GazetteServer(env, workers=1, log=tmp_path / "server.log") as server:
        client = Connection(server.base)
        before = [client.post_comment(article_id, new_marker()) for _ in range(3)]
        assert [answer.status for answer in before] == [201] * 3
        shrink_wal(database)
        filler = fill(small_disk)
        full = [client.post_comment(article_id, new_marker()) for _ in range(3)]
        read = client.get(page)
        os.unlink(filler)
        after = client.post_comment(article_id, new_marker())
        log = server.log()

    summary = f"full: {[(a.status, a.body[:200]) for a in full]}; log: {log[-3000:]}"
    assert [answer.status for answer in full] == [503] * 3, summary
    assert all(answer.headers.get("retry-after") == "5" for answer in full)
    assert all(b"try again" in answer.body for answer in full), summary
    assert read.status == 200, "reading needs no room on the disk"
    assert "database or disk is full" in log, summary
    assert "free some disk space" in log, summary
    assert after.status == 201, after.body
    assert integrity(database) == [("ok",)]
    book = ledger([*before, *full, after], stored_comments(env, article_id))
    assert book.acknowledged == 4 and book.stored == 4
    assert book.missing == [] and book.unacknowledged == [] and book.half_written == []


def test_a_read_only_disk_is_a_503_and_a_clear_log_line_and_the_database_survives(
    sqlite_site, small_disk, tmp_path
):
    env = on_disk(sqlite_site, small_disk)
    database = small_disk / "gazette.sqlite3"
    article_id, page = create_article(env)
    # As after a file system error that remounts a disk read-only. SQLite cannot even read
    # a database in WAL mode then: it must be able to create the shared-memory file.
    subprocess.run(["mount", "-o", "remount,ro", str(small_disk)], check=True)
    with GazetteServer(env, workers=1, log=tmp_path / "server.log") as server:
        client = Connection(server.base)
        read = client.get(page)
        posts = [client.post_comment(article_id, new_marker()) for _ in range(2)]
        subprocess.run(["mount", "-o", "remount,rw", str(small_disk)], check=True)
        after = client.post_comment(article_id, new_marker())
        log = server.log()

    summary = f"{[(a.status, a.body[:200]) for a in [read, *posts]]}; log: {log[-3000:]}"
    assert [answer.status for answer in [read, *posts]] == [503] * 3, summary
    assert all(answer.headers.get("retry-after") == "5" for answer in [read, *posts])
    assert "cannot be opened for writing" in log, summary
    assert after.status == 201, after.body
    assert integrity(database) == [("ok",)]
    book = ledger([*posts, after], stored_comments(env, article_id))
    assert book.acknowledged == 1 and book.stored == 1 and book.unacknowledged == []
