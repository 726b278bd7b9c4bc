"""The stored reading order behind the pages: ``thread`` and ``path``, however a comment is
written (the service, ``save()``, ``bulk_create``) and for comments that predate them."""

import importlib
from datetime import timedelta

import pytest
from django.apps import apps
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from gazette.comments import threads
from gazette.comments.models import Comment
from tests.comments.bulk import bulk_comments, comment_row
from tests.comments.helpers import submit
from tests.factories import make_article, make_section

pytestmark = pytest.mark.django_db


@pytest.fixture
def article():
    return make_article(section=make_section(default_comment_mode="open"))


def test_a_submitted_reply_extends_its_parents_path_without_a_query(article):
    parent = submit(article, "The first word.").comment

    with CaptureQueriesContext(connection) as queries:
        reply = submit(article, "An answer.", parent_id=parent.pk).comment

    reply.refresh_from_db()
    assert reply.path.startswith(parent.path) and len(reply.path) == 2 * threads.SEGMENT
    assert reply.thread == parent.thread == parent.path
    lookups = [q for q in queries if q["sql"].startswith('SELECT "comments_comment"."path" ')]
    assert lookups == [], "the parent object already carries its path"


def test_a_reply_saved_with_only_its_parents_id_looks_the_path_up(article):
    parent = comment_row(article, at=timezone.now())
    parent.save()
    reply = comment_row(article, at=timezone.now())
    reply.parent_id = parent.pk
    with CaptureQueriesContext(connection) as queries:
        reply.save()

    assert reply.path.startswith(parent.path)
    assert reply.thread == parent.path
    assert sum(q["sql"].startswith('SELECT "comments_comment"."path" ') for q in queries) == 1


def test_bulk_created_comments_get_their_places_too(article):
    made = bulk_comments(article, threads=3, replies=4)

    stored = {comment.pk: comment for comment in Comment.objects.all()}
    assert len(stored) == 7
    for comment in made:
        row = stored[comment.pk]
        assert row.path and row.thread == row.path[: threads.SEGMENT]
        if row.parent_id:
            assert row.path.startswith(stored[row.parent_id].path)


def test_reading_order_is_oldest_first_at_every_level(article):
    start = timezone.now() - timedelta(hours=1)
    old, new = (comment_row(article, at=start + timedelta(minutes=m)) for m in (0, 1))
    for comment in (new, old):  # written out of order, as an import might
        comment.save()
    late_reply = comment_row(article, at=start + timedelta(minutes=9), parent=old)
    late_reply.save()

    ordered = list(Comment.objects.in_reading_order().values_list("pk", flat=True))

    assert ordered == [old.pk, late_reply.pk, new.pk]


def test_a_very_deep_chain_stays_within_the_column_and_after_its_parent(article):
    parent = None
    chain = []
    start = timezone.now() - timedelta(hours=1)
    for level in range(threads.LEVELS + 5):
        comment = comment_row(article, at=start + timedelta(seconds=level), parent=parent)
        comment.save()
        chain.append(comment)
        parent = comment

    paths = [comment.path for comment in chain]
    assert max(map(len, paths)) == threads.PATH_LENGTH
    assert paths == sorted(paths), "each reply sorts after what it answers"
    assert {comment.thread for comment in chain} == {chain[0].path}


def test_the_migration_fills_in_comments_written_before_it(article):
    made = bulk_comments(article, threads=3, replies=5)
    deeper = comment_row(article, at=timezone.now(), parent=made[-1])
    deeper.save()
    expected_order = list(Comment.objects.in_reading_order().values_list("pk", flat=True))
    Comment.objects.update(path="", thread="")

    migration = importlib.import_module("gazette.comments.migrations.0004_comment_thread_path")
    migration.fill_paths(apps, None)

    rows = {comment.pk: comment for comment in Comment.objects.all()}
    assert all(row.path and row.thread == row.path[: threads.SEGMENT] for row in rows.values())
    for row in rows.values():
        if row.parent_id:
            assert row.path.startswith(rows[row.parent_id].path)
    assert list(Comment.objects.in_reading_order().values_list("pk", flat=True)) == expected_order


def test_segments_are_digits_of_one_width_in_time_order():
    now = timezone.now()
    earlier = threads.segment(now - timedelta(microseconds=1), serial=999_999)
    later = threads.segment(now, serial=0)

    assert earlier < later
    assert earlier.isdigit() and len(earlier) == len(later) == threads.SEGMENT
