"""Small values every page needs (the site, the navigation, the breaking banner), kept in
each process between requests and dropped by the same purges as cached pages.

A memo remembers a value with the purge clock read *before* computing it, and serves it
while none of its tags has been purged since (see ``store.py``: the same clock and stamps
that keep cached pages honest, shared by every worker and, with Redis, every host). So a
change that purges ``chrome`` reaches the navigation of every process on its next request,
not after a timeout.

It is never used inside a transaction: a request that has written must read its own
writes, which no other process has seen. Nor when the store cannot tell (Redis down): then
every call computes afresh, as if there were no memo.
"""

import threading
import time
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.signals import setting_changed
from django.db import connection
from django.dispatch import receiver

from gazette.cache.store import get_store

#: A memo older than this is computed again even without a purge. It stays below the
#: lifetime of Redis's purge stamps (page-cache seconds + 300), so no purge is forgotten
#: while a memo that predates it is still served.
MAX_SECONDS = 300.0


@dataclass(frozen=True)
class _Kept:
    value: Any
    clock: int
    expires: float
    tags: tuple[str, ...]


class Memo:
    """A process-local value per key, valid until one of ``tags`` is purged or ``seconds``
    pass. ``tags`` always includes ``all``, which every full purge stamps."""

    def __init__(self, *tags: str, seconds: float = MAX_SECONDS, max_entries: int | None = None):
        self.tags = tuple(dict.fromkeys((*tags, "all")))
        self.seconds = min(seconds, MAX_SECONDS)
        #: With many keys (one per article), the oldest kept value is dropped past this.
        self.max_entries = max_entries
        self._kept: dict[Hashable, _Kept] = {}
        self._lock = threading.Lock()
        _memos.append(self)

    def get(
        self,
        key: Hashable,
        compute: Callable[[], Any],
        *,
        until: Callable[[Any], float | None] = lambda value: None,
        tags_of: Callable[[Any], tuple[str, ...]] = lambda value: (),
        keep: Callable[[Any], bool] = lambda value: True,
    ) -> Any:
        """The value for ``key``: the kept one while still good, else ``compute()``.

        ``until(value)`` may name an earlier end (a Unix time) than ``seconds``;
        ``tags_of(value)`` more tags whose purge drops it (those of the article it shows);
        ``keep(value)`` False returns the value without keeping it (nothing found, say,
        which no purge would announce when it appears)."""
        if connection.in_atomic_block or not settings.GAZETTE_MEMOS:
            return compute()
        store = get_store()
        now = time.time()
        kept = self._kept.get(key)
        if kept is not None and kept.expires > now and store.unpurged(kept.tags, kept.clock):
            return kept.value
        clock = store.clock()
        value = compute()
        if clock is not None and keep(value):
            ends = now + self.seconds
            own_end = until(value)
            if own_end is not None:
                ends = min(ends, own_end)
            tags = (*self.tags, *tags_of(value))
            with self._lock:
                self._kept.pop(key, None)  # kept again at the newest end
                self._kept[key] = _Kept(value, clock, ends, tags)
                if self.max_entries is not None:
                    while len(self._kept) > self.max_entries:
                        del self._kept[next(iter(self._kept))]
        return value

    def clear(self) -> None:
        with self._lock:
            self._kept.clear()


_memos: list[Memo] = []


def clear_all() -> None:
    """Forget every memo of this process (tests; a settings change)."""
    for memo in _memos:
        memo.clear()


@receiver(setting_changed)
def _forget_on_settings_change(*, setting, **kwargs):
    # A new store has a clock of its own: values kept under the old one mean nothing there.
    if setting in {"CACHES", "REDIS_URL"} or setting.startswith("GAZETTE_PAGE_CACHE_"):
        clear_all()
