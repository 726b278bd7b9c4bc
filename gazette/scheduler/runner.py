"""Running due jobs once across every process that shares the database.

Each job has a ``JobRun`` row. A process claims a due job with one conditional ``UPDATE``::

    UPDATE jobrun SET locked_until = now + lease, locked_by = me, last_started_at = now
     WHERE name = job AND (locked_until IS NULL OR locked_until <= now)
       AND (last_started_at IS NULL OR last_started_at <= now - interval)

The database applies the statement atomically on SQLite and PostgreSQL alike, so when
several processes (or threads) race for one job, the first update changes the row and the
others then find it locked (or no longer due) and change nothing. Only the process whose
update changed one row runs the job; it releases the row afterwards by clearing
``locked_until``. A holder that dies keeps the job locked until its lease runs out.

``SchedulerThread`` calls :func:`run_due_jobs` every ``GAZETTE_SCHEDULER_INTERVAL``
seconds; ``gazette run`` starts one in its main (granian master) process, and
``gazette scheduler`` runs the same loop in the foreground.
"""

import logging
import os
import random
import secrets
import socket
import threading
import time
from collections.abc import Callable, Iterable
from datetime import datetime, timedelta
from typing import TypeVar

from django.conf import settings
from django.db import DatabaseError, OperationalError, connection, connections
from django.db.models import F, Q
from django.utils import timezone

from gazette.scheduler.jobs import Job, get_jobs
from gazette.scheduler.models import JobRun

logger = logging.getLogger("gazette.scheduler")
T = TypeVar("T")

#: SQLite may answer "database is locked" when its busy timeout cannot help (shared-cache
#: mode, a read transaction that must become a write); a short wait and a retry succeed.
LOCK_RETRIES = 40
LOCK_BACKOFF_CAP = 0.25
#: The most a stopping scheduler waits for the job it is running before the process exits
#: anyway (the job's lease then runs out on its own).
STOP_TIMEOUT = 10.0


def run_due_jobs(now: datetime | None = None, *, jobs: Iterable[Job] | None = None) -> list[str]:
    """Run every job that is due at ``now`` and that this process manages to claim.

    Returns the names of the jobs run, in order, whether they succeeded or not: a job that
    raises is logged, its error kept in ``JobRun.last_error``, and the next job still runs.
    """
    now = now or timezone.now()
    jobs = list(get_jobs() if jobs is None else jobs)
    _ensure_rows(jobs)
    ran = []
    for job in jobs:
        claim = _claim(job, now)
        if claim is None:
            continue
        ran.append(job.name)
        error = ""
        started = time.monotonic()
        try:
            result = job.function(now=now)
        except Exception as exc:
            error = f"{type(exc).__name__}: {exc}"
            logger.exception("Scheduled job %s failed.", job.name)
        else:
            if result not in (None, "", 0):
                logger.info("Scheduled job %s: %s", job.name, result)
        finally:
            _release(job, claim, error=error)
        logger.debug("Scheduled job %s took %.3f s.", job.name, time.monotonic() - started)
    return ran


def _ensure_rows(jobs: list[Job]) -> None:
    names = [job.name for job in jobs]
    rows = JobRun.objects.filter(name__in=names).values_list("name", flat=True)
    existing = set(_retrying(lambda: list(rows)))
    missing = [JobRun(name=name) for name in names if name not in existing]
    if missing:
        # Another process may insert the same rows at the same moment: the conflict is ignored.
        _retrying(lambda: JobRun.objects.bulk_create(missing, ignore_conflicts=True))


def _claim(job: Job, now: datetime) -> str | None:
    """Claim ``job`` if it is due and free; return the claim's token, or None."""
    token = f"{socket.gethostname()}:{os.getpid()}:{secrets.token_hex(4)}"[-200:]
    free = Q(locked_until__isnull=True) | Q(locked_until__lte=now)
    # Never twice for one instant, even with interval 0 ("every tick").
    due = Q(last_started_at__isnull=True) | Q(
        last_started_at__lte=now - timedelta(seconds=job.interval), last_started_at__lt=now
    )
    try:
        claimed = _retrying(
            lambda: JobRun.objects.filter(free, due, name=job.name).update(
                locked_until=now + timedelta(seconds=job.lease),
                locked_by=token,
                last_started_at=now,
                runs=F("runs") + 1,
            )
        )
    except OperationalError as exc:
        # Still locked after every retry: someone else is busy with the table; next tick.
        logger.warning("Could not claim scheduled job %s (%s); trying next tick.", job.name, exc)
        return None
    return token if claimed == 1 else None


def _release(job: Job, token: str, *, error: str) -> None:
    try:
        released = _retrying(
            lambda: JobRun.objects.filter(name=job.name, locked_by=token).update(
                locked_until=None, last_finished_at=timezone.now(), last_error=error
            )
        )
    except DatabaseError as exc:
        logger.warning(
            "Could not release scheduled job %s (%s); its lease of %s s will run out.",
            job.name,
            exc,
            job.lease,
        )
        return
    if not released:
        logger.warning(
            "Scheduled job %s outlived its lease of %s s and another process claimed it; "
            "consider a longer lease.",
            job.name,
            job.lease,
        )


def _retrying(operation: Callable[[], T]) -> T:
    for attempt in range(LOCK_RETRIES + 1):
        try:
            return operation()
        except OperationalError as exc:
            if not _is_sqlite_lock(exc) or attempt == LOCK_RETRIES:
                raise
            time.sleep(random.uniform(0, min(LOCK_BACKOFF_CAP, 0.002 * 2**attempt)))
    raise AssertionError("unreachable")


def _is_sqlite_lock(exc: OperationalError) -> bool:
    return connection.vendor == "sqlite" and "locked" in str(exc).lower()


# --- The loop ------------------------------------------------------------------------------

# A process that forks while the scheduler is mid-query would hand its child a copy of a
# half-used database connection and of whatever locks the database library held at that
# instant (granian forks its workers, and forks again to replace one). So a fork waits for
# the current tick to finish, and a tick always ends with this thread's connections closed.
_tick_lock = threading.Lock()
_fork_state = threading.local()


def _before_fork() -> None:
    if getattr(_fork_state, "in_tick", False):
        return  # a job forking from inside the tick must not wait for itself
    _tick_lock.acquire()
    _fork_state.holding = True


def _after_fork() -> None:
    if getattr(_fork_state, "holding", False):
        _fork_state.holding = False
        _tick_lock.release()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(
        before=_before_fork, after_in_parent=_after_fork, after_in_child=_after_fork
    )


class SchedulerThread(threading.Thread):
    """Calls :func:`run_due_jobs` every ``interval`` seconds until :meth:`stop`.

    A tick that fails is logged and the loop goes on. Each tick ends with the thread's
    database connections closed, so an idle scheduler holds none. The first tick comes
    after ``first_delay`` seconds (default: a little under two seconds at most), so that
    a server starting up spawns its workers first.
    """

    def __init__(
        self,
        *,
        interval: float | None = None,
        first_delay: float | None = None,
        jitter: float = 0.1,
        stop_event: threading.Event | None = None,
        run: Callable[[], object] | None = None,
    ):
        super().__init__(name="gazette-scheduler", daemon=True)
        self.interval = float(settings.GAZETTE_SCHEDULER_INTERVAL if interval is None else interval)
        if self.interval <= 0:
            raise ValueError("The scheduler's interval must be positive.")
        self.first_delay = (
            min(self.interval, random.uniform(1.0, 2.0)) if first_delay is None else first_delay
        )
        self.jitter = jitter
        self.stop_event = stop_event or threading.Event()
        self._run_jobs = run or run_due_jobs
        self.ticks = 0

    def run(self) -> None:
        logger.info("Scheduler started (every %s s).", _format_seconds(self.interval))
        delay = self.first_delay
        while not self.stop_event.wait(delay):
            self.tick()
            delay = self.next_delay()
        logger.info("Scheduler stopped.")

    def next_delay(self) -> float:
        """The interval, give or take ``jitter`` of it, so that processes started together
        drift apart instead of racing for every job at the same instant."""
        return max(0.0, self.interval * (1 + random.uniform(-self.jitter, self.jitter)))

    def tick(self) -> None:
        with _tick_lock:
            _fork_state.in_tick = True
            try:
                self._run_jobs()
            except Exception:
                logger.exception("A scheduler tick failed; the next one retries.")
            finally:
                try:
                    connections.close_all()
                except Exception:
                    logger.exception("Closing the scheduler's database connections failed.")
                _fork_state.in_tick = False
                self.ticks += 1

    def stop(self, timeout: float | None = STOP_TIMEOUT) -> bool:
        """Ask the loop to end and wait for it; True if it has ended."""
        self.stop_event.set()
        if self.is_alive() and threading.current_thread() is not self:
            self.join(timeout)
        if self.is_alive():
            logger.warning(
                "The scheduler is still running a job; leaving it (its lease will run out)."
            )
            return False
        return True


def _format_seconds(value: float) -> str:
    return f"{value:g}"
