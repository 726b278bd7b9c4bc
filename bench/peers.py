"""The peers `make bench PEERS=1` measures: stock Wagtail and Isso, each in its own venv.

Everything comes from PyPI. Wagtail and granian are pinned to the versions Gazette runs
(read from requirements/base.txt), so the comparison is of the code above them. Venvs and
sites live in bench/peers/ (git-ignored) and are reused; Isso's database is re-seeded on
every run, because the bench posts to it.
"""

# ruff: noqa: S603 (every command here is built from fixed parts, never from input)

import hashlib
import re
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from bench.servers import BENCH_DIR, ROOT, Server, granian_server

PEERS_DIR = BENCH_DIR / "peers"
SOURCES = BENCH_DIR / "peer_sites"
ISSO_VERSION = "0.14.0"
ISSO_THREADS = {"/bench/thread-50/": 50, "/bench/thread-5000/": 5000, "/bench/post-target/": 0}


def pinned(name: str, requirements: Path = ROOT / "requirements" / "base.txt") -> str:
    """``name==version`` as pinned in Gazette's requirements."""
    for line in requirements.read_text().splitlines():
        if re.match(rf"{re.escape(name)}==", line.strip(), re.IGNORECASE):
            return line.strip()
    raise LookupError(f"{name} is not pinned in {requirements}")


def run(command: list, **options) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(part) for part in command], check=True, capture_output=True, text=True, **options
    )


def ensure_venv(directory: Path, requirements: list[str], log=print) -> Path:
    """A venv with exactly ``requirements`` installed; rebuilt when they change."""
    python = directory / "venv" / "bin" / "python"
    stamp = directory / "venv" / ".bench-requirements"
    wanted = "\n".join(requirements)
    if python.exists() and stamp.exists() and stamp.read_text() == wanted:
        return python
    log(f"  installing {', '.join(requirements)} into {directory / 'venv'} ...")
    shutil.rmtree(directory / "venv", ignore_errors=True)
    directory.mkdir(parents=True, exist_ok=True)
    run([sys.executable, "-m", "venv", directory / "venv"])
    run([python, "-m", "pip", "install", "--quiet", *requirements])
    stamp.write_text(wanted)
    return python


@dataclass
class Peer:
    server: Server
    paths: dict[str, str]
    db_path: Path | None = None


def wagtail_peer(*, workers: int, threads: int, log_dir: Path, log=print) -> Peer:
    """Stock Wagtail: a `wagtail start` project plus a title-and-body article page model."""
    home = PEERS_DIR / "wagtail"
    python = ensure_venv(home, [pinned("wagtail"), pinned("granian")], log=log)
    site = home / "site"
    stamp = site / ".bench-sources"
    sources = _digest(SOURCES / "wagtail_news", SOURCES / "wagtail_seed.py")
    if not (stamp.exists() and stamp.read_text() == sources):
        log("  creating the stock Wagtail site ...")
        shutil.rmtree(site, ignore_errors=True)
        site.mkdir(parents=True)
        run([python.with_name("wagtail"), "start", "stocksite", site])
        shutil.copytree(SOURCES / "wagtail_news", site / "news")
        (site / "stocksite" / "settings" / "local.py").write_text(
            "from .base import INSTALLED_APPS\n\n"
            f"SECRET_KEY = {hashlib.sha256(str(site).encode()).hexdigest()!r}\n"
            'ALLOWED_HOSTS = ["127.0.0.1", "localhost"]\n'
            'INSTALLED_APPS = [*INSTALLED_APPS, "news"]\n'
        )
        env = _wagtail_env(site)
        manage = [python, site / "manage.py"]
        run([*manage, "makemigrations", "news"], cwd=site, env=env)
        run([*manage, "migrate", "--noinput"], cwd=site, env=env)
        run([*manage, "collectstatic", "--noinput"], cwd=site, env=env)
        run([python, SOURCES / "wagtail_seed.py"], cwd=site, env=env)
        stamp.write_text(sources)
    server = granian_server(
        "wagtail",
        python=str(python),
        target="stocksite.wsgi:application",
        env=_wagtail_env(site),
        cwd=site,
        workers=workers,
        threads=threads,
        log_dir=log_dir,
    )
    return Peer(server=server, paths={"article": "/bench-article/"})


def _wagtail_env(site: Path) -> dict[str, str]:
    return {
        "PATH": "/usr/bin:/bin",
        "DJANGO_SETTINGS_MODULE": "stocksite.settings.production",
        "PYTHONPATH": str(site),
    }


def isso_peer(*, workers: int, threads: int, log_dir: Path, log=print) -> Peer:
    """Isso's own WSGI app (``isso.run:application``) served by the same granian settings."""
    home = PEERS_DIR / "isso"
    python = ensure_venv(home, [f"isso=={ISSO_VERSION}", pinned("granian")], log=log)
    db_path = home / "comments.db"
    for stale in home.glob("comments.db*"):
        stale.unlink()
    server = granian_server(
        "isso",
        python=str(python),
        target="isso.run:application",
        env={"PATH": "/usr/bin:/bin"},
        cwd=home,
        workers=workers,
        threads=threads,
        log_dir=log_dir,
    )
    config = home / "isso.cfg"
    config.write_text(
        (SOURCES / "isso.cfg").read_text().format(dbpath=db_path, host=server.base + "/")
    )
    server.env["ISSO_SETTINGS"] = str(config)
    started = time.monotonic()
    specs = [f"{uri}={count}" for uri, count in ISSO_THREADS.items()]
    run([python, SOURCES / "isso_seed.py", config, *specs], cwd=home)
    log(f"  seeded Isso in {time.monotonic() - started:.1f} s")
    # The page our API returns by default: 50 top-level comments with all their replies.
    paths = {f"list{n}": f"/?uri={uri}&limit=50" for uri, n in ISSO_THREADS.items() if n}
    paths["list5000_unlimited"] = "/?uri=/bench/thread-5000/"
    paths["post_uri"] = "/bench/post-target/"
    return Peer(server=server, paths=paths, db_path=db_path)


def _digest(*paths: Path) -> str:
    digest = hashlib.sha256()
    for path in paths:
        files = sorted(path.rglob("*")) if path.is_dir() else [path]
        for file in files:
            if file.is_file() and "__pycache__" not in file.parts:
                digest.update(file.name.encode() + file.read_bytes())
    return digest.hexdigest()
