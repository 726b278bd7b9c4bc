"""Telling a database that is gone from a query that is wrong, and riding out SQLite locks."""

import random
import time
from collections.abc import Callable
from typing import TypeVar

from django.db import InterfaceError, OperationalError, connections

T = TypeVar("T")

#: SQLite reports "database is locked" when its busy timeout cannot help (a read
#: transaction that must become a write, shared-cache mode); a short wait and a new attempt
#: then succeed. Other databases queue writers themselves.
LOCK_RETRIES = 60
LOCK_BACKOFF_CAP = 0.25


def is_database_unavailable(error: BaseException) -> bool:
    """Whether ``error`` says the database cannot be used right now, rather than that a
    query is wrong: refused or lost connections, a server shutting down or starting up,
    SQLite's full disk, read-only file or lock that outlasted its timeout.

    Django wraps the driver's errors (psycopg, sqlite3) in these two classes.
    """
    return isinstance(error, OperationalError | InterfaceError)


def is_sqlite_lock(error: BaseException, using: str = "default") -> bool:
    return connections[using].vendor == "sqlite" and "locked" in str(error).lower()


def retry_sqlite_locks(operation: Callable[[], T], *, using: str = "default") -> T:
    """``operation()``, tried again after a short random wait while SQLite says "locked".

    Any other error, and the last lock error, propagate. ``operation`` must be a whole
    transaction (or need none): a retry starts it from the beginning.
    """
    for attempt in range(LOCK_RETRIES + 1):
        try:
            return operation()
        except OperationalError as exc:
            if not is_sqlite_lock(exc, using) or attempt == LOCK_RETRIES:
                raise
            time.sleep(random.uniform(0, min(LOCK_BACKOFF_CAP, 0.002 * 2**attempt)))
    raise AssertionError("unreachable")


def relax_durability(using: str = "default") -> None:
    """Inside a transaction on PostgreSQL: commit it without waiting for the disk.

    For records whose loss in a database crash costs little (a spent nonce, a rate-limit
    count): a crash may forget the last fraction of a second of them, and never leaves the
    database inconsistent. Saves a disk flush per commit (milliseconds on a busy disk).
    Does nothing elsewhere (SQLite already runs with ``synchronous=NORMAL``).
    """
    connection = connections[using]
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL synchronous_commit TO OFF")
