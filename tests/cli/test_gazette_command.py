"""The installed ``gazette`` command, run as an operator would run it."""

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

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


def test_help_lists_gazette_django_and_wagtail_commands(tmp_path):
    result = run_gazette("--help", env=gazette_env(tmp_path))

    assert result.returncode == 0, result.stderr
    for command in ("run", "demo", "migrate", "createsuperuser", "fixtree", "collectstatic"):
        assert f"    {command}\n" in result.stdout, f"{command} missing from gazette --help"
    assert "[core]" in result.stdout
    assert "[articles]" in result.stdout


def test_run_rejects_a_bad_port(tmp_path):
    result = run_gazette("run", "--port", "70000", "--no-collectstatic", env=gazette_env(tmp_path))

    assert result.returncode != 0
    assert "--port must be between 1 and 65535" in result.stderr


@pytest.fixture
def served_site(tmp_path):
    """A migrated site on SQLite in a fresh data dir, served by `gazette run`."""
    env = gazette_env(tmp_path)
    migrated = run_gazette("migrate", "--noinput", env=env)
    assert migrated.returncode == 0, migrated.stderr
    port = free_port()
    server = subprocess.Popen(
        [GAZETTE, "run", "--port", str(port), "--workers", "1"],
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
    yield base, server, tmp_path
    if server.poll() is None:
        server.kill()
        server.wait()


def test_run_serves_the_site_with_debug_off_and_stops_cleanly_on_ctrl_c(served_site):
    base, server, data_dir = served_site

    status, body = fetch(base + "/")
    assert status == 200
    assert b'<html lang="en" dir="ltr">' in body
    stylesheet = body.split(b'<link rel="stylesheet" href="', 1)[1].split(b'"', 1)[0].decode()
    assert stylesheet.startswith("/static/gazette/css/gazette.") and stylesheet != (
        "/static/gazette/css/gazette.css"
    ), "production serves the hashed, collected stylesheet"
    css_status, css = fetch(base + stylesheet)
    assert css_status == 200 and b"margin-inline" in css
    missing_status, missing = fetch(base + "/no-such-page/")
    assert missing_status == 404 and b"Traceback" not in missing and b"DEBUG" not in missing
    assert (data_dir / "gazette.sqlite3").exists()
    assert (data_dir / "secret_key").exists()

    server.send_signal(signal.SIGINT)
    output, _ = server.communicate(timeout=30)
    assert server.returncode == 0, output
