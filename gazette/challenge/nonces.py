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
    cache = caches["default"]
    if is_shared(cache):
        timeout = max(1, math.ceil((keep_until - now).total_seconds()))
        try:
            if not strict(cache).add(CACHE_KEY_PREFIX + nonce, 1, timeout=timeout):
                return False
        except CacheUnavailable as exc:
            log = logger.warning if exc.fresh else logger.debug
            log("Redis could not take a challenge nonce (%s); using the database alone.", exc)
    return _consume_in_database(nonce=nonce, keep_until=keep_until, now=now)


def purge_expired_nonces(*, now: datetime | None = None) -> int:
    """Delete spent nonces whose expiry has passed; return how many rows went."""
    now = now or timezone.now()
    deleted, _ = UsedNonce.objects.filter(expires_at__lt=now).delete()
    return deleted


def _consume_in_database(*, nonce: str, keep_until: datetime, now: datetime) -> bool:
    using = router.db_for_write(UsedNonce)
    connection = connections[using]
    quote = connection.ops.quote_name
    # Written out rather than built by the ORM on every comment: the model has no save()
    # of its own and no receiver of its signals acts on it, so one INSERT is all save() does.
    sql = "INSERT INTO {} ({}, {}) VALUES (%s, %s)".format(  # noqa: S608 (names)
        quote(UsedNonce._meta.db_table),
        quote(UsedNonce._meta.get_field("nonce").column),
        quote(UsedNonce._meta.get_field("expires_at").column),
    )
    params = [nonce, connection.ops.adapt_datetimefield_value(keep_until)]

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
    if secrets.randbelow(PURGE_ONE_IN) == 0:
        _purge_quietly(now=now)
    return True


def _purge_quietly(*, now: datetime) -> None:
    # Housekeeping must never cost a reader their comment; the savepoint keeps a failure
    # from spoiling a surrounding transaction.
    try:
        with transaction.atomic():
            purge_expired_nonces(now=now)
    except DatabaseError as exc:
        logger.info("Purging expired challenge nonces failed (%s); the next purge retries.", exc)
