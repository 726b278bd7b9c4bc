"""The installed ``gazette`` command, run as an operator would run it."""

import signal

import pytest

from tests.cli.helpers import fetch, gazette_env, run_gazette, serving


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
    with serving(gazette_env(tmp_path)) as (base, server):
        yield base, server, tmp_path


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
