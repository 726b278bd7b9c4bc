"""SchedulerThread: ticks on its interval, survives failures, stops promptly."""

import logging
import threading
import time
from datetime import timedelta

import pytest
from django.utils import timezone

from gazette.articles.models import ArticlePage
from gazette.scheduler import runner
from gazette.scheduler.runner import SchedulerThread
from tests.factories import make_article

PROMPT = 0.5  # seconds: "promptly"


def wait_for(condition, timeout=5.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.01)
    return condition()


@pytest.fixture
def started():
    threads = []

    def start(**kwargs):
        thread = SchedulerThread(**kwargs)
        threads.append(thread)
        thread.start()
        return thread

    yield start
    for thread in threads:
        thread.stop(timeout=2)


def test_the_interval_comes_from_the_settings(settings):
    settings.GAZETTE_SCHEDULER_INTERVAL = 0.05
    thread = SchedulerThread()
    assert thread.interval == 0.05
    assert thread.daemon
    assert 0.045 <= thread.next_delay() <= 0.055


def test_it_ticks_repeatedly_and_stops_promptly(settings, started):
    settings.GAZETTE_SCHEDULER_INTERVAL = 0.02
    ticks = []
    thread = started(first_delay=0, run=lambda: ticks.append(time.monotonic()))

    assert wait_for(lambda: len(ticks) >= 3)
    began = time.monotonic()
    assert thread.stop()
    assert time.monotonic() - began < PROMPT
    assert not thread.is_alive()
    count = len(ticks)
    time.sleep(0.05)
    assert len(ticks) == count, "no tick after stop"


def test_it_stops_promptly_while_waiting_out_a_long_interval(started):
    thread = started(interval=3600, first_delay=3600, run=lambda: None)
    began = time.monotonic()
    assert thread.stop()
    assert time.monotonic() - began < PROMPT
    assert thread.ticks == 0


def test_a_failing_tick_is_logged_and_the_loop_goes_on(started, caplog):
    calls = []

    def failing():
        calls.append(1)
        raise RuntimeError("database gone")

    with caplog.at_level(logging.ERROR, logger="gazette.scheduler"):
        thread = started(interval=0.01, first_delay=0, run=failing)
        assert wait_for(lambda: len(calls) >= 3)
        assert thread.is_alive()
        assert thread.stop()
    assert "A scheduler tick failed" in caplog.text
    assert "database gone" in caplog.text


def test_a_fork_waits_for_the_running_tick(started):
    """granian forks workers from the process running the scheduler: a fork must not
    happen mid-tick (the child would inherit a half-used connection and library locks)."""
    in_tick, finish = threading.Event(), threading.Event()

    def slow():
        in_tick.set()
        finish.wait(5)

    started(interval=3600, first_delay=0, run=slow)
    assert in_tick.wait(5)
    forked = threading.Event()

    def fork():
        runner._before_fork()  # what os.fork() calls first
        forked.set()
        runner._after_fork()

    forker = threading.Thread(target=fork)
    forker.start()
    assert not forked.wait(0.1), "the fork went ahead mid-tick"
    finish.set()
    assert forked.wait(5)
    forker.join(5)


@pytest.mark.django_db(transaction=True)
def test_the_thread_publishes_a_scheduled_article(started):
    past = timezone.now() - timedelta(seconds=1)
    article = make_article(publish=False, go_live_at=past)
    article.save_revision(approved_go_live_at=past)

    thread = started(interval=0.05, first_delay=0)

    # Read once a tick has finished: the in-memory SQLite test database shares one cache
    # between threads, where a read during the thread's write fails instead of waiting.
    assert wait_for(lambda: thread.ticks >= 1)
    assert thread.stop()
    assert ArticlePage.objects.get(pk=article.pk).live
