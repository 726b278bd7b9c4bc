"""Fixed-window rate limits that every process of the site counts together.

With Redis as the default cache, counts live there (``SET NX`` and ``INCR`` for every
window in one ``MULTI``: one round trip, no database write). Without Redis, and while
Redis cannot be reached, they live in the database (``RateLimitCounter``, one upsert per
window), never in one process's memory: each of the server's workers would otherwise
allow the full limit. A window counted in Redis before an outage starts again from zero
in the database, so for that one window a reader may get up to twice the limit; no
comment is refused for want of Redis.
"""

import hashlib
import logging
import secrets
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from django.core.cache import caches
from django.core.exceptions import ImproperlyConfigured
from django.db import DatabaseError, connections, router, transaction

from gazette.core.models import RateLimitCounter
from gazette.resilience.cache import CacheUnavailable, is_shared, strict
from gazette.resilience.database import relax_durability, retry_sqlite_locks

logger = logging.getLogger(__name__)

UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
#: Seconds a counter outlives its window, for clocks of different servers that disagree.
GRACE = 5
#: One database count in this many also deletes expired counters.
PURGE_ONE_IN = 200
MAX_KEY_LENGTH = 200


@dataclass(frozen=True)
class Limit:
    count: int
    seconds: int


def parse_limits(spec: str) -> list[Limit]:
    """``"5/m,30/h"`` → two limits; ``"off"`` or empty → none. Raises ImproperlyConfigured."""
    spec = (spec or "").strip().lower()
    if spec in {"", "off", "none", "0"}:
        return []
    limits = []
    for part in spec.split(","):
        try:
            count, unit = part.strip().split("/")
            number = unit[:-1] or "1"
            limits.append(Limit(int(count), int(number) * UNITS[unit[-1]]))
        except (ValueError, KeyError, IndexError):
            raise ImproperlyConfigured(
                f"Rate limit {part.strip()!r} is not like '5/m' or '30/h'."
            ) from None
    return limits


def hit(scope: str, limits: list[Limit], *, now: float | None = None) -> int | None:
    """Count one attempt in every window; seconds to wait if a limit is exceeded, else None.

    Never fails for want of Redis; database errors other than a transient SQLite lock
    propagate.
    """
    if not limits:
        return None
    now = time.time() if now is None else now
    windows = [(limit, _key(scope, limit, now)) for limit in limits]
    counts = None
    cache = caches["default"]
    if is_shared(cache):
        try:
            counts = strict(cache).count_hits(
                [(key, limit.seconds + GRACE) for limit, key in windows]
            )
        except CacheUnavailable as exc:
            log = logger.warning if exc.fresh else logger.debug
            log("Redis could not count a rate limit (%s); counting in the database.", exc)
    if counts is None:
        counts = _count_in_database(windows, now=now)
    wait = None
    for (limit, _), count in zip(windows, counts, strict=True):
        if count > limit.count:
            remaining = int(limit.seconds - (now % limit.seconds)) + 1
            wait = max(wait or 0, remaining)
    return wait


def _key(scope: str, limit: Limit, now: float) -> str:
    key = f"rl:{scope}:{limit.seconds}:{int(now // limit.seconds)}"
    if len(key) > MAX_KEY_LENGTH:
        key = "rl:sha256:" + hashlib.sha256(key.encode()).hexdigest()
    return key


def _count_in_database(windows: list[tuple[Limit, str]], *, now: float) -> list[int]:
    """One upsert per window in one transaction: ``INSERT … ON CONFLICT DO UPDATE … RETURNING``
    is a single atomic statement on SQLite (3.35+) and PostgreSQL alike."""
    using = router.db_for_write(RateLimitCounter)
    connection = connections[using]
    table, key, count, expires_at = (
        connection.ops.quote_name(name)
        for name in (RateLimitCounter._meta.db_table, "key", "count", "expires_at")
    )
    sql = (
        f"INSERT INTO {table} ({key}, {count}, {expires_at}) VALUES (%s, 1, %s) "  # noqa: S608
        f"ON CONFLICT ({key}) DO UPDATE SET {count} = {table}.{count} + 1 RETURNING {count}"
    )
    started = datetime.fromtimestamp(now, tz=UTC)

    def count_all() -> list[int]:
        counts = []
        own_transaction = not connection.in_atomic_block
        with transaction.atomic(using=using), connection.cursor() as cursor:
            if own_transaction:
                relax_durability(using)  # a count lost in a crash costs nothing
            for limit, name in windows:
                window_end = started + timedelta(seconds=limit.seconds - now % limit.seconds)
                expires = connection.ops.adapt_datetimefield_value(
                    window_end + timedelta(seconds=GRACE)
                )
                cursor.execute(sql, [name, expires])
                counts.append(cursor.fetchone()[0])
        return counts

    counts = retry_sqlite_locks(count_all, using=using)
    if secrets.randbelow(PURGE_ONE_IN) == 0:
        purge_expired_counters(using=using)
    return counts


def purge_expired_counters(*, now: datetime | None = None, using: str | None = None) -> int:
    """Delete counters whose window is over; return how many. Never raises on a database
    error (it is logged): housekeeping must not cost a reader their comment."""
    now = now or datetime.now(tz=UTC)
    try:
        with transaction.atomic(using=using):
            deleted, _ = RateLimitCounter.objects.using(using).filter(expires_at__lt=now).delete()
    except DatabaseError as exc:
        logger.info("Purging expired rate limit counters failed (%s); the next one retries.", exc)
        return 0
    return deleted
