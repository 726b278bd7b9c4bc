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


def summarise(collapsed: str, *, top: int = 12) -> dict:
    """Self and inclusive sample shares of the busiest functions in py-spy's raw output."""
    own: Counter = Counter()
    inclusive: Counter = Counter()
    total = 0
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
        for frame in set(frames):
            inclusive[frame] += samples
    if not total:
        return {"samples": 0, "self": [], "inclusive": []}

    def share(counter):
        return [(name, round(100 * value / total, 1)) for name, value in counter.most_common(top)]

    gazette = Counter(
        {
            name: value
            for name, value in inclusive.items()
            if name.startswith(("gazette/", "django/", "wagtail/", "ninja/"))
        }
    )
    return {"samples": total, "self": share(own), "inclusive": share(gazette)}
