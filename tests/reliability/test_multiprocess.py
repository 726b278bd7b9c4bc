"""Two `gazette run` processes on different ports share one PostgreSQL and one Redis, as two
hosts behind a load balancer would. Whatever one of them does, the other must honour at once:
a moderator's approval, a reader's rate limit, a spent challenge, a scheduled publication.
"""

import http.cookiejar
import json
import secrets
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

import pytest

from tests.challenge.helpers import solve
from tests.reliability.loadgen import (
    Connection,
    gazette_shell,
    running,
    shared_services,
    site_env,
)

pytestmark = pytest.mark.reliability

MODERATOR_PASSWORD = secrets.token_urlsafe(16)
#: Each test writes as a reader from its own network (the servers trust loopback as their
#: proxy and read X-Forwarded-For), so that one test's posts never count against another's
#: rate limit. Documentation prefixes, /48 apart: the limit counts per /48.
APPROVAL_READER = "2001:db8:1::10"
LIMITED_READER = "2001:db8:2::10"
OTHER_READER = "2001:db8:3::10"
CHALLENGE_READER = "2001:db8:4::10"
RACE_READER = "2001:db8:5::10"  # asks the questions; the posts come from 2001:db8:100:: on
RATE_LIMIT = 3

SETTINGS = {
    "GAZETTE_SCHEDULER_INTERVAL": "1",
    "GAZETTE_LOG_LEVEL": "INFO",
    "GAZETTE_CHALLENGE_MIN_SECONDS": "0",
    "GAZETTE_COMMENT_RATE_LIMITS": f"{RATE_LIMIT}/h",
    "GAZETTE_COMMENT_ARTICLE_RATE_LIMITS": "off",
    "GAZETTE_HOLD_FIRST_COMMENTS": "off",
    "GAZETTE_TRUSTED_PROXIES": "127.0.0.1",
    "GAZETTE_MODERATOR_EMAILS": "off",
}

CREATE_SITE = f"""
import json
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from tests.factories import make_article, make_section

moderator = get_user_model().objects.create_user("moderator", password={MODERATOR_PASSWORD!r})
moderator.groups.add(Group.objects.get(name="Moderators"))
held = make_article(section=make_section(default_comment_mode="premoderated"))
opened = make_article(section=make_section(default_comment_mode="open"))
print(json.dumps({{
    "held": {{"id": held.pk, "url": held.get_url()}},
    "open": {{"id": opened.pk, "url": opened.get_url()}},
}}))
"""


@pytest.fixture(scope="module")
def pair(request, tmp_path_factory, static_files):
    """Two migrated `gazette run`s sharing PostgreSQL and Redis, with a moderator, a
    premoderated and an open article: yields (site, [server A, server B], env)."""
    root = tmp_path_factory.mktemp("multiprocess")
    secret = secrets.token_urlsafe(40)  # the processes honour each other's signed tokens
    with shared_services(request.config, "multi") as services:
        envs = [
            site_env(
                root / f"host-{n}",
                static_files,
                GAZETTE_SECRET_KEY=secret,
                **services,
                **SETTINGS,
            )
            for n in range(2)
        ]
        site = gazette_shell(envs[0], CREATE_SITE)
        with running(envs, root) as servers:
            yield site, servers, envs[0]


# --- Talking to the servers as a reader and as a moderator ----------------------------------


def get(server, path: str, reader: str = APPROVAL_READER):
    with Connection(server.base) as connection:
        return connection.request("GET", path, headers={"X-Forwarded-For": reader})


def challenge(server, reader: str) -> dict:
    reply = get(server, "/api/v1/challenge", reader)
    assert reply.status == 200
    return reply.json()


def post_comment(server, article_id: int, body: str, *, reader: str, question=None):
    """Post ``body`` with the answer to ``question`` (a fresh one from ``server`` if None)."""
    question = question or challenge(server, reader)
    with Connection(server.base) as connection:
        return connection.request(
            "POST",
            f"/api/v1/articles/{article_id}/comments",
            payload={
                "author_name": "Shirin",
                "body": body,
                "challenge_token": question["token"],
                "challenge_answer": str(solve(question["question"])),
            },
            headers={"X-Forwarded-For": reader},
        )


def stored_bodies(env, article_id: int) -> dict[str, dict]:
    rows = gazette_shell(
        env,
        "import json\n"
        "from gazette.comments.models import Comment\n"
        f"rows = Comment.objects.filter(article_id={article_id}).values('id', 'body', 'status')\n"
        "print(json.dumps(list(rows)))",
    )
    return {row["body"]: row for row in rows}


class Moderator:
    """A staff member using the Wagtail admin of one server, with cookies and CSRF tokens."""

    def __init__(self, server):
        self.base = server.base
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.cookies))

    def _open(self, path: str, form: dict | None = None) -> tuple[int, str]:
        data = None if form is None else urllib.parse.urlencode(form).encode()
        try:
            with self.opener.open(self.base + path, data=data, timeout=30) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()

    def _csrf(self) -> str:
        return next(cookie.value for cookie in self.cookies if cookie.name == "csrftoken")

    def log_in(self, username: str, password: str) -> None:
        status, page = self._open("/admin/login/")
        assert status == 200
        status, page = self._open(
            "/admin/login/",
            {"username": username, "password": password, "csrfmiddlewaretoken": self._csrf()},
        )
        assert status == 200 and 'name="password"' not in page, "logged in"

    def act(self, comment_id: int, action: str) -> None:
        status, _ = self._open(
            f"/admin/comments/{comment_id}/{action}/", {"csrfmiddlewaretoken": self._csrf()}
        )
        assert status == 200, f"{action} answered {status}"


# --- The tests ----------------------------------------------------------------------------


def test_both_processes_serve_the_same_site(pair):
    site, servers, _ = pair
    for server in servers:
        assert get(server, site["held"]["url"]).status == 200
    assert servers[0].base != servers[1].base


def test_a_comment_approved_through_one_process_shows_through_the_other(pair):
    site, (first, second), env = pair
    article, url = site["held"]["id"], site["held"]["url"]
    body = f"Approved on one host, read on another {secrets.token_hex(4)}."
    assert post_comment(first, article, body, reader=APPROVAL_READER).status == 202

    # The second process renders and caches the page while the comment is still pending.
    before = [get(second, url) for _ in range(2)]
    assert all(reply.status == 200 and body not in reply.body.decode() for reply in before)
    if "x-gazette-cache" in before[-1].headers:
        assert before[-1].headers["x-gazette-cache"] == "hit", "the page was cached"
    listed = get(second, f"/api/v1/articles/{article}/comments").json()
    assert body not in json.dumps(listed)

    moderator = Moderator(first)
    moderator.log_in("moderator", MODERATOR_PASSWORD)
    moderator.act(stored_bodies(env, article)[body]["id"], "approve")

    page = get(second, url)
    assert page.status == 200
    assert body in page.body.decode(), "the purge reached the other process"
    listed = get(second, f"/api/v1/articles/{article}/comments").json()
    assert body in json.dumps(listed)


def test_a_rate_limit_reached_on_one_process_holds_on_the_other(pair):
    site, (first, second), env = pair
    article = site["open"]["id"]
    _wait_out_the_end_of_the_hour()
    tag = secrets.token_hex(4)

    accepted = [
        post_comment(first, article, f"Comment {n} of a fast reader {tag}.", reader=LIMITED_READER)
        for n in range(RATE_LIMIT)
    ]
    assert [reply.status for reply in accepted] == [201] * RATE_LIMIT
    refused = post_comment(second, article, f"One too many {tag}.", reader=LIMITED_READER)
    again = post_comment(first, article, f"Still too many {tag}.", reader=LIMITED_READER)
    someone_else = post_comment(second, article, f"Another reader {tag}.", reader=OTHER_READER)

    assert refused.status == 429
    assert int(refused.headers["retry-after"]) > 0
    assert again.status == 429
    assert someone_else.status == 201, "the limit is per reader's network, not for everyone"
    stored = {body for body in stored_bodies(env, article) if tag in body}
    assert stored == {
        *(f"Comment {n} of a fast reader {tag}." for n in range(RATE_LIMIT)),
        f"Another reader {tag}.",
    }


def _wait_out_the_end_of_the_hour(margin: float = 30.0) -> None:
    """The limit counts in fixed hourly windows; a test straddling two would see it reset."""
    into_the_hour = time.time() % 3600
    if into_the_hour > 3600 - margin:
        time.sleep(3600 - into_the_hour + 1)


def test_a_challenge_answered_on_one_process_is_refused_on_the_other(pair):
    site, (first, second), env = pair
    article = site["open"]["id"]
    question = challenge(first, CHALLENGE_READER)
    tag = secrets.token_hex(4)

    answered = post_comment(
        first, article, f"First answer {tag}.", reader=CHALLENGE_READER, question=question
    )
    replayed = post_comment(
        second, article, f"Same answer again {tag}.", reader=CHALLENGE_READER, question=question
    )

    assert answered.status == 201
    assert replayed.status == 400
    assert "already used" in replayed.json()["detail"]
    assert replayed.json()["challenge"]["token"] != question["token"], "a new question instead"
    stored = {body for body in stored_bodies(env, article) if tag in body}
    assert stored == {f"First answer {tag}."}


def test_one_answer_sent_to_both_processes_at_once_is_taken_once(pair):
    site, servers, env = pair
    article = site["open"]["id"]
    tag = secrets.token_hex(4)
    rounds = 8
    statuses = []
    for number in range(rounds):
        question = challenge(servers[number % 2], RACE_READER)
        start = threading.Barrier(2)
        replies = [None, None]

        def send(side, question=question, start=start, replies=replies, number=number):
            start.wait()
            replies[side] = post_comment(
                servers[side],
                article,
                f"Race {number} from side {side} {tag}.",
                # A network of its own for each post: only the challenge is shared.
                reader=f"2001:db8:{100 + 2 * number + side}::1",
                question=question,
            )

        threads = [threading.Thread(target=send, args=(side,)) for side in (0, 1)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        statuses.append(sorted(reply.status for reply in replies))

    assert statuses == [[201, 400]] * rounds
    stored = [body for body in stored_bodies(env, article) if tag in body]
    assert len(stored) == rounds


SCHEDULE_ARTICLE = """
import json
from datetime import timedelta
from django.utils import timezone
from tests.factories import make_article, make_section

go_live = timezone.now() + timedelta(seconds={seconds})
section = make_section(slug="scheduled-{tag}", title="Scheduled {tag}")
article = make_article(section=section, publish=False, go_live_at=go_live)
article.save_revision().publish()  # as the editor's Publish with a future go-live time
article.refresh_from_db()
print(json.dumps({{"id": article.pk, "url": article.get_url(), "live": article.live}}))
"""

PUBLICATION_RECORD = """
import json
from collections import Counter
from wagtail.models import PageLogEntry, Revision
from gazette.articles.models import ArticlePage
from gazette.scheduler.models import JobRun

article = ArticlePage.objects.get(pk={pk})
print(json.dumps({{
    "live": article.live,
    "log": Counter(PageLogEntry.objects.filter(page=article).values_list("action", flat=True)),
    "still_scheduled": Revision.page_revisions.filter(
        object_id=str(article.pk), approved_go_live_at__isnull=False
    ).count(),
    "runs": {{job.name: job.runs for job in JobRun.objects.all()}},
}}))
"""


def test_two_schedulers_publish_a_scheduled_article_once(pair):
    site, servers, env = pair
    article = gazette_shell(env, SCHEDULE_ARTICLE.format(seconds=3, tag=secrets.token_hex(4)))
    assert article["live"] is False, "scheduled, not published"

    statuses = []
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        statuses = [get(server, article["url"]).status for server in servers]
        if statuses == [200, 200]:
            break
        time.sleep(0.5)
    assert statuses == [200, 200], "live on both hosts"
    time.sleep(3)  # both schedulers tick again a few times: nothing more may happen

    record = gazette_shell(env, PUBLICATION_RECORD.format(pk=article["id"]))
    assert record["live"] is True
    assert record["log"].get("wagtail.publish.schedule") == 1
    assert record["log"].get("wagtail.publish.scheduled") == 1, record["log"]
    assert "wagtail.publish" not in record["log"]
    assert record["still_scheduled"] == 0
    assert record["runs"]["purge_challenge_nonces"] == 1, "hourly: one run for both processes"
    assert record["runs"]["publish_scheduled"] >= 4
    for server in servers:
        assert "Scheduler started (every 1 s)." in server.log()
        assert "Traceback" not in server.log()
