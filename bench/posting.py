"""Posting comments concurrently: fetch and solve challenges, send, then count what was kept.

wrk cannot send each request once with its own solved challenge, so posts go from Python
threads, each with one keep-alive connection. The client's own CPU time is not counted:
only the server's (read from /proc, as for every scenario).
"""

# ruff: noqa: S603 (every command here is built from fixed parts, never from input)

import http.client
import itertools
import json
import re
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

QUESTION = re.compile(r"\s*(\d+)\s*([+-])\s*(\d+)\s*=\s*")


@dataclass(frozen=True)
class Request:
    method: str
    path: str
    body: bytes | None = None
    headers: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Answer:
    status: int
    seconds: float
    body: bytes


@dataclass(frozen=True)
class Poster:
    """One server's side of the post scenario: ``requests(count, marker)`` makes that many
    posts whose bodies carry ``marker`` (fetching what they need first, untimed), and
    ``verify(answers, marker)`` counts the stored rows whose bodies carry ``marker``."""

    name: str
    label: str
    server: object
    requests: Callable[[int, str], list[Request]]
    verify: Callable[[list[Answer], str], dict]


def solve(question: str) -> int:
    """The answer to a challenge question such as ``"3 + 13 ="``; ValueError otherwise."""
    match = QUESTION.fullmatch(question)
    if match is None:
        raise ValueError(f"Not an arithmetic question: {question!r}")
    left, operator, right = int(match[1]), match[2], int(match[3])
    return left + right if operator == "+" else left - right


def send_all(base: str, requests: list[Request], *, connections: int) -> tuple[list[Answer], float]:
    """Send every request once from ``connections`` threads; answers in request order and
    the wall time from the first send to the last answer."""
    parts = urlsplit(base)
    answers: list[Answer | None] = [None] * len(requests)
    counter = itertools.count()
    lock = threading.Lock()

    def worker():
        conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)
        while True:
            with lock:
                index = next(counter)
            if index >= len(requests):
                break
            request = requests[index]
            started = time.perf_counter()
            try:
                conn.request(request.method, request.path, request.body, dict(request.headers))
                response = conn.getresponse()
                body = response.read()
                answers[index] = Answer(response.status, time.perf_counter() - started, body)
            except (OSError, http.client.HTTPException):
                conn.close()
                conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)
                answers[index] = Answer(0, time.perf_counter() - started, b"")
        conn.close()

    threads = [threading.Thread(target=worker) for _ in range(max(1, connections))]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return [answer for answer in answers if answer is not None], time.perf_counter() - started


def percentile(values: list[float], share: float) -> float:
    """Nearest-rank percentile (``share`` from 0 to 100) of ``values``; 0 when empty."""
    if not values:
        return 0.0
    ordered = sorted(values)
    rank = max(1, -(-len(ordered) * share // 100))
    return ordered[int(rank) - 1]


def summary(answers: list[Answer], seconds: float) -> dict:
    statuses: dict[str, int] = {}
    for answer in answers:
        statuses[str(answer.status)] = statuses.get(str(answer.status), 0) + 1
    latencies = [answer.seconds * 1000 for answer in answers]
    return {
        "requests": len(answers),
        "seconds": seconds,
        "rps": len(answers) / seconds if seconds else 0.0,
        "p50_ms": percentile(latencies, 50),
        "p99_ms": percentile(latencies, 99),
        "statuses": statuses,
        "failed": sum(1 for answer in answers if not 200 <= answer.status < 300),
    }


# --- Gazette ------------------------------------------------------------------------------

JSON_HEADERS = (("Content-Type", "application/json"), ("Accept", "application/json"))


def gazette_challenges(base: str, count: int, *, connections: int) -> list[tuple[str, int]]:
    """``count`` fresh (token, answer) pairs from ``GET /api/v1/challenge``."""
    answers, _ = send_all(
        base, [Request("GET", "/api/v1/challenge")] * count, connections=connections
    )
    solved = []
    for answer in answers:
        if answer.status != 200:
            raise RuntimeError(f"GET /api/v1/challenge answered {answer.status}")
        data = json.loads(answer.body)
        solved.append((data["token"], solve(data["question"])))
    return solved


def gazette_posts(article_id: int, solved: list[tuple[str, int]], marker: str) -> list[Request]:
    path = f"/api/v1/articles/{article_id}/comments"
    requests = []
    for number, (token, answer) in enumerate(solved):
        body = {
            "author_name": f"Bench reader {number % 97}",
            "body": f"Bench comment {marker}-{number}: the figures in the second paragraph "
            f"deserve a follow-up, and *soon*.",
            "challenge_token": token,
            "challenge_answer": str(answer),
        }
        requests.append(Request("POST", path, json.dumps(body).encode(), JSON_HEADERS))
    return requests


def acknowledged_ids(answers: list[Answer]) -> tuple[int, list[int]]:
    """How many posts were answered 201 or 202, and the ids the 201 answers carry."""
    count, ids = 0, []
    for answer in answers:
        if answer.status in (201, 202):
            count += 1
            if answer.status == 201:
                ids.append(int(json.loads(answer.body)["id"]))
    return count, ids


VERIFY_GAZETTE = """
import json, os
from gazette.comments.models import Comment
rows = Comment.objects.filter(article_id=int(os.environ["BENCH_ARTICLE"]),
                              body__contains=os.environ["BENCH_MARKER"])
bodies = list(rows.values_list("body", flat=True))
ids = set(rows.values_list("pk", flat=True))
acked = set(json.loads(os.environ["BENCH_ACKED"]))
print("VERIFY_JSON " + json.dumps({"rows": len(bodies), "distinct": len(set(bodies)),
                                    "missing": sorted(acked - ids)}))
"""


def verify_gazette(env: dict, article_id: int, marker: str, answers: list[Answer]) -> dict:
    """Rows stored vs posts acknowledged: each acknowledged post must be stored exactly once."""
    acknowledged, ids = acknowledged_ids(answers)
    gazette = str(Path(sys.executable).with_name("gazette"))
    env = {
        **env,
        "BENCH_ARTICLE": str(article_id),
        "BENCH_MARKER": marker,
        "BENCH_ACKED": json.dumps(ids),
    }
    done = subprocess.run(
        [gazette, "shell", "-c", VERIFY_GAZETTE],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    line = next(line for line in done.stdout.splitlines() if line.startswith("VERIFY_JSON "))
    stored = json.loads(line.removeprefix("VERIFY_JSON "))
    return verdict(acknowledged, stored)


def verdict(acknowledged: int, stored: dict) -> dict:
    exact = (
        stored["rows"] == acknowledged
        and stored["distinct"] == stored["rows"]
        and not stored["missing"]
    )
    return {"acknowledged": acknowledged, **stored, "exactly_once": exact}


# --- Isso ---------------------------------------------------------------------------------


def isso_posts(uri: str, count: int, marker: str) -> list[Request]:
    path = f"/new?uri={uri}"
    requests = []
    for number in range(count):
        body = {
            "author": f"Bench reader {number % 97}",
            "text": f"Bench comment {marker}-{number}: the figures in the second paragraph "
            f"deserve a follow-up, and *soon*.",
        }
        requests.append(Request("POST", path, json.dumps(body).encode(), JSON_HEADERS))
    return requests


def verify_isso(db_path: Path, uri: str, marker: str, answers: list[Answer]) -> dict:
    acknowledged, ids = acknowledged_ids(answers)
    with sqlite3.connect(db_path) as db:
        rows = db.execute(
            "SELECT comments.id, comments.text FROM comments JOIN threads "
            "ON comments.tid = threads.id WHERE threads.uri = ? AND comments.text LIKE ?",
            (uri, f"%{marker}%"),
        ).fetchall()
    stored = {
        "rows": len(rows),
        "distinct": len({text for _, text in rows}),
        "missing": sorted(set(ids) - {pk for pk, _ in rows}),
    }
    return verdict(acknowledged, stored)
