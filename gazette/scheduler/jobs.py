"""The jobs the scheduler runs: a name, how often, and a function.

Adding a job takes a function ``def my_job(*, now): ...`` and one line in ``JOBS``. The
function runs in the scheduler's thread with its own database connection; whatever it
returns is logged. It must be safe to run again after a crash part-way through (a holder
that dies leaves its lease to expire, and the next run starts from the beginning).
"""

import io
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from django.core.management import call_command


@dataclass(frozen=True)
class Job:
    #: Unique, stable: it is the primary key of the job's ``JobRun`` row.
    name: str
    #: Seconds between two starts, across all processes; 0 means on every scheduler tick.
    interval: int
    #: Called as ``function(now=...)`` with the aware time the tick started.
    function: Callable[..., object]
    #: How long a claim lasts. A process that dies mid-run blocks the job this long; a run
    #: that takes longer than this may be started a second time by another process.
    lease: int = 300


def publish_scheduled(*, now: datetime) -> str:
    """Wagtail's scheduled publishing: revisions whose go-live time has passed go live,
    live pages and snippets whose expiry time has passed are unpublished."""
    out = io.StringIO()
    call_command("publish_scheduled", stdout=out)
    return out.getvalue().strip()


def purge_challenge_nonces(*, now: datetime) -> int:
    """Forget spent challenge nonces whose tokens have expired anyway."""
    from gazette.challenge.nonces import purge_expired_nonces

    return purge_expired_nonces(now=now)


HOUR = 3600

JOBS: list[Job] = [
    Job("publish_scheduled", 0, publish_scheduled, lease=120),
    Job("purge_challenge_nonces", HOUR, purge_challenge_nonces),
]


def get_jobs() -> list[Job]:
    return list(JOBS)
