"""A worker killed with SIGKILL in the middle of comment posts.

SQLite (the default) with two granian workers: one is killed while posts are in flight.
Whatever it was writing is rolled back by SQLite (its transaction never committed), granian
starts a new worker, and the other worker goes on serving throughout.
"""

import os
import signal
import sqlite3
import time

import pytest

from tests.reliability.conftest import FAULT_SETTINGS
from tests.reliability.faults import (
    Connection,
    Load,
    count,
    create_article,
    ledger,
    new_marker,
    statuses,
    stored_comments,
)
from tests.reliability.servers import GazetteServer, site_env, wait_until

pytestmark = pytest.mark.reliability

#: Bounds, not measurements: each step normally takes a fraction of these.
RESPAWN_TIMEOUT = 60.0
LOAD_TIMEOUT = 60.0


def test_a_worker_killed_mid_post_loses_no_acknowledged_comment(sqlite_site, tmp_path):
    env = site_env(sqlite_site, **FAULT_SETTINGS)
    article_id, page = create_article(env)
    with GazetteServer(env, workers=2, log=tmp_path / "server.log") as server:
        victims = server.worker_pids()
        assert len(victims) == 2, server.log()
        with Load(server.base, article_id=article_id, page=page, posters=6, readers=2) as load:
            load.wait_for(lambda a: a.status == 201, timeout=LOAD_TIMEOUT, what="a first 201")
            time.sleep(1.0)  # posts in flight on both workers
            killed_at = time.monotonic()
            os.kill(victims[0], signal.SIGKILL)
            respawned = wait_until(
                lambda: (
                    len(server.worker_pids()) == 2
                    and victims[0] not in server.worker_pids()
                    and server.worker_pids()
                ),
                timeout=RESPAWN_TIMEOUT,
                what="a new worker",
            )
            respawn_seconds = time.monotonic() - killed_at
            after = load.wait_for(
                lambda a: a.kind == "post" and a.status == 201 and a.started > killed_at,
                timeout=LOAD_TIMEOUT,
                what="a post answered after the kill",
            )
            time.sleep(1.0)
        assert victims[1] in respawned, "the worker that was not killed must live on"
        fresh = Connection(server.base).post_comment(article_id, new_marker())
        assert fresh.status == 201, fresh.body
        answers = [*load.answers, fresh]

    rows = stored_comments(env, article_id)
    book = ledger(answers, rows)
    summary = (
        f"{statuses(answers)}; respawned in {respawn_seconds:.1f} s; first post answered "
        f"{after.finished - killed_at:.1f} s after the kill; {book.acknowledged} acknowledged, "
        f"{book.stored} stored, {len(book.unacknowledged)} stored without an answer"
    )
    print(summary)
    assert book.acknowledged > 0, summary
    assert book.missing == [], summary
    assert book.duplicated == [], summary
    assert book.wrong_ids == [], summary
    assert book.half_written == [], summary
    # A post the killed worker committed but could not answer is stored without a 201;
    # at most as many as the connections the kill cut.
    assert all(answer.status == 0 for answer in book.unacknowledged), summary
    assert count(answers, statuses=range(500, 600)) == 0, summary
    check = sqlite3.connect(f"file:{sqlite_site / 'gazette.sqlite3'}?mode=ro", uri=True)
    try:
        assert check.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    finally:
        check.close()
