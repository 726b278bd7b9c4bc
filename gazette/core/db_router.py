"""Reads to a read replica, everything else to the primary (``DATABASE_REPLICA_URL``).

``settings.py`` adds the ``replica`` database and this router when ``DATABASE_REPLICA_URL``
is set. A query goes to the replica only when nothing in the same request could want to
see its own writes there first:

- writes, and every query inside a transaction, go to ``default``;
- once a thread has written, its reads stay on ``default`` until the request ends (a
  replica lags the primary by a moment, and a reader who has just posted a comment must
  see it on the next query);
- migrations run on ``default`` only; the replica copies them.

A new request starts unpinned (``request_started``); :func:`unpin` does the same for work
outside requests (the scheduler's thread, commands).
"""

from asgiref.local import Local
from django.core.signals import request_finished, request_started
from django.db import DEFAULT_DB_ALIAS, connections

REPLICA = "replica"
_state = Local()


def pinned() -> bool:
    """Whether this thread's reads go to the primary until the request ends."""
    return getattr(_state, "pinned", False)


def pin() -> None:
    _state.pinned = True


def unpin(**kwargs) -> None:
    _state.pinned = False


request_started.connect(unpin, dispatch_uid="gazette.core.db_router.start")
request_finished.connect(unpin, dispatch_uid="gazette.core.db_router.finish")


def has_replica() -> bool:
    return REPLICA in connections.settings


class ReplicaRouter:
    def db_for_read(self, model, **hints):
        if not has_replica():
            return None
        if pinned() or connections[DEFAULT_DB_ALIAS].in_atomic_block:
            return DEFAULT_DB_ALIAS
        return REPLICA

    def db_for_write(self, model, **hints):
        pin()
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints):
        databases = {DEFAULT_DB_ALIAS, REPLICA}
        if obj1._state.db in databases and obj2._state.db in databases:
            return True
        return None

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return False if db == REPLICA else None
