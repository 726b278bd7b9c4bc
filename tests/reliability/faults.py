"""Driving comment posts and page reads at a server while something breaks, and the ledger.

Posters do what the comment form's script does: ``GET /api/v1/challenge``, solve the sum,
``POST /api/v1/articles/{id}/comments`` with a body carrying a unique marker. Readers fetch
a page. Every request becomes an :class:`Answer`; afterwards :func:`ledger` compares what
the server acknowledged with what the database holds. Only loopback is ever contacted.
"""

from __future__ import annotations

import http.client
import json
import secrets
import threading
import time
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from tests.challenge.helpers import solve
from tests.reliability.servers import gazette_shell

REQUEST_TIMEOUT = 30.0


@dataclass
class Answer:
    kind: str  # "post", "challenge" or "page"
    status: int  # 0: no HTTP answer came back (see ``error``)
    started: float
    finished: float
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""
    error: str = ""
    marker: str = ""
    comment_id: int | None = None

    @property
    def acknowledged(self) -> bool:
        return self.kind == "post" and self.status in (201, 202)


class Connection:
    """One keep-alive connection to one server, reopened after any failure."""

    def __init__(self, base: str):
        parts = urlsplit(base)
        if parts.hostname not in {"127.0.0.1", "localhost", "::1"}:
            raise ValueError(f"fault tests only talk to loopback, not {base!r}")
        self.host, self.port = parts.hostname, parts.port
        self._conn: http.client.HTTPConnection | None = None

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    def request(self, kind: str, method: str, path: str, payload=None, headers=None) -> Answer:
        body = None if payload is None else json.dumps(payload).encode()
        sent = {"Accept": "application/json", **(headers or {})}
        if body is not None:
            sent["Content-Type"] = "application/json"
        started = time.monotonic()
        try:
            if self._conn is None:
                self._conn = http.client.HTTPConnection(
                    self.host, self.port, timeout=REQUEST_TIMEOUT
                )
            self._conn.request(method, path, body=body, headers=sent)
            response = self._conn.getresponse()
            content = response.read()
        except (OSError, http.client.HTTPException) as exc:
            self.close()
            return Answer(kind, 0, started, time.monotonic(), error=repr(exc))
        if response.getheader("Connection", "").lower() == "close":
            self.close()
        return Answer(
            kind,
            response.status,
            started,
            time.monotonic(),
            headers={name.lower(): value for name, value in response.getheaders()},
            body=content,
        )

    def get(self, path: str, kind: str = "page") -> Answer:
        return self.request(kind, "GET", path)

    def post_comment(self, article_id: int, marker: str, *, token: dict | None = None) -> Answer:
        """A comment whose body carries ``marker``, with a challenge fetched and solved
        first (or the solved ``token`` given: ``{"challenge_token", "challenge_answer"}``)."""
        if token is None:
            challenge = self.get("/api/v1/challenge", kind="challenge")
            if challenge.status != 200:
                return challenge
            token = solved(challenge)
        answer = self.request(
            "post",
            "POST",
            f"/api/v1/articles/{article_id}/comments",
            payload={
                "author_name": "Fault tester",
                "body": f"A comment that must survive, {marker}.",
                **token,
            },
        )
        answer.marker = marker
        if answer.status == 201:
            answer.comment_id = json.loads(answer.body)["id"]
        return answer


def solved(challenge: Answer) -> dict:
    data = json.loads(challenge.body)
    return {"challenge_token": data["token"], "challenge_answer": str(solve(data["question"]))}


def new_marker() -> str:
    return f"mark-{secrets.token_hex(8)}"


class Load:
    """Posters and readers in threads against one server, until :meth:`stop`."""

    def __init__(
        self,
        base: str,
        *,
        article_id: int,
        page: str,
        posters: int = 4,
        readers: int = 2,
        pause: float = 0.02,
    ):
        self.base, self.article_id, self.page = base, article_id, page
        self.pause = pause
        self.answers: list[Answer] = []
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._threads = [
            threading.Thread(target=self._post_loop, daemon=True) for _ in range(posters)
        ] + [threading.Thread(target=self._read_loop, daemon=True) for _ in range(readers)]

    def __enter__(self) -> Load:
        for thread in self._threads:
            thread.start()
        return self

    def __exit__(self, *exc_info) -> None:
        self.stop()

    def stop(self) -> None:
        self._stopping.set()
        for thread in self._threads:
            thread.join(timeout=REQUEST_TIMEOUT * 2 + 5)

    def _record(self, answer: Answer) -> None:
        with self._lock:
            self.answers.append(answer)

    def _post_loop(self) -> None:
        connection = Connection(self.base)
        while not self._stopping.is_set():
            self._record(connection.post_comment(self.article_id, new_marker()))
            time.sleep(self.pause)
        connection.close()

    def _read_loop(self) -> None:
        connection = Connection(self.base)
        while not self._stopping.is_set():
            self._record(connection.get(self.page))
            time.sleep(self.pause)
        connection.close()

    def snapshot(self) -> list[Answer]:
        with self._lock:
            return list(self.answers)

    def wait_for(self, predicate, *, timeout: float, what: str) -> Answer:
        """The first answer (from now on) that satisfies ``predicate``."""
        seen = len(self.snapshot())
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for answer in self.snapshot()[seen:]:
                if predicate(answer):
                    return answer
            time.sleep(0.05)
        raise AssertionError(f"{what} did not happen within {timeout:g} s")


def count(answers, kind: str | None = None, statuses=None) -> int:
    return sum(
        1
        for answer in answers
        if (kind is None or answer.kind == kind) and (statuses is None or answer.status in statuses)
    )


def statuses(answers) -> dict[str, dict[int, int]]:
    """``{"post": {201: 120, 503: 4}, ...}``: for failure messages and the docs."""
    table: dict[str, dict[int, int]] = {}
    for answer in answers:
        kinds = table.setdefault(answer.kind, {})
        kinds[answer.status] = kinds.get(answer.status, 0) + 1
    return table


def no_answer(answers) -> dict[str, int]:
    """What went wrong with the requests that got no HTTP answer, and how often."""
    errors: dict[str, int] = {}
    for answer in answers:
        if answer.status == 0:
            errors[answer.error] = errors.get(answer.error, 0) + 1
    return errors


STORED_COMMENTS = """
import json
from django.db.models import Count, Q
from gazette.comments.models import Comment
rows = (
    Comment.objects.filter(article_id={article_id})
    .annotate(submits=Count("log", filter=Q(log__action="submit")))
    .values("id", "body", "body_html", "submits")
)
result = {{"comments": list(rows)}}
"""


def stored_comments(env: dict[str, str], article_id: int, *, also: str = "") -> list[dict]:
    """The article's comments, each with its number of "submit" log entries. ``also`` is
    more code to run in the same shell; what it adds to ``result`` is in ``.extra``."""
    code = STORED_COMMENTS.format(article_id=article_id) + also + "\nprint(json.dumps(result))"
    output = gazette_shell(code, env=env)
    result = json.loads(output.strip().splitlines()[-1])
    rows = StoredComments(result.pop("comments"))
    rows.extra = result
    return rows


class StoredComments(list):
    extra: dict


@dataclass
class Ledger:
    acknowledged: int
    stored: int
    missing: list[str]  # acknowledged markers with no comment
    duplicated: list[str]  # markers stored more than once
    wrong_ids: list[int]  # acknowledged ids whose comment does not carry the marker
    half_written: list[int]  # comments without their one "submit" log entry or rendered body
    unacknowledged: list[Answer]  # stored comments whose post got no 201/202


def ledger(answers: list[Answer], rows: list[dict]) -> Ledger:
    posts = {answer.marker: answer for answer in answers if answer.kind == "post"}
    by_marker: dict[str, list[dict]] = {}
    for row in rows:
        marker = next((word for word in row["body"].split() if word.startswith("mark-")), "")
        by_marker.setdefault(marker.rstrip("."), []).append(row)
    acknowledged = [answer for answer in posts.values() if answer.acknowledged]
    by_id = {row["id"]: row for row in rows}
    return Ledger(
        acknowledged=len(acknowledged),
        stored=len(rows),
        missing=[answer.marker for answer in acknowledged if answer.marker not in by_marker],
        duplicated=[marker for marker, found in by_marker.items() if len(found) > 1],
        wrong_ids=[
            answer.comment_id
            for answer in acknowledged
            if answer.comment_id is not None
            and answer.marker not in by_id.get(answer.comment_id, {}).get("body", "")
        ],
        half_written=[
            row["id"] for row in rows if row["submits"] != 1 or not row["body_html"].strip()
        ],
        unacknowledged=[
            posts.get(marker) or Answer("post", -1, 0, 0, marker=marker)
            for marker in by_marker
            if not (posts.get(marker) and posts[marker].acknowledged)
        ],
    )


CREATE_ARTICLE = """
import json
from tests.factories import make_article, make_section
article = make_article(section=make_section(default_comment_mode="open"))
"""


def create_article(env: dict[str, str], *, also: str = "") -> tuple[int, str]:
    """An article open for comments: its id and its path. ``also`` is more code to run in
    the same shell (each `gazette shell` costs seconds of start-up)."""
    code = (
        CREATE_ARTICLE + also + '\nprint(json.dumps({"id": article.pk, "url": article.get_url()}))'
    )
    data = json.loads(gazette_shell(code, env=env).strip().splitlines()[-1])
    return data["id"], data["url"]
