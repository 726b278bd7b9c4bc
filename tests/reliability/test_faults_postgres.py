"""PostgreSQL stopped and started again under load.

Two workers on a private PostgreSQL cluster take posts and page reads; the cluster is
stopped (fast shutdown: open connections are cut), kept down for a while, and started. In
the gap every request that needs the database gets 503 with ``Retry-After``, never a 500
or a traceback; afterwards Gazette reconnects by itself, with no restart.
"""

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
    no_answer,
    statuses,
    stored_comments,
)
from tests.reliability.servers import GazetteServer, site_env

pytestmark = pytest.mark.reliability

OUTAGE_SECONDS = 3.0
#: Bounds, not measurements: recovery normally takes well under a second.
RECOVERY_TIMEOUT = 60.0
LOAD_TIMEOUT = 60.0


def test_requests_during_a_postgres_restart_get_503_and_gazette_recovers(
    private_postgres, postgres_url, site_dir, tmp_path
):
    env = site_env(site_dir, DATABASE_URL=postgres_url, **FAULT_SETTINGS)
    article_id, page = create_article(env)
    with GazetteServer(env, workers=2, log=tmp_path / "server.log") as server:
        with Load(server.base, article_id=article_id, page=page) as load:
            load.wait_for(lambda a: a.status == 201, timeout=LOAD_TIMEOUT, what="a first 201")
            time.sleep(0.5)
            stopped_at = time.monotonic()
            private_postgres.stop("fast")
            down = load.wait_for(
                lambda a: a.status == 503, timeout=LOAD_TIMEOUT, what="a 503 during the outage"
            )
            time.sleep(max(0.0, OUTAGE_SECONDS - (time.monotonic() - stopped_at)))
            private_postgres.start()
            started_at = time.monotonic()
            back = load.wait_for(
                lambda a: a.kind == "post" and a.status == 201 and a.started >= started_at,
                timeout=RECOVERY_TIMEOUT,
                what="a comment posted after PostgreSQL came back",
            )
            time.sleep(1.0)
        fresh = Connection(server.base).post_comment(article_id, new_marker())
        assert fresh.status == 201, fresh.body
        answers = [*load.answers, fresh]
        log = server.log()

    gap = [a for a in answers if stopped_at <= a.started and a.finished <= started_at]
    unavailable = [a for a in answers if a.status == 503]
    rows = stored_comments(env, article_id)
    book = ledger(answers, rows)
    summary = (
        f"{statuses(answers)}; first 503 {down.finished - stopped_at:.2f} s after the stop; "
        f"{len(gap)} requests in the {started_at - stopped_at:.1f} s gap, "
        f"{count(gap, statuses={503})} of them 503; first post stored "
        f"{back.finished - started_at:.2f} s after the start; {book.acknowledged} "
        f"acknowledged, {book.stored} stored, {len(book.unacknowledged)} stored unanswered; "
        f"no answer: {no_answer(answers)}"
    )
    print(summary)
    assert count(answers, statuses=range(500, 600)) == len(unavailable), summary
    assert count(answers, statuses={0}) == 0, "every request gets an answer: " + summary
    assert all(a.headers.get("retry-after", "").isdigit() for a in unavailable), summary
    assert not any(b"Traceback" in a.body or b"psycopg" in a.body for a in unavailable)
    assert count(gap, statuses={503}) > 0, summary
    assert "The database is unavailable" in log
    assert "The database is back after" in log
    assert book.missing == [], summary
    assert book.duplicated == [], summary
    assert book.wrong_ids == [], summary
    assert book.half_written == [], summary
    # Cut connections may have committed a post whose answer never came back.
    assert all(a.status in (0, 503) for a in book.unacknowledged), summary
