import pytest
from django.core.signals import request_finished, request_started
from django.db import close_old_connections, transaction

from gazette.comments.models import Comment
from gazette.core import db_router
from gazette.core.db_router import ReplicaRouter


@pytest.fixture
def replica(monkeypatch):
    """As if DATABASE_REPLICA_URL were set (settings.py then adds a ``replica`` alias)."""
    monkeypatch.setattr(db_router, "has_replica", lambda: True)
    db_router.unpin()
    yield ReplicaRouter()
    db_router.unpin()


def test_reads_go_to_the_replica(replica):
    assert replica.db_for_read(Comment) == "replica"


def test_without_a_replica_the_router_has_no_opinion():
    assert ReplicaRouter().db_for_read(Comment) is None


def test_writes_go_to_the_primary_and_pin_the_reads_after_them(replica):
    assert replica.db_for_write(Comment) == "default"
    assert replica.db_for_read(Comment) == "default", "a reader sees what they just wrote"


def test_a_new_request_reads_from_the_replica_again(replica):
    replica.db_for_write(Comment)
    # As Django's test client does: the signals without closing database connections.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        request_finished.send(sender=None)
        request_started.send(sender=None)
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)
    assert replica.db_for_read(Comment) == "replica"


@pytest.mark.django_db(transaction=True)
def test_reads_inside_a_transaction_go_to_the_primary(replica):
    with transaction.atomic():
        assert replica.db_for_read(Comment) == "default"
    assert replica.db_for_read(Comment) == "replica"


def test_migrations_run_on_the_primary_only(replica):
    assert replica.allow_migrate("replica", "comments") is False
    assert replica.allow_migrate("default", "comments") is None


def test_objects_from_either_database_may_be_related(replica):
    first, second = Comment(), Comment()
    first._state.db, second._state.db = "default", "replica"
    assert replica.allow_relation(first, second) is True
    second._state.db = "elsewhere"
    assert replica.allow_relation(first, second) is None


def test_another_thread_is_not_pinned_by_this_ones_write(replica):
    import threading

    replica.db_for_write(Comment)
    seen = []
    thread = threading.Thread(target=lambda: seen.append(replica.db_for_read(Comment)))
    thread.start()
    thread.join()
    assert seen == ["replica"]
