"""Redis stopped and started again under load, on the whole scale-out configuration.

Two workers on a private PostgreSQL (with a read replica: the same database through a role
that may only read, so a write sent there would fail) and a private Redis take posts and
page reads with rate limits on (high enough never to refuse). While Redis is down, pages
come from the database, challenge nonces and rate limits are kept in the database, a staff
session stays valid, a token spent just before the outage is still refused, and nothing
answers 5xx. Once Redis is back, it is used again.
"""

import http.client
import json
import re
import time
from urllib.parse import urlencode

import pytest

from tests.reliability.conftest import FAULT_SETTINGS
from tests.reliability.faults import (
    Connection,
    Load,
    count,
    create_article,
    ledger,
    new_marker,
    solved,
    statuses,
    stored_comments,
)
from tests.reliability.servers import GazetteServer, site_env, wait_until

pytestmark = pytest.mark.reliability

OUTAGE_SECONDS = 3.0
RETRY_SECONDS = 1
#: Bounds, not measurements.
LOAD_TIMEOUT = 60.0
RECOVERY_TIMEOUT = 60.0

LIMITS = {
    "GAZETTE_COMMENT_RATE_LIMITS": "100000/m,1000000/h",
    "GAZETTE_COMMENT_ARTICLE_RATE_LIMITS": "100000/m",
}

MAKE_EDITOR = """
from django.contrib.auth import get_user_model
get_user_model().objects.create_superuser("editor", "editor@example.com", "a long passphrase 42")
"""

COUNTERS = """
from gazette.core.models import RateLimitCounter
from gazette.challenge.models import UsedNonce
result["counters"] = RateLimitCounter.objects.count()
result["nonces"] = UsedNonce.objects.count()
"""


def test_redis_outage_keeps_pages_comments_and_sessions_going(
    private_postgres, postgres_url, private_redis, site_dir, tmp_path
):
    replica_url = read_only_role(private_postgres, postgres_url)
    env = site_env(
        site_dir,
        DATABASE_URL=postgres_url,
        DATABASE_REPLICA_URL=replica_url,
        REDIS_URL=private_redis.url(0),
        GAZETTE_REDIS_RETRY_SECONDS=str(RETRY_SECONDS),
        **{**FAULT_SETTINGS, **LIMITS},
    )
    article_id, page = create_article(env, also=MAKE_EDITOR)
    redis = private_redis.client()
    with GazetteServer(env, workers=2, log=tmp_path / "server.log") as server:
        session = log_in(server.port)
        one = Connection(server.base)
        spent = solved(one.get("/api/v1/challenge", kind="challenge"))
        first = one.post_comment(article_id, new_marker(), token=spent)
        assert first.status == 201, first.body
        nonces_before = len(redis.keys("*challenge:nonce:*"))
        assert nonces_before >= 1

        with Load(server.base, article_id=article_id, page=page) as load:
            load.wait_for(lambda a: a.status == 201, timeout=LOAD_TIMEOUT, what="a first 201")
            stopped_at = time.monotonic()
            private_redis.stop()
            during = load.wait_for(
                lambda a: a.kind == "post" and a.status == 201 and a.started > stopped_at,
                timeout=LOAD_TIMEOUT,
                what="a comment posted while Redis is down",
            )
            replay = one.post_comment(article_id, new_marker(), token=spent)
            admin_status = admin_page(server.port, session)
            time.sleep(max(0.0, OUTAGE_SECONDS - (time.monotonic() - stopped_at)))
            private_redis.start()
            started_at = time.monotonic()
            used_again = wait_until(
                lambda: len(redis.keys("*challenge:nonce:*")),
                timeout=RECOVERY_TIMEOUT,
                what="a nonce in Redis after its restart",
            )
            back_after = time.monotonic() - started_at
            time.sleep(0.5)
        replica_connections = private_postgres.query(
            "SELECT count(*) FROM pg_stat_activity WHERE usename = 'reader'"
        )[0][0]
        answers = [first, *load.answers, replay]
        log = server.log()
    gap = [a for a in answers if stopped_at <= a.started and a.finished <= started_at]
    rows = stored_comments(env, article_id, also=COUNTERS)
    counters, nonce_rows = rows.extra["counters"], rows.extra["nonces"]
    book = ledger(answers, rows)
    summary = (
        f"{statuses(answers)}; {len(gap)} requests in the {started_at - stopped_at:.1f} s "
        f"outage, {count(gap, 'post', {201})} of them stored comments; first one "
        f"{during.finished - stopped_at:.2f} s after the stop; Redis used again "
        f"{back_after:.2f} s after its start ({used_again} nonces there); "
        f"{counters} rate limit counters and {nonce_rows} nonces in the database; "
        f"{replica_connections} connections to the replica"
    )
    print(summary)
    assert count(answers, statuses=range(500, 600)) == 0, summary
    assert count(answers, statuses={0}) == 0, summary
    assert count(gap, "page", {200}) > 0, summary
    assert count(gap, "post", {201}) > 0, summary
    assert replay.status == 400, replay.body
    assert "already used" in json.loads(replay.body)["detail"]
    assert admin_status == 200, "a staff session must survive a Redis outage"
    # Counted in the database while Redis was away; every spent nonce is kept there.
    assert counters > 0, summary
    assert nonce_rows >= book.acknowledged, summary
    assert "Redis cache redis://127.0.0.1" in log and "is unreachable" in log
    assert replica_connections > 0, "reads must have gone to the replica"
    assert book.missing == [] and book.duplicated == [] and book.wrong_ids == [], summary
    assert book.half_written == [] and book.unacknowledged == [], summary


def read_only_role(cluster, url: str) -> str:
    """The URL of the same database through a role that may read everything, write nothing."""
    if not cluster.query("SELECT 1 FROM pg_roles WHERE rolname = 'reader'"):
        cluster.execute("CREATE ROLE reader LOGIN")
        cluster.execute("GRANT pg_read_all_data TO reader")
    return url.replace("postgres@", "reader@", 1)


def log_in(port: int) -> str:
    """Sign the editor in to the admin; the session cookie's value."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    conn.request("GET", "/admin/login/")
    response = conn.getresponse()
    html = response.read().decode()
    csrf_cookie = re.search(r"csrftoken=([^;]+)", response.getheader("Set-Cookie", "")).group(1)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    form = urlencode(
        {"csrfmiddlewaretoken": token, "username": "editor", "password": "a long passphrase 42"}
    )
    conn.request(
        "POST",
        "/admin/login/",
        body=form,
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": f"csrftoken={csrf_cookie}",
            "Referer": f"http://127.0.0.1:{port}/admin/login/",
        },
    )
    response = conn.getresponse()
    response.read()
    assert response.status == 302, response.status
    cookies = " ".join(v for name, v in response.getheaders() if name.lower() == "set-cookie")
    conn.close()
    return re.search(r"sessionid=([^;]+)", cookies).group(1)


def admin_page(port: int, session: str) -> int:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    conn.request("GET", "/admin/", headers={"Cookie": f"sessionid={session}"})
    response = conn.getresponse()
    response.read()
    conn.close()
    return response.status
