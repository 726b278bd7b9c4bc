"""A small load generator, and the `gazette run` processes it is pointed at.

Readers and commenters are threads. Each keeps one ``http.client`` keep-alive connection per
server, as a browser keeps one per host. Readers walk article, section and home pages and
the comment list API. Commenters do what the comment form's script does: fetch
``GET /api/v1/challenge``, solve the sum, ``POST /api/v1/articles/{id}/comments``. The
question comes from one server and the answer goes to the other, so every post also checks
that a token issued by one process is honoured, once, by another.

Every request becomes a :class:`Sample` (what, where, status, latency). Posts also keep
their body, which is unique, and the id a 201 returned, so that afterwards the database can
be compared with what the servers acknowledged.

Only loopback addresses are ever contacted.
"""

from __future__ import annotations

import contextlib
import http.client
import itertools
import json
import math
import os
import secrets
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import psutil
import pytest

from tests.challenge.helpers import solve
from tests.reliability.servers import START_TIMEOUT, GazetteServer, migrate, wait_until
from tests.reliability.servers import gazette_shell as shell_output
from tests.reliability.servers import site_env as plain_site_env

#: A generous ceiling per request: a request slower than this counts as failed, not lost.
REQUEST_TIMEOUT = 60.0
#: Errors that mean a reused keep-alive connection had been closed by the server before
#: the request was sent; an idempotent GET is then sent again on a new connection.
STALE_CONNECTION = (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError)


# --- One client connection -----------------------------------------------------------------


@dataclass
class Reply:
    status: int  # 0 when no HTTP answer came back (see ``error``)
    headers: dict[str, str]
    body: bytes
    latency: float
    error: str = ""

    def json(self):
        return json.loads(self.body)


class Connection:
    """One keep-alive HTTP/1.1 connection to one server, reopened when the server closes it."""

    def __init__(self, base: str, *, timeout: float = REQUEST_TIMEOUT):
        parts = urlsplit(base)
        if parts.hostname not in {"127.0.0.1", "localhost", "::1"}:
            raise ValueError(f"the load generator only talks to loopback, not {base!r}")
        self.host, self.port, self.timeout = parts.hostname, parts.port, timeout
        self._conn: http.client.HTTPConnection | None = None

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.close()

    def request(self, method: str, path: str, *, payload=None, headers=None) -> Reply:
        body = None if payload is None else json.dumps(payload).encode()
        sent_headers = dict(headers or {})
        if body is not None:
            sent_headers["Content-Type"] = "application/json"
        # Only a GET on a connection that had served before is tried twice: resending a POST
        # could store a comment twice, which is exactly what the load test looks for.
        attempts = 2 if method == "GET" and self._conn is not None else 1
        started = time.perf_counter()
        for attempt in range(attempts):
            try:
                if self._conn is None:
                    self._conn = http.client.HTTPConnection(
                        self.host, self.port, timeout=self.timeout
                    )
                self._conn.request(method, path, body=body, headers=sent_headers)
                response = self._conn.getresponse()
                data = response.read()
                if response.will_close:
                    self.close()
                return Reply(
                    response.status,
                    {key.lower(): value for key, value in response.getheaders()},
                    data,
                    time.perf_counter() - started,
                )
            except STALE_CONNECTION as exc:
                self.close()
                if attempt + 1 == attempts:
                    return Reply(0, {}, b"", time.perf_counter() - started, repr(exc))
                started = time.perf_counter()
            except (OSError, http.client.HTTPException) as exc:
                self.close()
                return Reply(0, {}, b"", time.perf_counter() - started, repr(exc))
        raise AssertionError("unreachable")


# --- The load ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Sample:
    kind: str  # "read", "challenge" or "post"
    server: int
    path: str
    status: int
    latency: float
    error: str = ""
    cache: str = ""  # the X-Gazette-Cache header: hit, miss, bypass, or empty


@dataclass(frozen=True)
class Post:
    """One comment sent: its unique body, and what the server answered."""

    article_id: int
    body: str
    status: int
    comment_id: int | None
    error: str = ""

    @property
    def acknowledged(self) -> bool:
        return self.status in (201, 202)


@dataclass
class LoadResult:
    samples: list[Sample]
    posts: list[Post]
    seconds: float
    readers: int
    commenters: int
    stopped_early: bool

    def latencies(self, kind: str | None = None) -> list[float]:
        return sorted(s.latency for s in self.samples if kind is None or s.kind == kind)

    def percentile(self, fraction: float, kind: str | None = None) -> float:
        """Nearest-rank percentile in seconds (0.0 when nothing of that kind was sent)."""
        values = self.latencies(kind)
        if not values:
            return 0.0
        rank = math.ceil(round(fraction * len(values), 9))
        return values[min(max(rank, 1), len(values)) - 1]

    def statuses(self, kind: str | None = None) -> Counter:
        return Counter(s.status for s in self.samples if kind is None or s.kind == kind)

    def server_errors(self) -> list[Sample]:
        return [s for s in self.samples if s.status >= 500]

    def transport_errors(self) -> list[Sample]:
        return [s for s in self.samples if s.status == 0]

    def summary(self) -> dict:
        def ms(value: float) -> float:
            return round(value * 1000, 1)

        figures = {
            "clients": self.readers + self.commenters,
            "readers": self.readers,
            "commenters": self.commenters,
            "seconds": round(self.seconds, 1),
            "requests": len(self.samples),
            "requests_per_second": round(len(self.samples) / self.seconds, 1),
            "posts": len(self.posts),
            "posts_acknowledged": sum(post.acknowledged for post in self.posts),
            "posts_per_second": round(len(self.posts) / self.seconds, 1),
            "statuses": dict(sorted(self.statuses().items())),
            "read_cache": dict(Counter(s.cache or "-" for s in self.samples if s.kind == "read")),
        }
        for kind in (None, "read", "challenge", "post"):
            label = kind or "all"
            figures[f"{label}_p50_ms"] = ms(self.percentile(0.50, kind))
            figures[f"{label}_p99_ms"] = ms(self.percentile(0.99, kind))
        return figures


@dataclass(frozen=True)
class Target:
    """An article the commenters write on, and what it should answer (201 or 202)."""

    article_id: int
    expected_status: int


@dataclass
class _Shared:
    post_numbers: Iterator[int]
    posts_wanted: int
    deadline: float
    tag: str
    lock: threading.Lock = field(default_factory=threading.Lock)
    commenters_done: threading.Event = field(default_factory=threading.Event)
    stopped_early: bool = False

    def next_post(self) -> int | None:
        with self.lock:
            if time.monotonic() >= self.deadline:
                self.stopped_early = True
                return None
            number = next(self.post_numbers)
            return number if number < self.posts_wanted else None


def comment_body(tag: str, number: int) -> str:
    """Unique per post, so that each stored comment can be traced to one request."""
    return f"Load {tag} comment {number:06d}: the council should publish its minutes sooner."


def run_load(
    servers: list[str],
    *,
    targets: list[Target],
    read_paths: list[str],
    readers: int,
    commenters: int,
    posts: int,
    read_pause: float = 0.0,
    max_seconds: float = 60.0,
) -> LoadResult:
    """Run readers and commenters together until ``posts`` comments were sent, or for at
    most ``max_seconds``; readers stop when the commenters do.

    Commenters post as fast as the servers answer. Readers wait ``read_pause`` seconds
    after each page, as people reading do; 0 makes them ask as fast as commenters."""
    shared = _Shared(
        post_numbers=itertools.count(),
        posts_wanted=posts,
        deadline=time.monotonic() + max_seconds,
        tag=secrets.token_hex(4),
    )
    samples: list[list[Sample]] = [[] for _ in range(readers + commenters)]
    sent: list[list[Post]] = [[] for _ in range(commenters)]
    threads = [
        threading.Thread(
            target=_reader,
            args=(i, servers, read_paths, read_pause, shared, samples[i]),
            daemon=True,
        )
        for i in range(readers)
    ]
    commenter_threads = [
        threading.Thread(
            target=_commenter,
            args=(i, servers, targets, shared, samples[readers + i], sent[i]),
            daemon=True,
        )
        for i in range(commenters)
    ]
    started = time.monotonic()
    for thread in threads + commenter_threads:
        thread.start()
    for thread in commenter_threads:
        thread.join()
    shared.commenters_done.set()
    for thread in threads:
        thread.join()
    seconds = time.monotonic() - started
    return LoadResult(
        samples=[sample for group in samples for sample in group],
        posts=[post for group in sent for post in group],
        seconds=seconds,
        readers=readers,
        commenters=commenters,
        stopped_early=shared.stopped_early,
    )


def _reader(
    index: int, servers: list[str], paths: list[str], pause: float, shared: _Shared, out: list
):
    connections = [Connection(base) for base in servers]
    try:
        for step in itertools.count(index):
            if shared.commenters_done.is_set() or time.monotonic() >= shared.deadline:
                return
            server = step % len(servers)
            path = paths[(step // len(servers)) % len(paths)]
            reply = connections[server].request("GET", path)
            cache = reply.headers.get("x-gazette-cache", "")
            out.append(
                Sample("read", server, path, reply.status, reply.latency, reply.error, cache)
            )
            if pause:
                shared.commenters_done.wait(pause)
    finally:
        for connection in connections:
            connection.close()


def _commenter(
    index: int,
    servers: list[str],
    targets: list[Target],
    shared: _Shared,
    out: list,
    sent: list,
):
    connections = [Connection(base) for base in servers]
    try:
        while (number := shared.next_post()) is not None:
            asking = (index + number) % len(servers)
            answering = (asking + 1) % len(servers)
            challenge = connections[asking].request("GET", "/api/v1/challenge")
            out.append(
                Sample(
                    "challenge",
                    asking,
                    "/api/v1/challenge",
                    challenge.status,
                    challenge.latency,
                    challenge.error,
                )
            )
            if challenge.status != 200:
                continue
            question = challenge.json()
            target = targets[number % len(targets)]
            path = f"/api/v1/articles/{target.article_id}/comments"
            body = comment_body(shared.tag, number)
            reply = connections[answering].request(
                "POST",
                path,
                payload={
                    "author_name": f"Reader {number % 97}",
                    "body": body,
                    "challenge_token": question["token"],
                    "challenge_answer": str(solve(question["question"])),
                },
            )
            out.append(Sample("post", answering, path, reply.status, reply.latency, reply.error))
            comment_id = reply.json().get("id") if reply.status == 201 else None
            sent.append(Post(target.article_id, body, reply.status, comment_id, reply.error))
    finally:
        for connection in connections:
            connection.close()


# --- The sites under test ------------------------------------------------------------------


def site_env(data_dir: Path, static: Path, **settings: str) -> dict[str, str]:
    """The environment of one `gazette run` on a new data dir whose static files are the
    ones ``static`` holds (collected once per session; see the ``static_files`` fixture)."""
    data_dir.mkdir(parents=True)
    (data_dir / "static").symlink_to(static, target_is_directory=True)
    return plain_site_env(data_dir, **{"GAZETTE_LOG_LEVEL": "WARNING", **settings})


def gazette_shell(env: dict[str, str], code: str):
    """Run Python in `gazette shell` with ``env``; return the JSON its last line printed."""
    return json.loads(shell_output(code, env=env).strip().splitlines()[-1])


def process_tree_cpu(pid: int) -> float:
    """User and system CPU seconds of a process and its living descendants."""
    try:
        root = psutil.Process(pid)
        total = 0.0
        for process in [root, *root.children(recursive=True)]:
            times = process.cpu_times()
            total += times.user + times.system
        return total
    except psutil.NoSuchProcess:
        return 0.0


@contextlib.contextmanager
def running(envs: list[dict[str, str]], log_dir: Path, *, workers: int = 1):
    """One `gazette run` per environment, each answering HTTP; all stopped on the way out."""
    started: list[GazetteServer] = []
    try:
        for number, env in enumerate(envs):
            server = GazetteServer(env, workers=workers, log=log_dir / f"server-{number}.log")
            started.append(server)
            server.start()
            with Connection(server.base, timeout=10) as probe:
                wait_until(
                    lambda probe=probe: probe.request("GET", "/api/v1/challenge").status == 200,
                    timeout=START_TIMEOUT,
                    interval=0.2,
                    what=f"gazette run answering on {server.base}",
                )
        yield started
    finally:
        for server in started:
            server.stop()


# --- Shared PostgreSQL and Redis, borrowed for one test --------------------------------------

PG_ADMIN_URL = "postgres://postgres@127.0.0.1:5432/postgres"
REDIS_HOST_URL = "redis://127.0.0.1:6379"
#: The Redis database the servers under test use; the suite's own tests use others (the
#: Makefile's 15 and below, one per xdist worker). Keys carry a per-test prefix, and only
#: those keys are deleted afterwards, so two of these tests may share it.
SERVER_REDIS_DB = int(os.environ.get("GAZETTE_RELIABILITY_REDIS_DB", "2"))


def _admin_url() -> str:
    """The PostgreSQL server the suite itself uses, when it uses one; else the local one."""
    configured = os.environ.get("DATABASE_URL", "")
    if configured.startswith(("postgres://", "postgresql://")):
        return configured.rsplit("/", 1)[0] + "/postgres"
    return PG_ADMIN_URL


def _redis_url() -> str:
    configured = os.environ.get("REDIS_URL", "")
    base = configured.rsplit("/", 1)[0] if configured.startswith("redis://") else REDIS_HOST_URL
    return f"{base}/{SERVER_REDIS_DB}"


def _connect_admin():
    import psycopg

    try:
        return psycopg.connect(_admin_url(), autocommit=True, connect_timeout=5)
    except psycopg.OperationalError as exc:
        pytest.skip(f"needs the shared PostgreSQL server at {_admin_url()}: {exc}")


def _database_url(database: str) -> str:
    return _admin_url().rsplit("/", 1)[0] + "/" + database


def _migrated_template(config) -> str:
    """A migrated database on the shared server, made once per test session (per xdist
    worker) and dropped when the session ends: new databases are copies of it, which
    takes a second where migrating takes most of a minute."""
    if _TEMPLATE in config.stash:
        return config.stash[_TEMPLATE]
    template = f"gazette_template_{secrets.token_hex(4)}"
    with _connect_admin() as admin:
        admin.execute(f'CREATE DATABASE "{template}"')

    def drop():
        with _connect_admin() as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{template}" WITH (FORCE)')

    config.add_cleanup(drop)
    with tempfile.TemporaryDirectory(prefix="gazette-template-") as data_dir:
        migrate(plain_site_env(Path(data_dir), DATABASE_URL=_database_url(template)))
    config.stash[_TEMPLATE] = template
    return template


_TEMPLATE = pytest.StashKey[str]()


@contextlib.contextmanager
def shared_services(config, name: str):
    """A new, migrated PostgreSQL database and a private key prefix in Redis, for
    `gazette run` processes to share: yields their settings; drops the database and deletes
    the keys on the way out; skips the test when either server cannot be reached.
    ``config`` is pytest's, which keeps the migrated template for the session."""
    import redis

    store = redis.Redis.from_url(_redis_url(), socket_timeout=10)
    try:
        store.ping()
    except redis.RedisError as exc:
        pytest.skip(f"needs the shared Redis server at {_redis_url()}: {exc}")
    template = _migrated_template(config)
    database = f"gazette_{name}_{secrets.token_hex(4)}"
    with _connect_admin() as admin:
        admin.execute(f'CREATE DATABASE "{database}" TEMPLATE "{template}"')
        try:
            yield {
                "DATABASE_URL": _database_url(database),
                "REDIS_URL": _redis_url(),
                "GAZETTE_CACHE_PREFIX": database,
            }
        finally:
            admin.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
            keys = list(store.scan_iter(match=f"{database}:*", count=1000))
            for start in range(0, len(keys), 500):
                store.delete(*keys[start : start + 500])
            store.close()
