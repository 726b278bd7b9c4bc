"""Private, throwaway servers for fault tests: Redis, a PostgreSQL cluster, `gazette run`.

Each listens on a free loopback port of its own, so a test may stop and start it at will;
the shared PostgreSQL and Redis of the machine are never touched. A server that cannot be
had on this machine raises :class:`Unavailable` with the reason, for the caller to skip.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from pathlib import Path

from tests.cli.helpers import GAZETTE, free_port, gazette_env, run_gazette

REPO = Path(__file__).resolve().parents[2]
#: How long a server may take to answer after being started. Generous: the machine is shared.
START_TIMEOUT = 60.0


class Unavailable(Exception):
    """This kind of server cannot be run here; the message says why."""


def wait_until(condition, *, timeout: float, interval: float = 0.05, what: str = "condition"):
    deadline = time.monotonic() + timeout
    while True:
        result = condition()
        if result:
            return result
        if time.monotonic() > deadline:
            raise TimeoutError(f"{what} did not happen within {timeout:g} s")
        time.sleep(interval)


def _answers(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=0.5):
            return True
    except OSError:
        return False


# --- Redis ---------------------------------------------------------------------------------


class PrivateRedis:
    """``redis-server`` on a free port, without persistence; :meth:`stop` and :meth:`start`
    keep the port, so clients configured with :attr:`url` find it again."""

    def __init__(self, workdir: Path):
        binary = shutil.which("redis-server")
        if binary is None:
            raise Unavailable("redis-server is not installed")
        self.binary = binary
        self.workdir = workdir
        self.port = free_port()
        self.process: subprocess.Popen | None = None

    def url(self, db: int = 0) -> str:
        return f"redis://127.0.0.1:{self.port}/{db}"

    def start(self) -> None:
        self.workdir.mkdir(parents=True, exist_ok=True)
        self.process = subprocess.Popen(
            [
                self.binary,
                "--port", str(self.port),
                "--bind", "127.0.0.1",
                "--save", "",
                "--appendonly", "no",
                "--dir", str(self.workdir),
                "--logfile", str(self.workdir / "redis.log"),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )  # fmt: skip
        wait_until(self.ping, timeout=START_TIMEOUT, what=f"Redis on port {self.port}")

    def ping(self) -> bool:
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=0.5) as sock:
                sock.sendall(b"PING\r\n")
                return sock.recv(16).startswith(b"+PONG")
        except OSError:
            return False

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=30)
        self.process = None

    def client(self, db: int = 0):
        import redis

        return redis.Redis.from_url(self.url(db), socket_timeout=5)


# --- PostgreSQL ----------------------------------------------------------------------------


def _postgres_bin(name: str) -> str:
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), key=_version_key)
    if found:
        return found[-1]
    binary = shutil.which(name)
    if binary is None:
        raise Unavailable(f"PostgreSQL's {name} is not installed")
    return binary


def _version_key(path: str) -> int:
    part = Path(path).parts[-3]
    return int(part) if part.isdigit() else 0


class PrivatePostgres:
    """A PostgreSQL cluster made by ``initdb`` in a temporary directory, on a free port.

    As root, PostgreSQL refuses to run, so the cluster belongs to the ``postgres`` user and
    ``initdb``/``pg_ctl`` run through ``runuser``. Trust authentication, loopback only,
    ``fsync=off``: it lives for one test session.
    """

    def __init__(self):
        self.initdb, self.pg_ctl = _postgres_bin("initdb"), _postgres_bin("pg_ctl")
        self.as_user: list[str] = []
        self.base = Path(tempfile.mkdtemp(prefix="gazette-pg-"))
        if os.geteuid() == 0:
            try:
                owner = pwd.getpwnam("postgres")
            except KeyError:
                raise Unavailable("running as root and there is no postgres user") from None
            if shutil.which("runuser") is None:
                raise Unavailable("running as root and runuser is not installed")
            os.chown(self.base, owner.pw_uid, owner.pw_gid)
            self.as_user = ["runuser", "-u", "postgres", "--"]
        self.data = self.base / "data"
        self.port = free_port()
        result = self._run(
            self.initdb,
            "-D", str(self.data),
            "-U", "postgres",
            "-A", "trust",
            "-E", "UTF8",
            "--locale", "C",
            "--no-sync",
        )  # fmt: skip
        if result.returncode != 0:
            raise Unavailable(f"initdb failed: {result.stderr.strip()[-500:]}")

    def _run(self, *args: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [*self.as_user, *args], capture_output=True, text=True, timeout=120, check=False
        )

    def url(self, database: str) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/{database}"

    def start(self) -> None:
        options = (
            f"-p {self.port} -k {self.base} -c listen_addresses=127.0.0.1 "
            "-c fsync=off -c full_page_writes=off -c max_connections=200"
        )
        result = self._run(
            self.pg_ctl, "-D", str(self.data), "-l", str(self.base / "server.log"),
            "-o", options, "-w", "-t", str(int(START_TIMEOUT)), "start",
        )  # fmt: skip
        if result.returncode != 0:
            log = (self.base / "server.log").read_text(errors="replace")[-2000:]
            raise RuntimeError(f"pg_ctl start failed: {result.stderr}\n{log}")

    def stop(self, mode: str = "fast") -> None:
        self._run(self.pg_ctl, "-D", str(self.data), "-m", mode, "-w", "stop")

    def running(self) -> bool:
        return _answers("127.0.0.1", self.port)

    def execute(self, sql: str, database: str = "postgres") -> None:
        import psycopg

        with psycopg.connect(self.url(database), autocommit=True, connect_timeout=10) as conn:
            conn.execute(sql)

    def query(self, sql: str, database: str = "postgres") -> list[tuple]:
        import psycopg

        with psycopg.connect(self.url(database), autocommit=True, connect_timeout=10) as conn:
            return conn.execute(sql).fetchall()

    def create_database(self, name: str, *, template: str | None = None) -> str:
        clause = f" TEMPLATE {template}" if template else ""
        self.execute(f"CREATE DATABASE {name}{clause}")
        return self.url(name)

    def destroy(self) -> None:
        if self.running():
            self.stop("immediate")
        shutil.rmtree(self.base, ignore_errors=True)


# --- Gazette -------------------------------------------------------------------------------


def site_env(data_dir: Path, **overrides: str) -> dict[str, str]:
    """The environment of a `gazette` process on ``data_dir``, able to import ``tests``."""
    env = gazette_env(data_dir)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH", "")]))
    env.update(overrides)
    return env


def gazette_shell(code: str, *, env: dict[str, str]) -> str:
    result = run_gazette("shell", "--no-startup", "-c", code, env=env)
    assert result.returncode == 0, result.stderr[-3000:]
    return result.stdout


class GazetteServer:
    """`gazette run` with its output in a log file, and the process ids of its workers.

    Static files are not collected: the data dir is expected to have them already."""

    def __init__(self, env: dict[str, str], *, workers: int = 2, threads: int = 8, log: Path):
        self.env, self.workers, self.threads, self.log_path = env, workers, threads, log
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.process: subprocess.Popen | None = None

    def __enter__(self) -> GazetteServer:
        self.start()
        return self

    def __exit__(self, *exc_info) -> None:
        self.stop()

    def start(self) -> None:
        log = self.log_path.open("ab")
        self.process = subprocess.Popen(
            [
                GAZETTE, "run",
                "--port", str(self.port),
                "--workers", str(self.workers),
                "--threads", str(self.threads),
                "--no-collectstatic",
            ],
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )  # fmt: skip
        log.close()
        wait_until(
            lambda: self.process.poll() is not None or len(self.worker_pids()) >= self.workers,
            timeout=START_TIMEOUT,
            what="the workers' start",
        )
        wait_until(
            lambda: self.process.poll() is not None or _answers("127.0.0.1", self.port),
            timeout=START_TIMEOUT,
            what="gazette run listening",
        )
        if self.process.poll() is not None:
            raise RuntimeError(f"gazette run exited:\n{self.log()[-3000:]}")

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        self.process.send_signal(signal.SIGINT)
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            for pid in self.worker_pids():
                _kill(pid)
            self.process.kill()
            self.process.wait()

    def worker_pids(self) -> list[int]:
        """The granian workers: the children of the main process."""
        if self.process is None:
            return []
        pids = []
        for path in glob.glob(f"/proc/{self.process.pid}/task/*/children"):
            try:
                pids += [int(pid) for pid in Path(path).read_text().split()]
            except OSError:
                continue
        return sorted(set(pids))

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")


def _kill(pid: int) -> None:
    try:
        os.kill(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass


def migrate(env: dict[str, str]) -> None:
    result = run_gazette("migrate", "--noinput", env=env)
    assert result.returncode == 0, result.stderr[-3000:]
