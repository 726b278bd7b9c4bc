"""`gazette backup`: a consistent copy while the site writes, on SQLite and on PostgreSQL."""

import shutil
import sqlite3
import subprocess
import threading
import time
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import connection, transaction
from wagtail.models import Collection

from gazette.articles.models import ArticlePage
from gazette.comments.models import Comment, ModerationLogEntry
from gazette.portability import PortabilityError
from gazette.portability.backup import backup_database, backup_postgresql, pg_dump_command
from tests.factories import make_article, make_image
from tests.portability.helpers import add_comment, scratch_postgres_database

sqlite_only = pytest.mark.skipif(
    connection.vendor != "sqlite", reason="the SQLite online backup (the other half runs it)"
)
postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="pg_dump (the PostgreSQL half runs it)"
)


def wait_for(condition, what: str) -> None:
    """Poll ``condition``; the long bound only keeps a broken test from hanging forever."""
    deadline = time.monotonic() + 300
    while not condition():
        assert time.monotonic() < deadline, f"gave up waiting for {what}"
        time.sleep(0.01)


class CommentWriter(threading.Thread):
    """Writes comments, each with its log entry in the same transaction, until stopped."""

    def __init__(self, article_id: int):
        super().__init__(daemon=True)
        self.article_id = article_id
        self.written: list[int] = []
        self.stopping = threading.Event()
        self.error: BaseException | None = None

    def run(self):
        try:
            while not self.stopping.is_set():
                with transaction.atomic():
                    comment = Comment.objects.create(
                        article_id=self.article_id,
                        author_name="Writer",
                        body=f"Comment {len(self.written)}",
                        body_html="<p>…</p>",
                        body_hash=str(len(self.written)),
                    )
                    ModerationLogEntry.objects.create(
                        comment=comment, actor_label="reader", action="submit", to_status="pending"
                    )
                self.written.append(comment.pk)
        except BaseException as error:  # reported by the test, not lost in the thread
            self.error = error
        finally:
            connection.close()


@sqlite_only
@pytest.mark.django_db(transaction=True)
def test_sqlite_backup_taken_during_writes_is_whole_and_consistent(tmp_path):
    article = make_article(slug="busy")
    writer = CommentWriter(article.pk)
    writer.start()
    try:
        wait_for(lambda: len(writer.written) >= 5, "the first comments")
        before = len(writer.written)
        result = backup_database(
            tmp_path / "copy.sqlite3", counted_tables=(Comment._meta.db_table,)
        )
        during = len(writer.written)
        wait_for(lambda: len(writer.written) >= during + 5, "comments after the backup")
    finally:
        writer.stopping.set()
        writer.join()
    assert writer.error is None, writer.error

    copy = sqlite3.connect(tmp_path / "copy.sqlite3")
    comments = copy.execute(
        "SELECT count(*) FROM comments_comment WHERE author_name = 'Writer'"
    ).fetchone()[0]
    logged = copy.execute(
        "SELECT count(*) FROM comments_moderationlogentry WHERE comment_id IN "
        "(SELECT id FROM comments_comment WHERE author_name = 'Writer')"
    ).fetchone()[0]

    assert copy.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert copy.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    assert before <= comments <= len(writer.written)
    assert comments < len(writer.written), "writes went on after the copy was taken"
    assert logged == comments, "every comment in the copy has its log entry, and no more"
    assert result.rows[Comment._meta.db_table] == comments
    assert sorted(p.name for p in tmp_path.iterdir()) == ["copy.sqlite3"]


@sqlite_only
@pytest.mark.django_db(transaction=True)
def test_backup_command_copies_database_and_media_and_keeps_old_backups(settings, tmp_path):
    if not Collection.objects.exists():  # a transactional test starts from flushed tables
        Collection.add_root(name="Root")
    article = make_article(slug="kept", lead_image=make_image("Kept"))
    add_comment(article, "Saved.")
    backups = tmp_path / "backups"
    backups.mkdir()
    target = backups / "nightly.sqlite3"
    output = StringIO()

    call_command("backup", str(target), "--media", stdout=output)
    with pytest.raises(CommandError, match="exists; choose another name or pass --overwrite"):
        call_command("backup", str(target), stdout=StringIO())
    call_command("backup", str(target), "--media", "--overwrite", stdout=StringIO())

    copy = sqlite3.connect(target)
    assert copy.execute("SELECT count(*) FROM articles_articlepage").fetchone()[0] == 1
    assert "1 rows in comments_comment" in output.getvalue()
    originals = Path(settings.MEDIA_ROOT) / "original_images"
    copied = backups / "nightly.sqlite3.media" / "original_images"
    assert sorted(p.name for p in copied.iterdir()) == sorted(p.name for p in originals.iterdir())
    assert sorted(p.name for p in backups.iterdir()) == [
        "nightly.sqlite3",
        "nightly.sqlite3.media",
    ]


@postgres_only
@pytest.mark.skipif(shutil.which("pg_restore") is None, reason="pg_restore is not installed")
@pytest.mark.django_db(transaction=True)
def test_postgres_backup_is_a_pg_dump_that_restores(tmp_path):
    article = make_article(slug="kept")
    add_comment(article, "Saved.")
    target = tmp_path / "site.pgdump"

    call_command("backup", str(target), stdout=StringIO())

    assert target.read_bytes()[:5] == b"PGDMP"
    with scratch_postgres_database() as url:
        restored = subprocess.run(
            ["pg_restore", "--no-owner", f"--dbname={url}", str(target)],
            capture_output=True,
            text=True,
            check=False,
        )
        assert restored.returncode == 0, restored.stderr
        import psycopg

        with psycopg.connect(url) as restored_db:
            count = restored_db.execute(
                "SELECT count(*) FROM articles_articlepage WHERE page_ptr_id = %s", [article.pk]
            ).fetchone()[0]
            comments = restored_db.execute("SELECT count(*) FROM comments_comment").fetchone()[0]
    assert (count, comments) == (1, 1)


@postgres_only
@pytest.mark.django_db
def test_postgres_backup_without_pg_dump_says_what_to_install(tmp_path):
    with pytest.raises(CommandError, match="was not found. Install the PostgreSQL client"):
        call_command("backup", str(tmp_path / "x.pgdump"), "--pg-dump", str(tmp_path / "pg_dump"))
    assert list(tmp_path.iterdir()) == []


def test_pg_dump_gets_the_password_from_the_environment_not_the_command_line(tmp_path):
    fake = tmp_path / "pg_dump"
    fake.write_text("#!/bin/sh\necho 'pg_dump (PostgreSQL) 15.4'\n")
    fake.chmod(0o755)
    settings_dict = {
        "NAME": "news", "USER": "editor", "PASSWORD": "s3cret", "HOST": "db.internal",
        "PORT": 5433, "OPTIONS": {"sslmode": "require"},
    }  # fmt: skip

    command, env = pg_dump_command(settings_dict, tmp_path / "out", pg_dump=str(fake))

    assert command[1:] == [
        "--format=custom", "--no-password", f"--file={tmp_path / 'out'}", "--host=db.internal",
        "--port=5433", "--username=editor", "--dbname=news",
    ]  # fmt: skip
    assert "s3cret" not in " ".join(command)
    assert (env["PGPASSWORD"], env["PGSSLMODE"]) == ("s3cret", "require")


def test_an_older_pg_dump_is_refused_before_it_runs(tmp_path):
    fake = tmp_path / "pg_dump"
    fake.write_text("#!/bin/sh\necho 'pg_dump (PostgreSQL) 13.9'\n")
    fake.chmod(0o755)
    backups = tmp_path / "backups"
    backups.mkdir()

    with pytest.raises(PortabilityError, match="version 13; the server runs PostgreSQL 15"):
        backup_postgresql(
            {"NAME": "news"}, backups / "site.pgdump", pg_dump=str(fake), server_major=15
        )
    assert list(backups.iterdir()) == []


def test_a_missing_pg_dump_is_named(tmp_path):
    with pytest.raises(PortabilityError, match="nowhere/pg_dump was not found"):
        pg_dump_command({"NAME": "news"}, tmp_path / "out", pg_dump="/nowhere/pg_dump")


@pytest.mark.django_db
def test_backup_of_this_database_counts_the_tables_it_was_asked_about(tmp_path):
    if connection.vendor != "sqlite":
        pytest.skip("row counts are read from SQLite copies")
    # Inside the test's transaction nothing is committed, so the copy holds no articles.
    make_article(slug="uncommitted")
    result = backup_database(
        tmp_path / "copy.sqlite3", counted_tables=(ArticlePage._meta.db_table,)
    )
    assert result.rows == {ArticlePage._meta.db_table: 0}
    assert result.engine == "sqlite" and result.size > 0


@pytest.mark.django_db(transaction=True)
def test_export_reads_one_moment_while_comments_are_written(tmp_path):
    from gazette.portability.exporter import read_snapshot

    article = make_article(slug="busy")
    add_comment(article, "Before.")

    def write_one():
        try:
            add_comment(article, "During.")
        finally:
            connection.close()

    with read_snapshot():
        seen_first = Comment.objects.count()
        writer = threading.Thread(target=write_one)
        writer.start()
        writer.join()
        seen_again = Comment.objects.count()
    seen_after = Comment.objects.count()

    assert (seen_first, seen_again, seen_after) == (1, 1, 2)
