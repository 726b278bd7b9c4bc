"""Running the installed `gazette` command as an operator would, on a fresh data dir."""

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from pathlib import Path

GAZETTE = shutil.which("gazette", path=str(Path(sys.executable).parent)) or "gazette"


def gazette_env(data_dir: Path) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("GAZETTE_", "DJANGO_")) and key not in {"DATABASE_URL", "REDIS_URL"}
    }
    env["GAZETTE_DATA_DIR"] = str(data_dir)
    return env


def run_gazette(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [GAZETTE, *args], env=env, capture_output=True, text=True, timeout=300, check=False
    )


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


@contextmanager
def serving(env: dict[str, str], *, workers: int = 1):
    """`gazette run` on a free port of a migrated data dir: yields (base URL, process)."""
    migrated = run_gazette("migrate", "--noinput", env=env)
    assert migrated.returncode == 0, migrated.stderr
    port = free_port()
    server = subprocess.Popen(
        [GAZETTE, "run", "--port", str(port), "--workers", str(workers)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and server.poll() is None:
        try:
            fetch(base + "/")
            break
        except OSError:
            time.sleep(0.2)
    try:
        yield base, server
    finally:
        if server.poll() is None:
            server.kill()
            server.wait()
