"""Where a worker spends its time, sampled with py-spy while a scenario runs (BENCH_PROFILE=1)."""

# ruff: noqa: S603 (every command here is built from fixed parts, never from input)

import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path


def py_spy() -> str | None:
    return shutil.which("py-spy", path=str(Path(sys.executable).parent)) or shutil.which("py-spy")


def start(pid: int, seconds: float, output: Path) -> subprocess.Popen | None:
    """Record ``pid`` for ``seconds`` into ``output`` (collapsed stacks); None without py-spy."""
    binary = py_spy()
    if binary is None:
        return None
    return subprocess.Popen(
        [
            binary,
            "record",
            "--pid",
            str(pid),
            "--duration",
            str(max(1, round(seconds))),
            "--rate",
            "200",
            "--format",
            "raw",
            "--output",
            str(output),
            "--nonblocking",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def frame_name(frame: str) -> str:
    """``render (django/template/base.py:170)`` → ``django/template/base.py:render``."""
    name, _, where = frame.partition(" (")
    where = where.rstrip(")")
    path = where.rsplit(":", 1)[0]
    for marker in ("site-packages/", "/work/main/", "lib/python3"):
        if marker in path:
            path = path.split(marker, 1)[1]
    return f"{path}:{name}" if path else name


#: Frames that only pass a request on; time is charged to the code below them.
WRAPPERS = ("middleware", "gazette/cache/wsgi.py", "gazette/core/limits.py")
DATABASE = ("db/backends/", "psycopg", "sqlite3")


def owner(frames: list[str]) -> str:
    """The deepest Gazette function (or template tag) on a stack, else the deepest frame."""
    for frame in reversed(frames):
        if frame.startswith("gazette/") and not any(part in frame for part in WRAPPERS):
            return frame
        if "templatetags/" in frame:
            return frame
    return frames[-1]


def summarise(collapsed: str, *, top: int = 12) -> dict:
    """What py-spy's raw output says: the busiest functions by their own samples, the
    Gazette code each sample was under (``under``), and the share spent in the database."""
    own: Counter = Counter()
    under: Counter = Counter()
    total = database = 0
    for line in collapsed.splitlines():
        stack, _, count = line.rpartition(" ")
        if not stack or not count.isdigit():
            continue
        samples = int(count)
        frames = [frame_name(frame) for frame in stack.split(";") if frame]
        if not frames:
            continue
        total += samples
        own[frames[-1]] += samples
        under[owner(frames)] += samples
        if any(part in frame for frame in frames for part in DATABASE):
            database += samples
    if not total:
        return {"samples": 0, "database_pct": 0.0, "self": [], "under": []}

    def share(counter):
        return [(name, round(100 * value / total, 1)) for name, value in counter.most_common(top)]

    return {
        "samples": total,
        "database_pct": round(100 * database / total, 1),
        "self": share(own),
        "under": share(under),
    }
