"""Starting the servers under test on loopback, waiting for them, and stopping them."""

# ruff: noqa: S603 (every command here is built from fixed parts, never from input)

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
ROOT = BENCH_DIR.parent
SERVE = BENCH_DIR / "serve.py"
HOST = "127.0.0.1"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def http_get(url: str, *, timeout: float = 30) -> tuple[int, dict[str, str], bytes]:
    """Status, headers (lower-case names) and body; HTTP errors are answers too."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:  # noqa: S310 (loopback)
            headers = {name.lower(): value for name, value in response.headers.items()}
            return response.status, headers, response.read()
    except urllib.error.HTTPError as error:
        headers = {name.lower(): value for name, value in error.headers.items()}
        return error.code, headers, error.read()


@dataclass
class Server:
    name: str
    command: list[str]
    env: dict[str, str]
    cwd: Path = ROOT
    port: int = field(default_factory=free_port)
    log_path: Path | None = None
    process: subprocess.Popen | None = None

    @property
    def base(self) -> str:
        return f"http://{HOST}:{self.port}"

    @property
    def pid(self) -> int:
        assert self.process is not None
        return self.process.pid

    def start(self, *, ready_path: str = "/", timeout: float = 120) -> "Server":
        log = open(self.log_path, "w") if self.log_path else subprocess.DEVNULL  # noqa: SIM115
        self.process = subprocess.Popen(
            self.command,
            env=self.env,
            cwd=self.cwd,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"{self.name} exited ({self.process.returncode}); see {log}")
            try:
                http_get(self.base + ready_path, timeout=10)
                return self
            except OSError:
                time.sleep(0.3)
        self.stop()
        raise RuntimeError(f"{self.name} did not answer within {timeout} s")

    def stop(self) -> None:
        """SIGINT first (a clean shutdown), then SIGKILL to the group this server leads."""
        if self.process is None or self.process.poll() is not None:
            return
        self.process.send_signal(signal.SIGINT)
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.stop()


def gazette_command(*, port: int, workers: int, threads: int) -> list[str]:
    gazette = str(Path(sys.executable).with_name("gazette"))
    return [
        gazette,
        "run",
        "--port",
        str(port),
        "--workers",
        str(workers),
        "--threads",
        str(threads),
        "--no-collectstatic",
    ]


def gazette_server(name: str, *, env: dict, workers: int, threads: int, log_dir: Path) -> Server:
    port = free_port()
    return Server(
        name=name,
        command=gazette_command(port=port, workers=workers, threads=threads),
        env={**env, "PORT": str(port)},
        port=port,
        log_path=log_dir / f"{name}.log",
    )


def granian_server(
    name: str,
    *,
    python: str,
    target: str,
    env: dict,
    cwd: Path,
    workers: int,
    threads: int,
    log_dir: Path,
) -> Server:
    """A WSGI app served by bench/serve.py: granian with `gazette run`'s options."""
    port = free_port()
    command = [python, str(SERVE), target, "--port", str(port)]
    command += ["--workers", str(workers), "--threads", str(threads)]
    return Server(
        name=name,
        command=command,
        env={**env, "PYTHONPATH": str(cwd)},
        cwd=cwd,
        port=port,
        log_path=log_dir / f"{name}.log",
    )
