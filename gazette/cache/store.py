"""Where cached pages live, and the purge clock that says which of them are still good.

Purges are counted by one logical clock. A request that may be cached reads the clock
*before* it renders; a purge ticks the clock and stamps each purged tag with the new value.
A stored page is good while none of its tags carries a stamp later than the clock it was
rendered under. So a purge racing a render always wins (the render read the old clock),
and no wall clocks are compared, which matters across hosts.

Two stores:

* :class:`LocalStore` (no ``REDIS_URL``): pages in a bounded in-process LRU; the clock and
  the tag stamps in a small memory-mapped file in the data directory, so the workers of one
  ``gazette run`` (separate processes) see each other's purges at memory speed. Tags hash
  into a fixed number of slots; two tags sharing a slot only ever purge too much.
* :class:`RedisStore` (``REDIS_URL``): pages, clock and stamps in Redis, shared by every
  process on every host. A hit is one round trip: a Lua script returns the page only if
  none of its tags was purged since it was rendered.

A store that fails (Redis down) answers "miss" and never raises: the request is rendered
by Django as if there were no cache. Purges that could not be written are kept and retried.
"""

import fcntl
import logging
import mmap
import os
import pickle
import struct
import threading
import time
import zlib
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Entry:
    status: str
    headers: tuple[tuple[str, str], ...]
    body: bytes
    tags: tuple[str, ...]
    clock: int
    stored_at: float
    expires_at: float
    etag: str
    last_modified: float | None


class LocalStore:
    SLOTS = 1 << 16
    SLOT = struct.Struct("<q")

    def __init__(self, *, stamps_path: Path, max_entries: int, max_bytes: int):
        self.max_entries = max_entries
        self.max_bytes = max_bytes
        self._entries: OrderedDict[str, Entry] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()
        self._path = Path(stamps_path)
        self._map = self._open_stamps()

    # --- the purge clock, shared through the file ---

    def _open_stamps(self) -> mmap.mmap:
        self._path.parent.mkdir(parents=True, exist_ok=True)
        size = self.SLOTS * self.SLOT.size
        fd = os.open(self._path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            if os.fstat(fd).st_size < size:
                os.ftruncate(fd, size)  # new bytes read as zero: nothing purged yet
            fcntl.flock(fd, fcntl.LOCK_UN)
            self._fd = fd
            return mmap.mmap(fd, size)
        except BaseException:
            os.close(fd)
            raise

    def _slot(self, tag: str) -> int:
        return (1 + zlib.crc32(tag.encode()) % (self.SLOTS - 1)) * self.SLOT.size

    def clock(self) -> int:
        return self.SLOT.unpack_from(self._map, 0)[0]

    def purge(self, tags) -> int:
        fcntl.flock(self._fd, fcntl.LOCK_EX)
        try:
            tick = self.clock() + 1
            for tag in tags:
                self.SLOT.pack_into(self._map, self._slot(tag), tick)
            self.SLOT.pack_into(self._map, 0, tick)
        finally:
            fcntl.flock(self._fd, fcntl.LOCK_UN)
        return tick

    def unpurged(self, tags, clock: int) -> bool:
        """True when none of ``tags`` was purged after ``clock``."""
        unpack, stamps = self.SLOT.unpack_from, self._map
        return all(unpack(stamps, self._slot(tag))[0] <= clock for tag in tags)

    def _fresh(self, entry: Entry) -> bool:
        if entry.expires_at <= time.time():
            return False
        return self.unpurged(entry.tags, entry.clock)

    # --- pages, in this process ---

    def get(self, key: str) -> Entry | None:
        with self._lock:
            entry = self._entries.get(key)
            if entry is None:
                return None
            self._entries.move_to_end(key)
        if self._fresh(entry):
            return entry
        self._drop(key, entry)
        return None

    def set(self, key: str, entry: Entry) -> None:
        if len(entry.body) > self.max_bytes // 4:
            return
        with self._lock:
            old = self._entries.pop(key, None)
            if old is not None:
                self._bytes -= len(old.body)
            self._entries[key] = entry
            self._bytes += len(entry.body)
            while self._entries and (
                len(self._entries) > self.max_entries or self._bytes > self.max_bytes
            ):
                _, evicted = self._entries.popitem(last=False)
                self._bytes -= len(evicted.body)

    def _drop(self, key: str, entry: Entry) -> None:
        with self._lock:
            if self._entries.get(key) is entry:
                del self._entries[key]
                self._bytes -= len(entry.body)

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
            self._bytes = 0

    def __len__(self) -> int:
        return len(self._entries)

    def close(self) -> None:
        self._map.close()
        os.close(self._fd)


# KEYS[1]: the page. ARGV[1]: the stamp key prefix. The page is a hash of its clock, its
# tags (space-separated) and the pickled entry; nil unless every tag's stamp <= clock.
_GET_SCRIPT = """
local page = redis.call('HMGET', KEYS[1], 'clock', 'tags', 'blob')
if not page[3] then return nil end
local clock = tonumber(page[1])
for tag in string.gmatch(page[2], '%S+') do
  local stamp = redis.call('GET', ARGV[1] .. tag)
  if stamp and tonumber(stamp) > clock then
    redis.call('DEL', KEYS[1])
    return nil
  end
end
return page[3]
"""

# KEYS[1]: the clock. ARGV[1]: stamp key prefix, ARGV[2]: stamp lifetime, ARGV[3..]: tags.
_PURGE_SCRIPT = """
local tick = redis.call('INCR', KEYS[1])
for i = 3, #ARGV do
  redis.call('SET', ARGV[1] .. ARGV[i], tick, 'EX', tonumber(ARGV[2]))
end
return tick
"""


class RedisStore:
    """Pages and purge stamps in Redis. Errors become misses and are logged, never raised."""

    #: After a failure, Redis is left alone this long before the next attempt.
    RETRY_AFTER = 2.0

    def __init__(self, *, url: str, prefix: str, stamp_seconds: int):
        import redis

        self._errors = (redis.RedisError, OSError)
        self._client = redis.Redis.from_url(
            url, socket_timeout=0.5, socket_connect_timeout=0.5, health_check_interval=30
        )
        self._get = self._client.register_script(_GET_SCRIPT)
        self._purge = self._client.register_script(_PURGE_SCRIPT)
        self._prefix = f"{prefix}:pc:"
        self._stamp_seconds = stamp_seconds
        self._down_until = 0.0
        self._unsent: set[str] = set()
        self._lock = threading.Lock()

    def _available(self) -> bool:
        return time.monotonic() >= self._down_until

    def _failed(self, action: str, exc: Exception) -> None:
        if self._available():
            logger.warning("Page cache: Redis failed to %s (%s); serving uncached.", action, exc)
        self._down_until = time.monotonic() + self.RETRY_AFTER

    def clock(self) -> int | None:
        if not self._available() or not self._flush_unsent():
            return None
        try:
            return int(self._client.get(self._prefix + "clock") or 0)
        except self._errors as exc:
            self._failed("read the purge clock", exc)
            return None

    def unpurged(self, tags, clock: int) -> bool:
        """True when none of ``tags`` was purged after ``clock``; False when Redis cannot
        tell, or purges of this process are still waiting to be written."""
        if not self._available() or self._unsent:
            return False
        try:
            stamps = self._client.mget([self._prefix + "t:" + tag for tag in tags])
        except self._errors as exc:
            self._failed("read purge stamps", exc)
            return False
        return all(stamp is None or int(stamp) <= clock for stamp in stamps)

    def get(self, key: str) -> Entry | None:
        if not self._available() or self._unsent:
            return None
        try:
            blob = self._get(keys=[self._prefix + "e:" + key], args=[self._prefix + "t:"])
        except self._errors as exc:
            self._failed("read a page", exc)
            return None
        if blob is None:
            return None
        # Only Gazette writes under this prefix, as with Django's own Redis cache.
        entry = pickle.loads(blob)  # noqa: S301
        return entry if entry.expires_at > time.time() else None

    def set(self, key: str, entry: Entry) -> None:
        if not self._available():
            return
        ttl = max(1, int(entry.expires_at - time.time()))
        name = self._prefix + "e:" + key
        try:
            pipe = self._client.pipeline(transaction=True)
            pipe.hset(
                name,
                mapping={
                    "clock": entry.clock,
                    "tags": " ".join(entry.tags),
                    "blob": pickle.dumps(entry, protocol=pickle.HIGHEST_PROTOCOL),
                },
            )
            pipe.expire(name, ttl)
            pipe.execute()
        except self._errors as exc:
            self._failed("store a page", exc)

    def purge(self, tags) -> int | None:
        with self._lock:
            self._unsent.update(tags)
        return self._flush_unsent() or None

    def _flush_unsent(self) -> int | bool:
        """Send purges not yet written; True when there was nothing to send."""
        with self._lock:
            if not self._unsent:
                return True
            tags = sorted(self._unsent)
            self._unsent.clear()
        try:
            return int(
                self._purge(
                    keys=[self._prefix + "clock"],
                    args=[self._prefix + "t:", self._stamp_seconds, *tags],
                )
            )
        except self._errors as exc:
            with self._lock:
                self._unsent.update(tags)
            self._failed("record a purge", exc)
            return False

    def clear(self) -> None:
        try:
            for name in self._client.scan_iter(match=self._prefix + "*", count=500):
                self._client.delete(name)
        except self._errors as exc:
            self._failed("clear the page cache", exc)
        with self._lock:
            self._unsent.clear()
        self._down_until = 0.0

    def close(self) -> None:
        self._client.close()


_store = None
_store_lock = threading.Lock()


def get_store():
    """The process's store, built from settings on first use."""
    global _store
    if _store is None:
        with _store_lock:
            if _store is None:
                _store = _build()
    return _store


def _build():
    location = settings.CACHES["default"].get("LOCATION", "")
    if settings.REDIS_URL and str(location).startswith(("redis://", "rediss://", "unix://")):
        return RedisStore(
            url=location,
            prefix=settings.CACHES["default"].get("KEY_PREFIX", "gazette") or "gazette",
            stamp_seconds=settings.GAZETTE_PAGE_CACHE_SECONDS + 300,
        )
    return LocalStore(
        stamps_path=settings.GAZETTE_PAGE_CACHE_STAMPS,
        max_entries=settings.GAZETTE_PAGE_CACHE_MAX_ENTRIES,
        max_bytes=settings.GAZETTE_PAGE_CACHE_MAX_MB * 1024 * 1024,
    )


@receiver(setting_changed)
def _rebuild_on_settings_change(*, setting, **kwargs):
    global _store
    if setting in {"CACHES", "REDIS_URL"} or setting.startswith("GAZETTE_PAGE_CACHE_"):
        with _store_lock:
            old, _store = _store, None
        if old is not None:
            old.close()
