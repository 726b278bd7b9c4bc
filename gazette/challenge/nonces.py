"""Spending a challenge nonce exactly once, across threads, processes and Redis outages.

Every nonce is spent by inserting a row whose primary key is the nonce: the database is
the record that outlives anything. With Redis as the default cache, ``SET NX``
(``cache.add``) comes first, so a replayed token is refused there without a write; the
row is still inserted for a nonce Redis took, so that during a Redis outage (when only the
database is asked) a nonce spent just before it is still known as spent. Either way two
verifications of one token race for one atomic write, and only the winner goes on to
compare the answer. On PostgreSQL a spent nonce is committed without waiting for the
disk: a database crash may forget the last moment's nonces and let those tokens through
once more, a fair price for one disk flush less per comment.

A form that stores something when the answer is right may spend the nonce in the same
transaction as what it stores (``nonce_record``): one commit per comment instead of two. A
replay then rolls the whole transaction back, and a submission refused before anything is
stored spends the nonce on its own, so every question still gets exactly one try.
"""

import logging
import math
import secrets
from datetime import datetime

from django.core.cache import caches
from django.db import DatabaseError, IntegrityError, connections, router, transaction
from django.utils import timezone

from gazette.challenge.models import UsedNonce
from gazette.resilience.cache import CacheUnavailable, is_shared, strict
from gazette.resilience.database import relax_durability, retry_sqlite_locks

logger = logging.getLogger(__name__)

CACHE_KEY_PREFIX = "challenge:nonce:"
#: One spent nonce in this many also deletes expired rows, so the table stays small without cron.
PURGE_ONE_IN = 200


def nonce_consume(*, nonce: str, keep_until: datetime, now: datetime) -> bool:
    """Spend ``nonce``: True the first time, False every later time, whatever the process.

    ``keep_until`` is when the record may be forgotten (the token is refused as expired by
    then). If Redis cannot be asked, the database alone decides (logged), so an outage of
    the cache neither shuts the comment form nor lets a spent token through. Database
    errors other than the duplicate key and a transient SQLite lock propagate: nothing can
    be promised then.
    """
    if not nonce_claim(nonce=nonce, keep_until=keep_until, now=now):
        return False
    return nonce_store(nonce=nonce, keep_until=keep_until, now=now)


def nonce_claim(*, nonce: str, keep_until: datetime, now: datetime) -> bool:
    """The shared cache's half of spending: False when Redis already holds ``nonce``.

    True when Redis took it, and also when there is no shared cache or Redis cannot be
    asked: then only the database row (``nonce_record`` or ``nonce_consume``) decides.
    """
    cache = caches["default"]
    if not is_shared(cache):
        return True
    timeout = max(1, math.ceil((keep_until - now).total_seconds()))
    try:
        return bool(strict(cache).add(CACHE_KEY_PREFIX + nonce, 1, timeout=timeout))
    except CacheUnavailable as exc:
        log = logger.warning if exc.fresh else logger.debug
        log("Redis could not take a challenge nonce (%s); using the database alone.", exc)
        return True


def nonce_record(*, nonce: str, keep_until: datetime) -> bool:
    """Write the spent ``nonce`` in the caller's transaction: False when it is there already.

    Must run inside ``transaction.atomic()``: the row commits, or rolls back, with what the
    caller stores beside it. On SQLite and PostgreSQL a duplicate is skipped by
    ``ON CONFLICT DO NOTHING`` and seen in the row count, so the caller's transaction is
    not spoiled and needs no savepoint; a concurrent transaction holding the same nonce
    makes this one wait for its outcome (PostgreSQL) or for the write lock (SQLite).
    """
    using = router.db_for_write(UsedNonce)
    connection = connections[using]
    if not connection.in_atomic_block:
        raise RuntimeError("nonce_record() must run inside transaction.atomic().")
    sql, params = _insert_sql(connection), _insert_params(connection, nonce, keep_until)
    if connection.vendor in {"sqlite", "postgresql"}:
        with connection.cursor() as cursor:
            cursor.execute(sql + " ON CONFLICT DO NOTHING", params)
            if cursor.rowcount != 1:
                return False
    else:  # a savepoint keeps the duplicate key from spoiling the caller's transaction
        try:
            with transaction.atomic(using=using), connection.cursor() as cursor:
                cursor.execute(sql, params)
        except IntegrityError:
            return False
    _purge_now_and_then(now=timezone.now())
    return True


def purge_expired_nonces(*, now: datetime | None = None) -> int:
    """Delete spent nonces whose expiry has passed; return how many rows went."""
    now = now or timezone.now()
    deleted, _ = UsedNonce.objects.filter(expires_at__lt=now).delete()
    return deleted


def _insert_sql(connection) -> str:
    # Written out rather than built by the ORM on every comment: the model has no save()
    # of its own and no receiver of its signals acts on it, so one INSERT is all save() does.
    quote = connection.ops.quote_name
    return "INSERT INTO {} ({}, {}) VALUES (%s, %s)".format(  # noqa: S608 (names)
        quote(UsedNonce._meta.db_table),
        quote(UsedNonce._meta.get_field("nonce").column),
        quote(UsedNonce._meta.get_field("expires_at").column),
    )


def _insert_params(connection, nonce: str, keep_until: datetime) -> list:
    return [nonce, connection.ops.adapt_datetimefield_value(keep_until)]


def nonce_store(*, nonce: str, keep_until: datetime, now: datetime) -> bool:
    """The database's half of spending, in a transaction of its own (``nonce_claim`` is
    the shared cache's). False when the row is there already."""
    using = router.db_for_write(UsedNonce)
    connection = connections[using]
    sql = _insert_sql(connection)
    params = _insert_params(connection, nonce, keep_until)

    def insert() -> bool:
        # Only a transaction of its own may skip the disk flush, never a caller's.
        own_transaction = not connection.in_atomic_block
        try:
            with transaction.atomic(using=using), connection.cursor() as cursor:
                if own_transaction:
                    relax_durability(using)
                cursor.execute(sql, params)
        except IntegrityError:
            return False
        return True

    if not retry_sqlite_locks(insert, using=using):
        return False
    _purge_now_and_then(now=now)
    return True


def _purge_now_and_then(*, now: datetime) -> None:
    """One spend in ``PURGE_ONE_IN`` also deletes expired nonces, so the table stays small."""
    if secrets.randbelow(PURGE_ONE_IN) == 0:
        _purge_quietly(now=now)


def _purge_quietly(*, now: datetime) -> None:
    # Housekeeping must never cost a reader their comment; the savepoint keeps a failure
    # from spoiling a surrounding transaction.
    try:
        with transaction.atomic():
            purge_expired_nonces(now=now)
    except DatabaseError as exc:
        logger.info("Purging expired challenge nonces failed (%s); the next purge retries.", exc)
