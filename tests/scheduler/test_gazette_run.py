"""`gazette run` publishes scheduled articles by itself: no cron, one scheduler per run."""

import json
import signal
import sqlite3
import subprocess
import time
from pathlib import Path

import pytest

from tests.cli.helpers import GAZETTE, fetch, free_port, gazette_env, run_gazette, serving

REPO = Path(__file__).resolve().parents[2]

CREATE_ARTICLES = """
import json
from datetime import timedelta
from django.utils import timezone
from tests.factories import make_article, make_section

section = make_section()
now = timezone.now()
past = now - timedelta(seconds=1)
overdue = make_article(section=section, publish=False, go_live_at=past)
overdue.save_revision(approved_go_live_at=past)
soon = make_article(section=section, publish=False, go_live_at=now + timedelta(seconds=6))
soon.save_revision().publish()
print(json.dumps({"overdue": overdue.get_url(), "soon": soon.get_url()}))
"""


@pytest.fixture
def scheduling_site(tmp_path):
    env = gazette_env(tmp_path)
    env["GAZETTE_SCHEDULER_INTERVAL"] = "1"
    env["PYTHONPATH"] = str(REPO)
    with serving(env, workers=2) as (base, server):
        yield base, server, env, tmp_path


def job_runs(data_dir: Path) -> dict[str, dict]:
    with sqlite3.connect(data_dir / "gazette.sqlite3", timeout=20) as database:
        database.row_factory = sqlite3.Row
        rows = database.execute("SELECT * FROM gazette_scheduler_jobrun").fetchall()
    return {row["name"]: dict(row) for row in rows}


def test_gazette_run_publishes_scheduled_articles_from_one_process(scheduling_site):
    base, server, env, data_dir = scheduling_site
    assert server.poll() is None, "the server is up"

    created = run_gazette("shell", "-c", CREATE_ARTICLES, env=env)
    assert created.returncode == 0, created.stderr
    urls = json.loads(created.stdout.strip().splitlines()[-1])
    assert fetch(base + urls["soon"])[0] == 404, "not before its time"

    statuses = {}
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        statuses = {name: fetch(base + url)[0] for name, url in urls.items()}
        if set(statuses.values()) == {200}:
            break
        time.sleep(0.25)
    assert statuses == {"overdue": 200, "soon": 200}

    runs = job_runs(data_dir)
    assert runs["publish_scheduled"]["runs"] >= 2
    assert runs["publish_scheduled"]["last_error"] == ""
    assert runs["purge_challenge_nonces"]["runs"] == 1, "hourly, whatever the workers"
    # Only granian's main process schedules; its workers (other PIDs) never claim a job.
    assert {row["locked_by"].split(":")[-2] for row in runs.values()} == {str(server.pid)}

    server.send_signal(signal.SIGINT)
    output, _ = server.communicate(timeout=30)
    assert server.returncode == 0, output
    assert "Scheduler started (every 1 s)." in output
    assert "Scheduler stopped." in output
    assert "Traceback" not in output


def test_gazette_run_without_the_scheduler_runs_no_jobs(tmp_path):
    env = gazette_env(tmp_path)
    env["GAZETTE_SCHEDULER"] = "off"
    migrated = run_gazette("migrate", "--noinput", env=env)
    assert migrated.returncode == 0, migrated.stderr
    port = free_port()
    server = subprocess.Popen(
        [GAZETTE, "run", "--port", str(port), "--workers", "1"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and server.poll() is None:
            try:
                assert fetch(f"http://127.0.0.1:{port}/")[0] == 200
                break
            except OSError:
                time.sleep(0.2)
        time.sleep(2.5)  # longer than the first tick would wait
        server.send_signal(signal.SIGINT)
        output, _ = server.communicate(timeout=30)
    finally:
        if server.poll() is None:
            server.kill()
            server.wait()
    assert server.returncode == 0, output
    assert "scheduler off" in output
    assert "Scheduler started" not in output
    assert job_runs(tmp_path) == {}


def test_schedulers_in_many_processes_run_an_hourly_job_once(tmp_path):
    """Several processes on one SQLite file (as granian workers or several `gazette run`s
    would be) all try to run the due jobs; the hourly one runs in exactly one of them."""
    env = gazette_env(tmp_path)
    migrated = run_gazette("migrate", "--noinput", env=env)
    assert migrated.returncode == 0, migrated.stderr
    schedulers = [
        subprocess.Popen(
            [GAZETTE, "scheduler", "--once"],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(4)
    ]
    outputs = [process.communicate(timeout=120) for process in schedulers]

    assert [process.returncode for process in schedulers] == [0] * 4, outputs
    ran = [out for out, _ in outputs if "purge_challenge_nonces" in out]
    assert len(ran) == 1, outputs
    runs = job_runs(tmp_path)
    assert runs["purge_challenge_nonces"]["runs"] == 1
    assert 1 <= runs["publish_scheduled"]["runs"] <= 4
    assert not [row for row in runs.values() if row["locked_until"] is not None]

    # The foreground loop ticks until SIGTERM and then exits cleanly.
    loop = subprocess.Popen(
        [GAZETTE, "scheduler", "--interval", "0.2"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and loop.poll() is None:
        if job_runs(tmp_path)["publish_scheduled"]["runs"] >= runs["publish_scheduled"]["runs"] + 2:
            break
        time.sleep(0.2)
    loop.send_signal(signal.SIGTERM)
    output, _ = loop.communicate(timeout=30)
    assert loop.returncode == 0, output
    assert "Scheduler stopped." in output and "Traceback" not in output
    assert job_runs(tmp_path)["publish_scheduled"]["runs"] >= runs["publish_scheduled"]["runs"] + 2
