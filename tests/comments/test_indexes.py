"""What a comment posted writes to indexes: nothing for an article index of its own (the
others start with the article), nothing for a parent it does not have, nothing for a
moderator when a reader submits it; lookups by parent or moderator still use an index."""

import pytest
from django.db import connection

from gazette.comments.models import Comment, ModerationLogEntry

pytestmark = pytest.mark.django_db


def indexes_on(model) -> dict[str, list[str]]:
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, model._meta.db_table)
    return {
        name: info["columns"]
        for name, info in constraints.items()
        if info["index"] and not info["primary_key"]
    }


def plan(sql: str) -> str:
    explain = "EXPLAIN QUERY PLAN " if connection.vendor == "sqlite" else "EXPLAIN "
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # An empty test table is cheaper to scan; only an unusable index makes it scan now.
            cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(explain + sql)
        return " ".join(str(part) for row in cursor.fetchall() for part in row)


def test_the_article_is_indexed_only_at_the_head_of_the_comment_indexes():
    indexes = indexes_on(Comment)

    assert ["article_id"] not in indexes.values()
    leading = {name for name, columns in indexes.items() if columns[0] == "article_id"}
    assert leading == {"comment_page_idx", "comment_reading_idx"}


def test_parent_and_moderator_have_one_partial_index_each():
    comment_indexes, log_indexes = indexes_on(Comment), indexes_on(ModerationLogEntry)

    assert [n for n, c in comment_indexes.items() if c == ["parent_id"]] == ["comment_reply_idx"]
    assert [n for n, c in log_indexes.items() if c == ["actor_id"]] == ["log_actor_idx"]
    for index in (*Comment._meta.indexes, *ModerationLogEntry._meta.indexes):
        if index.name in {"comment_reply_idx", "log_actor_idx"}:
            assert index.condition is not None


@pytest.mark.parametrize(
    ("sql", "index"),
    [
        # What deleting a comment, or a moderator, asks of the rows that point at it.
        (
            "UPDATE comments_comment SET parent_id = NULL WHERE parent_id IN (1, 2)",
            "comment_reply_idx",
        ),
        (
            "UPDATE comments_moderationlogentry SET actor_id = NULL WHERE actor_id IN (1)",
            "log_actor_idx",
        ),
        ("DELETE FROM comments_comment WHERE article_id IN (1)", "comment_"),
    ],
)
def test_lookups_by_parent_moderator_and_article_use_an_index(sql, index):
    used = plan(sql)

    assert f"INDEX {index}" in used or f"using {index}" in used or f" on {index}" in used, used
