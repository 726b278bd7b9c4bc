"""gazette/settings.py, imported in a fresh interpreter with only the environment given."""

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
PRINT_SECRET_KEY = "import gazette.settings as s; print(s.SECRET_KEY)"


def run_python(code: str, data_dir: Path, **env: str) -> subprocess.CompletedProcess:
    """Run ``code`` with a minimal environment: PATH, the venv, the data dir and ``env``."""
    environ = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "VIRTUAL_ENV": sys.prefix,
        "PYTHONPATH": str(REPO),
        "GAZETTE_DATA_DIR": str(data_dir),
        **env,
    }
    return subprocess.run(
        [sys.executable, "-c", code], env=environ, cwd=REPO, capture_output=True, text=True
    )


def output_of(code: str, data_dir: Path, **env: str) -> str:
    result = run_python(code, data_dir, **env)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_secret_key_is_generated_into_the_data_dir_readable_by_the_owner_only(tmp_path):
    key = output_of(PRINT_SECRET_KEY, tmp_path)

    key_file = tmp_path / "secret_key"
    assert len(key) >= 50
    assert key_file.read_text().strip() == key
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600


def test_secret_key_is_the_same_on_the_next_start(tmp_path):
    first = output_of(PRINT_SECRET_KEY, tmp_path)
    second = output_of(PRINT_SECRET_KEY, tmp_path)

    assert first == second


def test_each_data_dir_gets_its_own_secret_key(tmp_path):
    one = output_of(PRINT_SECRET_KEY, tmp_path / "one")
    other = output_of(PRINT_SECRET_KEY, tmp_path / "other")

    assert one != other


def test_secret_key_from_the_environment_wins_and_nothing_is_written(tmp_path):
    key = output_of(PRINT_SECRET_KEY, tmp_path, GAZETTE_SECRET_KEY="from-the-environment")

    assert key == "from-the-environment"
    assert not (tmp_path / "secret_key").exists()


def test_secret_key_from_the_environment_wins_over_a_kept_one(tmp_path):
    output_of(PRINT_SECRET_KEY, tmp_path)

    key = output_of(PRINT_SECRET_KEY, tmp_path, GAZETTE_SECRET_KEY="rotated")

    assert key == "rotated"


def test_without_database_url_the_database_is_sqlite_in_the_data_dir(tmp_path):
    code = "import gazette.settings as s; d = s.DATABASES['default']; print(d['ENGINE'], d['NAME'])"

    engine, name = output_of(code, tmp_path).split()

    assert engine == "gazette.core.sqlite"
    assert Path(name) == tmp_path.resolve() / "gazette.sqlite3"


def test_sqlite_connection_runs_in_wal_mode(tmp_path):
    code = (
        "from django.db import connection\n"
        "with connection.cursor() as cursor:\n"
        "    cursor.execute('PRAGMA journal_mode')\n"
        "    print(cursor.fetchone()[0])\n"
    )

    mode = output_of(code, tmp_path, DJANGO_SETTINGS_MODULE="gazette.settings")

    assert mode == "wal"
    assert (tmp_path / "gazette.sqlite3").exists()


def test_database_url_selects_postgresql(tmp_path):
    code = "import gazette.settings as s; d = s.DATABASES['default']; print(d['ENGINE'], d['NAME'])"

    out = output_of(code, tmp_path, DATABASE_URL="postgres://news@db.example:5432/gazette")

    assert out == "django.db.backends.postgresql gazette"


def test_redis_url_selects_the_redis_cache(tmp_path):
    code = (
        "from gazette.settings import CACHES; "
        "print(CACHES['default']['BACKEND'], CACHES['default']['LOCATION'])"
    )

    out = output_of(code, tmp_path, REDIS_URL="redis://cache.example:6379/3")

    # Django's Redis cache, wrapped so that an unreachable Redis is a miss (docs/scaling.md).
    assert out == "gazette.resilience.cache.ResilientRedisCache redis://cache.example:6379/3"


def test_without_redis_url_the_cache_is_in_process_memory(tmp_path):
    code = "import gazette.settings as s; print(s.CACHES['default']['BACKEND'])"

    assert output_of(code, tmp_path) == "django.core.cache.backends.locmem.LocMemCache"


@pytest.mark.parametrize(
    ("value", "debug"), [("on", True), ("true", True), ("1", True), ("off", False), ("", False)]
)
def test_gazette_debug_understands_on_and_off(tmp_path, value, debug):
    code = "import gazette.settings as s; print(s.DEBUG)"

    assert output_of(code, tmp_path, GAZETTE_DEBUG=value) == str(debug)


def test_gazette_debug_that_is_not_a_boolean_stops_start_up_with_a_clear_message(tmp_path):
    result = run_python("import gazette.settings", tmp_path, GAZETTE_DEBUG="maybe")

    assert result.returncode != 0
    last_line = result.stderr.strip().splitlines()[-1]
    assert last_line == (
        "django.core.exceptions.ImproperlyConfigured: "
        "GAZETTE_DEBUG must be a boolean (on/off, true/false, 1/0), not 'maybe'"
    )
