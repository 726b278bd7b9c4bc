import os

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connections


def default_workers() -> int:
    return max(1, min(4, os.cpu_count() or 1))


def default_threads(engine: str) -> int:
    """Serving threads per worker for a database ``engine`` (a Django backend path).

    One with SQLite: its queries run inside the worker, holding the CPU, so a second
    thread can only wait for the interpreter's lock, and handing that lock between
    threads cost more than it won (docs/performance.md: measured side by side, every
    Gazette scenario went faster with one thread). Two with a database server, whose
    queries leave a thread waiting on the network while the other runs: there two
    threads served more.
    """
    return 1 if "sqlite" in engine else 2


class Command(BaseCommand):
    help = (
        "Serve Gazette with its production WSGI server (granian). Collects static files "
        "first, and runs the scheduler (scheduled publishing, housekeeping) in its main "
        "process unless GAZETTE_SCHEDULER is off; stop with Ctrl-C."
    )

    def add_arguments(self, parser):
        parser.add_argument("--host", default=os.environ.get("GAZETTE_HOST", "127.0.0.1"))
        parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")))
        parser.add_argument(
            "--workers", type=int, default=int(os.environ.get("GAZETTE_WORKERS", default_workers()))
        )
        parser.add_argument(
            "--threads",
            type=int,
            default=int(
                os.environ.get("GAZETTE_THREADS")
                or default_threads(settings.DATABASES["default"]["ENGINE"])
            ),
            help="Blocking threads per worker that run WSGI requests "
            "(default: 1 with SQLite, 2 with PostgreSQL).",
        )
        parser.add_argument(
            "--no-collectstatic", action="store_true", help="Skip collecting static files."
        )
        parser.add_argument(
            "--no-scheduler",
            action="store_true",
            help="Do not run scheduled jobs in this process (see `gazette scheduler`).",
        )

    def handle(
        self, *args, host, port, workers, threads, no_collectstatic, no_scheduler, **options
    ):
        from granian import Granian
        from granian.constants import Interfaces

        from gazette.core.memory import limit_malloc_arenas

        if not 0 < port < 65536:
            raise CommandError(f"--port must be between 1 and 65535, not {port}.")
        if workers < 1 or threads < 1:
            raise CommandError("--workers and --threads must be at least 1.")
        if not no_collectstatic:
            call_command("collectstatic", interactive=False, verbosity=0)
        scheduling = settings.GAZETTE_SCHEDULER and not no_scheduler
        every = f"every {settings.GAZETTE_SCHEDULER_INTERVAL} s" if scheduling else "off"
        self.stdout.write(
            f"Gazette on http://{host}:{port}/ ({workers} worker(s), {threads} thread(s) each, "
            f"DEBUG={'on' if settings.DEBUG else 'off'}, scheduler {every}, "
            f"data in {settings.DATA_DIR})"
        )
        self.stdout.flush()
        server = Granian(
            "gazette.wsgi:application",
            address=host,
            port=port,
            interface=Interfaces.WSGI,
            workers=workers,
            blocking_threads=threads,
            websockets=False,
            log_access=False,
            respawn_failed_workers=True,
        )
        # Before any worker exists, so that each inherits the limit (gazette.core.memory).
        limit_malloc_arenas(settings.GAZETTE_MALLOC_ARENAS)
        # granian forks its workers from this process: nothing opened here may be shared
        # with them, so this thread's connections go first. The scheduler thread closes its
        # own after every tick, and a fork waits for a running tick (gazette.scheduler.runner).
        connections.close_all()
        scheduler = None
        if scheduling:
            from gazette.scheduler.runner import SchedulerThread

            # One per `gazette run`, in granian's main process; workers never run jobs.
            scheduler = SchedulerThread()
            scheduler.start()
        try:
            server.serve()
        finally:
            if scheduler is not None:
                scheduler.stop()
