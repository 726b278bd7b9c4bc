"""A circuit breaker for one shared service, per process and thread-safe."""

import logging
import threading
import time
from collections.abc import Callable

logger = logging.getLogger("gazette.resilience")


class CircuitBreaker:
    """Closed while the service answers; open for ``retry_after`` seconds after a failure.

    While open, :meth:`allows` says no, so callers skip the service without waiting on its
    timeouts. Once the time is up, the next caller is let through alone as a probe (the
    others keep skipping); its success closes the breaker, its failure opens it again. The
    first failure and the recovery are logged, the failures in between are not.
    """

    def __init__(
        self,
        name: str,
        *,
        retry_after: float = 5.0,
        clock: Callable[[], float] = time.monotonic,
    ):
        self.name = name
        self.retry_after = retry_after
        self._clock = clock
        self._lock = threading.Lock()
        self._opened_at: float | None = None
        self._closed_until = 0.0
        self.failures = 0

    @property
    def is_open(self) -> bool:
        return self._opened_at is not None

    def allows(self) -> bool:
        """Whether a call may go to the service now."""
        if self._opened_at is None:
            return True
        with self._lock:
            if self._opened_at is None:
                return True
            now = self._clock()
            if now < self._closed_until:
                return False
            # This caller probes; the rest skip until it has answered (or for another period).
            self._closed_until = now + self.retry_after
            return True

    def failed(self, error: BaseException) -> None:
        with self._lock:
            now = self._clock()
            self.failures += 1
            self._closed_until = now + self.retry_after
            if self._opened_at is not None:
                return
            self._opened_at = now
        logger.warning(
            "%s is unreachable (%s); going on without it and trying again every %g s.",
            self.name,
            _first_line(error),
            self.retry_after,
        )

    def succeeded(self) -> None:
        if self._opened_at is None:
            return
        with self._lock:
            if self._opened_at is None:
                return
            down_for = self._clock() - self._opened_at
            failures, self.failures = self.failures, 0
            self._opened_at = None
            self._closed_until = 0.0
        logger.info(
            "%s is back after %.1f s (%d failed call(s) in between).", self.name, down_for, failures
        )


def _first_line(error: BaseException) -> str:
    text = str(error).strip() or type(error).__name__
    return text.splitlines()[0]
