"""run_due_jobs: Wagtail's scheduled publishing and expiry, the claim, failures, races."""

import logging
import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.utils import timezone
from wagtail.models import Revision

from gazette.articles.models import ArticlePage
from gazette.challenge.models import UsedNonce
from gazette.scheduler import jobs as registry
from gazette.scheduler.jobs import Job
from gazette.scheduler.models import JobRun
from gazette.scheduler.runner import run_due_jobs
from tests.factories import make_article


class Counter:
    """A job function that counts its calls (thread-safe)."""

    def __init__(self):
        self.calls = []
        self._lock = threading.Lock()

    def __call__(self, *, now):
        with self._lock:
            self.calls.append(now)


def reload(page):
    return ArticlePage.objects.get(pk=page.pk)


def scheduled_article(go_live_at):
    """An unpublished article whose editor pressed Publish with a go-live time, as the
    admin does: ``revision.publish()`` with a future ``go_live_at`` only schedules it."""
    article = make_article(publish=False)
    article.go_live_at = go_live_at
    revision = article.save_revision()
    revision.publish()
    return reload(article), Revision.objects.get(pk=revision.pk)


# --- The built-in jobs --------------------------------------------------------------------


def test_the_registry_has_the_built_in_jobs():
    jobs = {job.name: job for job in registry.get_jobs()}
    assert jobs["publish_scheduled"].interval == 0
    assert jobs["purge_challenge_nonces"].interval == 3600
    assert len(jobs) == len(registry.JOBS), "job names are unique"


@pytest.mark.django_db
def test_an_article_whose_go_live_time_passed_is_published():
    past = timezone.now() - timedelta(seconds=1)
    article = make_article(publish=False, go_live_at=past)
    article.save_revision(approved_go_live_at=past)
    assert not reload(article).live

    ran = run_due_jobs()

    assert "publish_scheduled" in ran
    article = reload(article)
    assert article.live
    assert article.published_at is not None
    assert not Revision.objects.filter(object_id=str(article.pk)).exclude(approved_go_live_at=None)


@pytest.mark.django_db
def test_an_article_scheduled_for_later_waits_until_its_time(monkeypatch):
    start = timezone.now()
    article, revision = scheduled_article(start + timedelta(hours=1))
    assert not article.live
    assert revision.approved_go_live_at == start + timedelta(hours=1)

    assert "publish_scheduled" in run_due_jobs()
    assert not reload(article).live, "an hour early"

    later = start + timedelta(hours=1, seconds=30)
    monkeypatch.setattr(timezone, "now", lambda: later)
    assert "publish_scheduled" in run_due_jobs()
    article = reload(article)
    assert article.live
    assert article.last_published_at == later


@pytest.mark.django_db
def test_an_expired_article_is_unpublished():
    article = make_article()
    keep = make_article()
    ArticlePage.objects.filter(pk=article.pk).update(
        expire_at=timezone.now() - timedelta(seconds=1)
    )
    ArticlePage.objects.filter(pk=keep.pk).update(expire_at=timezone.now() + timedelta(hours=1))

    run_due_jobs()

    article = reload(article)
    assert not article.live and article.expired
    assert reload(keep).live


@pytest.mark.django_db
def test_expired_challenge_nonces_are_purged_hourly():
    now = timezone.now()
    UsedNonce.objects.create(nonce="old", expires_at=now - timedelta(minutes=1))
    UsedNonce.objects.create(nonce="new", expires_at=now + timedelta(hours=1))

    assert "purge_challenge_nonces" in run_due_jobs(now)
    assert list(UsedNonce.objects.values_list("nonce", flat=True)) == ["new"]

    UsedNonce.objects.create(nonce="old-2", expires_at=now - timedelta(minutes=1))
    assert "purge_challenge_nonces" not in run_due_jobs(now + timedelta(minutes=59))
    assert UsedNonce.objects.filter(nonce="old-2").exists()
    assert "purge_challenge_nonces" in run_due_jobs(now + timedelta(hours=1))
    assert not UsedNonce.objects.filter(nonce="old-2").exists()


# --- The claim ----------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_run_is_recorded_and_the_lock_released():
    count = Counter()
    now = timezone.now()

    assert run_due_jobs(now, jobs=[Job("count", 60, count)]) == ["count"]

    row = JobRun.objects.get(name="count")
    assert row.last_started_at == now
    assert row.last_finished_at >= now
    assert row.locked_until is None
    assert row.locked_by.split(":")[-2].isdigit(), "host:pid:claim"
    assert row.runs == 1 and row.last_error == ""
    assert count.calls == [now]


@pytest.mark.django_db
def test_a_job_not_yet_due_is_skipped():
    count = Counter()
    job = Job("hourly", 3600, count)
    now = timezone.now()

    assert run_due_jobs(now, jobs=[job]) == ["hourly"]
    assert run_due_jobs(now + timedelta(seconds=10), jobs=[job]) == []
    assert run_due_jobs(now + timedelta(minutes=59, seconds=59), jobs=[job]) == []
    assert run_due_jobs(now + timedelta(hours=1), jobs=[job]) == ["hourly"]
    assert len(count.calls) == 2
    assert JobRun.objects.get(name="hourly").runs == 2


@pytest.mark.django_db
def test_an_every_tick_job_runs_on_each_later_tick_but_once_per_instant():
    count = Counter()
    job = Job("each", 0, count)
    now = timezone.now()

    assert run_due_jobs(now, jobs=[job]) == ["each"]
    assert run_due_jobs(now, jobs=[job]) == []
    assert run_due_jobs(now + timedelta(milliseconds=1), jobs=[job]) == ["each"]
    assert len(count.calls) == 2


@pytest.mark.django_db
def test_a_job_locked_by_another_process_is_not_run_until_its_lease_ends():
    now = timezone.now()
    past = now - timedelta(seconds=1)
    article = make_article(publish=False, go_live_at=past)
    article.save_revision(approved_go_live_at=past)
    JobRun.objects.create(
        name="publish_scheduled",
        locked_until=now + timedelta(minutes=2),
        locked_by="elsewhere:4242:cafe",
        last_started_at=now - timedelta(seconds=5),
    )

    assert "publish_scheduled" not in run_due_jobs(now)
    assert not reload(article).live
    assert JobRun.objects.get(name="publish_scheduled").locked_by == "elsewhere:4242:cafe"

    # The other process died: once its lease has run out, the job is claimed again.
    assert "publish_scheduled" in run_due_jobs(now + timedelta(minutes=2))
    assert reload(article).live
    row = JobRun.objects.get(name="publish_scheduled")
    assert row.locked_until is None and row.locked_by != "elsewhere:4242:cafe"


@pytest.mark.django_db
def test_a_running_job_is_not_started_again_meanwhile():
    nested = []

    def reentrant(*, now):
        # Another scheduler looks while this run holds the lock.
        nested.append(run_due_jobs(now + timedelta(seconds=1), jobs=[job]))

    job = Job("slow", 0, reentrant)
    assert run_due_jobs(jobs=[job]) == ["slow"]
    assert nested == [[]]


@pytest.mark.django_db
def test_a_failing_job_is_logged_and_the_next_job_still_runs(caplog):
    def boom(*, now):
        raise RuntimeError("the wire is down")

    count = Counter()
    with caplog.at_level(logging.ERROR, logger="gazette.scheduler"):
        ran = run_due_jobs(jobs=[Job("boom", 0, boom), Job("after", 0, count)])

    assert ran == ["boom", "after"]
    assert len(count.calls) == 1
    assert "Scheduled job boom failed" in caplog.text
    assert "the wire is down" in caplog.text
    failed = JobRun.objects.get(name="boom")
    assert failed.last_error == "RuntimeError: the wire is down"
    assert failed.locked_until is None, "a failure releases the lock too"
    assert JobRun.objects.get(name="after").last_error == ""


@pytest.mark.django_db
def test_a_success_clears_the_last_error():
    outcomes = iter([RuntimeError("once"), None])

    def flaky(*, now):
        outcome = next(outcomes)
        if outcome:
            raise outcome

    job = Job("flaky", 0, flaky)
    now = timezone.now()
    run_due_jobs(now, jobs=[job])
    assert JobRun.objects.get(name="flaky").last_error == "RuntimeError: once"
    run_due_jobs(now + timedelta(seconds=1), jobs=[job])
    assert JobRun.objects.get(name="flaky").last_error == ""


@pytest.mark.django_db(transaction=True)
def test_threads_racing_at_the_same_instant_run_the_job_exactly_once():
    count = Counter()
    jobs = [Job("race", 0, count), Job("race-hourly", 3600, count)]
    now = timezone.now()
    racers = 12
    start = threading.Barrier(racers)

    def race(_):
        try:
            start.wait()
            return run_due_jobs(now, jobs=jobs)
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=racers) as pool:
        results = list(pool.map(race, range(racers)))

    assert len(count.calls) == 2
    assert sorted(name for ran in results for name in ran) == ["race", "race-hourly"]
    assert {row.name: row.runs for row in JobRun.objects.all()} == {"race": 1, "race-hourly": 1}
    assert not JobRun.objects.exclude(locked_until=None).exists()


# --- The command --------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_scheduler_command_runs_due_jobs_once():
    past = timezone.now() - timedelta(seconds=1)
    article = make_article(publish=False, go_live_at=past)
    article.save_revision(approved_go_live_at=past)
    out = StringIO()

    call_command("scheduler", "--once", stdout=out)

    assert "publish_scheduled" in out.getvalue()
    assert reload(article).live
