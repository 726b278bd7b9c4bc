"""Fixed-window rate limits kept in the cache, so every process sees the same counts."""

import time
from dataclasses import dataclass

from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured

UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


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
    """Count one attempt in every window; seconds to wait if a limit is exceeded, else None."""
    now = time.time() if now is None else now
    wait = None
    for limit in limits:
        window = int(now // limit.seconds)
        key = f"rl:{scope}:{limit.seconds}:{window}"
        cache.add(key, 0, timeout=limit.seconds + 5)
        try:
            count = cache.incr(key)
        except ValueError:  # evicted between add and incr
            cache.set(key, 1, timeout=limit.seconds + 5)
            count = 1
        if count > limit.count:
            remaining = int(limit.seconds - (now % limit.seconds)) + 1
            wait = max(wait or 0, remaining)
    return wait
