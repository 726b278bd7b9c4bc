import signal
import threading

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from gazette.scheduler.runner import SchedulerThread, run_due_jobs


class Command(BaseCommand):
    help = (
        "Run Gazette's scheduled jobs (Wagtail's scheduled publishing and expiry, "
        "housekeeping) in the foreground, every GAZETTE_SCHEDULER_INTERVAL seconds, or once "
        "with --once. `gazette run` already does this unless GAZETTE_SCHEDULER is off; "
        "running both is safe, since every job is claimed through the database."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--once", action="store_true", help="Run the jobs that are due now, then exit."
        )
        parser.add_argument(
            "--interval",
            type=float,
            default=None,
            help="Seconds between ticks (default: GAZETTE_SCHEDULER_INTERVAL).",
        )

    def handle(self, *args, once, interval, **options):
        if once:
            ran = run_due_jobs()
            self.stdout.write(f"Ran: {', '.join(ran)}" if ran else "Nothing was due.")
            return
        interval = settings.GAZETTE_SCHEDULER_INTERVAL if interval is None else interval
        if interval <= 0:
            raise CommandError("--interval must be positive.")
        scheduler = SchedulerThread(interval=interval, first_delay=0)
        stop = scheduler.stop_event
        # Ctrl-C and SIGTERM only ask the loop to stop, so a running job finishes and
        # releases its lock (a KeyboardInterrupt could cut the wait for it short).
        in_main_thread = threading.current_thread() is threading.main_thread()
        previous = {}
        if in_main_thread:
            for number in (signal.SIGINT, signal.SIGTERM):
                previous[number] = signal.signal(number, lambda *_: stop.set())
        self.stdout.write(f"Scheduler running every {interval:g} s; stop with Ctrl-C.")
        self.stdout.flush()
        scheduler.start()
        try:
            while scheduler.is_alive():
                scheduler.join(0.5)
        finally:
            for number, handler in previous.items():
                signal.signal(number, handler)
            scheduler.stop()
