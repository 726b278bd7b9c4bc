"""Spending a challenge nonce exactly once, across threads and processes.

With Redis as the default cache, a nonce is spent by ``SET NX`` (``cache.add``); local
memory is per process, so otherwise it is spent by inserting a row whose primary key is
the nonce. Either way two verifications of one token race for one atomic write, and only
the winner goes on to compare the answer.
"""

import logging
import math
import random
import secrets
import time
from datetime import datetime

from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache
from django.db import DatabaseError, IntegrityError, OperationalError, connection, transaction
from django.utils import timezone
from redis.exceptions import RedisError

from gazette.challenge.models import UsedNonce

logger = logging.getLogger(__name__)

CACHE_KEY_PREFIX = "challenge:nonce:"
#: One spent nonce in this many also deletes expired rows, so the table stays small without cron.
PURGE_ONE_IN = 200
#: SQLite reports "database is locked" when its busy timeout cannot help (for example in
#: shared-cache mode, or when a read transaction must become a write); a short wait and a
#: new attempt then succeeds. Other databases queue writers themselves.
LOCK_RETRIES = 60
LOCK_BACKOFF_CAP = 0.25


def nonce_consume(*, nonce: str, keep_until: datetime, now: datetime) -> bool:
    """Spend ``nonce``: True the first time, False every later time, whatever the process.

    ``keep_until`` is when the record may be forgotten (the token is refused as expired by
    then). If Redis fails, the database records the nonce instead (logged as a warning), so
    an outage of the cache does not shut the comment form. Database errors other than the
    duplicate key and a transient SQLite lock propagate: nothing can be promised then.
    """
    cache = caches["default"]
    if isinstance(cache, RedisCache):
        timeout = max(1, math.ceil((keep_until - now).total_seconds()))
        try:
            return bool(cache.add(CACHE_KEY_PREFIX + nonce, 1, timeout=timeout))
        except (RedisError, OSError) as exc:
            logger.warning("Redis refused a challenge nonce (%s); using the database instead.", exc)
    return _consume_in_database(nonce=nonce, keep_until=keep_until, now=now)


def purge_expired_nonces(*, now: datetime | None = None) -> int:
    """Delete spent nonces whose expiry has passed; return how many rows went."""
    now = now or timezone.now()
    deleted, _ = UsedNonce.objects.filter(expires_at__lt=now).delete()
    return deleted


def _consume_in_database(*, nonce: str, keep_until: datetime, now: datetime) -> bool:
    for attempt in range(LOCK_RETRIES + 1):
        try:
            with transaction.atomic():
                UsedNonce.objects.create(nonce=nonce, expires_at=keep_until)
        except IntegrityError:
            return False
        except OperationalError as exc:
            if not _is_sqlite_lock(exc) or attempt == LOCK_RETRIES:
                raise
            time.sleep(random.uniform(0, min(LOCK_BACKOFF_CAP, 0.002 * 2**attempt)))
        else:
            break
    if secrets.randbelow(PURGE_ONE_IN) == 0:
        _purge_quietly(now=now)
    return True


def _is_sqlite_lock(exc: OperationalError) -> bool:
    return connection.vendor == "sqlite" and "locked" in str(exc).lower()


def _purge_quietly(*, now: datetime) -> None:
    # Housekeeping must never cost a reader their comment; the savepoint keeps a failure
    # from spoiling a surrounding transaction.
    try:
        with transaction.atomic():
            purge_expired_nonces(now=now)
    except DatabaseError as exc:
        logger.info("Purging expired challenge nonces failed (%s); the next purge retries.", exc)
