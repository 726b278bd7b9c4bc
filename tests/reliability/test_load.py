"""Load with nothing lost: readers and commenters at once, then a count of what was kept.

Every comment post that got 201 or 202 must be in the database exactly once, and nothing
else may be; no answer may be a 5xx. SQLite runs one `gazette run` (WAL, busy timeout);
PostgreSQL with Redis runs two that share them, as two hosts would.
The figures (p50, p99, requests per second) are printed: run with ``-s`` to see them.
"""

import json
import os
import secrets
import shutil
import time
from collections import Counter

import pytest

from tests.reliability.loadgen import (
    Target,
    gazette_shell,
    process_tree_cpu,
    run_load,
    running,
    shared_services,
    site_env,
)

pytestmark = pytest.mark.reliability

READERS = 12
COMMENTERS = 12
POSTS = 2000
#: Load stops after this long even if fewer posts were sent (the test then fails).
MAX_SECONDS = 60.0
#: Readers read: each waits this long after a page before asking for the next. Commenters
#: post as fast as the servers answer; the test is about what happens to their posts.
READ_PAUSE = 1.0

#: Every post must be taken: no minimum fill time (the load answers at once), no rate limits
#: (all clients share 127.0.0.1), and no hold for first comments, so that the open articles
#: answer 201 and the premoderated ones 202.
LOAD_SETTINGS = {
    "GAZETTE_CHALLENGE_MIN_SECONDS": "0",
    "GAZETTE_COMMENT_RATE_LIMITS": "off",
    "GAZETTE_COMMENT_ARTICLE_RATE_LIMITS": "off",
    "GAZETTE_HOLD_FIRST_COMMENTS": "off",
}

CREATE_ARTICLES = """
import json
from tests.factories import make_article, make_section

open_section = make_section(default_comment_mode="open")
held_section = make_section(default_comment_mode="premoderated")
opened = [make_article(section=open_section) for _ in range(4)]
held = [make_article(section=held_section) for _ in range(4)]
print(json.dumps({
    "open": [article.pk for article in opened],
    "held": [article.pk for article in held],
    "pages": [page.get_url() for page in (open_section, held_section, *opened, *held)],
}))
"""

STORED_COMMENTS = """
import json
from collections import Counter
from gazette.comments.models import Comment, ModerationLogEntry

submits = Counter(
    ModerationLogEntry.objects.filter(action="submit").values_list("comment_id", flat=True)
)
print(json.dumps([
    {"id": pk, "article": article, "body": body, "status": status, "submits": submits[pk]}
    for pk, article, body, status in Comment.objects.values_list(
        "id", "article_id", "body", "status"
    )
]))
"""


@pytest.fixture(params=["sqlite", "postgres"])
def load_site(request, tmp_path, static_files):
    """Migrated sites with articles to read and comment on, served by `gazette run`:
    yields (servers, the environment of the first)."""
    secret = secrets.token_urlsafe(40)  # one key, so every process honours the others' tokens
    if request.param == "sqlite":
        env = site_env(tmp_path / "site", static_files, GAZETTE_SECRET_KEY=secret, **LOAD_SETTINGS)
        template = request.getfixturevalue("sqlite_template")  # migrated once per session
        shutil.copy2(template / "gazette.sqlite3", tmp_path / "site")
        with running([env], tmp_path) as servers:
            yield servers, env
        return
    with shared_services(request.config, "load") as services:
        envs = [
            site_env(
                tmp_path / f"host-{n}",
                static_files,
                GAZETTE_SECRET_KEY=secret,
                **services,
                **LOAD_SETTINGS,
            )
            for n in range(2)
        ]
        with running(envs, tmp_path) as servers:
            yield servers, envs[0]


def test_every_acknowledged_comment_is_stored_once_and_nothing_else(load_site, record_property):
    servers, env = load_site
    site = gazette_shell(env, CREATE_ARTICLES)
    targets = [Target(pk, 201) for pk in site["open"]] + [Target(pk, 202) for pk in site["held"]]
    # Pages as readers see them, and now and then the comment list of the API.
    read_paths = ["/", *site["pages"]] + [
        f"/api/v1/articles/{site[mode][0]}/comments" for mode in ("open", "held")
    ]

    cpu_before = sum(process_tree_cpu(server.process.pid) for server in servers)
    client_before = time.process_time()
    result = run_load(
        [server.base for server in servers],
        targets=targets,
        read_paths=read_paths,
        readers=READERS,
        commenters=COMMENTERS,
        posts=POSTS,
        read_pause=READ_PAUSE,
        max_seconds=MAX_SECONDS,
    )
    server_cpu = sum(process_tree_cpu(server.process.pid) for server in servers) - cpu_before
    figures = {
        "servers": len(servers),
        **result.summary(),
        # CPU time is what the figures above cost, whatever else the machine was doing.
        "server_cpu_seconds": round(server_cpu, 1),
        "server_cpu_ms_per_request": round(server_cpu * 1000 / len(result.samples), 1),
        "client_cpu_seconds": round(time.process_time() - client_before, 1),
        "load_average": round(os.getloadavg()[0], 1),
    }
    record_property("load", figures)
    print(f"\nload on {len(servers)} server(s): {json.dumps(figures)}")

    failed = result.server_errors() + result.transport_errors()
    assert failed == [], f"{len(failed)} requests failed, first: {failed[:3]}"
    assert set(result.statuses("read")) == {200}
    expected = {target.article_id: target.expected_status for target in targets}
    wrong = [post for post in result.posts if post.status != expected[post.article_id]]
    assert wrong == [], f"{len(wrong)} posts not answered as their article's mode says"

    stored = gazette_shell(env, STORED_COMMENTS)
    copies = Counter(row["body"] for row in stored)
    assert [body for body, count in copies.items() if count > 1] == [], "stored twice"
    acknowledged = {post.body: post for post in result.posts if post.acknowledged}
    assert set(copies) - set(acknowledged) == set(), "stored without being acknowledged"
    assert set(acknowledged) - set(copies) == set(), "acknowledged but not stored"
    for row in stored:
        post = acknowledged[row["body"]]
        assert row["article"] == post.article_id
        assert row["submits"] == 1, "one moderation log entry per submission"
        if post.status == 201:
            assert (row["id"], row["status"]) == (post.comment_id, "approved")
        else:
            assert row["status"] == "pending"

    for server in servers:
        assert "Traceback" not in server.log()
    # Last, so that whatever was sent has been checked even when the load fell short.
    assert result.readers + result.commenters >= 20
    assert len(stored) == len(result.posts) == POSTS, (
        f"only {len(result.posts)} posts in {MAX_SECONDS:.0f} s: the servers are too slow, or "
        "the machine too busy, for this load"
    )
