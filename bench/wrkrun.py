"""Driving Debian's wrk and reading what bench/report.lua prints."""

# ruff: noqa: S603 (every command here is built from fixed parts, never from input)

import json
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

SCRIPT = Path(__file__).resolve().parent / "report.lua"
MARKER = "WRK_JSON "


class WrkError(RuntimeError):
    pass


@dataclass(frozen=True)
class WrkResult:
    requests: int
    seconds: float
    errors: dict[str, int]
    p50_ms: float
    p90_ms: float
    p99_ms: float
    mean_ms: float
    bytes: int

    @property
    def rps(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    @property
    def failed(self) -> int:
        """Requests that got no answer or an HTTP status above 399."""
        return sum(self.errors.values())


def wrk_command(
    url: str,
    *,
    seconds: float,
    connections: int,
    threads: int = 2,
    timeout: int = 30,
    headers: dict[str, str] | None = None,
    wrk: str = "wrk",
) -> list[str]:
    """The wrk command line for a run of ``seconds`` (wrk always runs that long)."""
    threads = max(1, min(threads, connections))
    command = [
        wrk,
        f"-t{threads}",
        f"-c{connections}",
        f"-d{max(1, round(seconds))}s",
        f"--timeout={timeout}s",
        "-s",
        str(SCRIPT),
    ]
    for name, value in (headers or {}).items():
        command += ["-H", f"{name}: {value}"]
    command.append(url)
    return command


def parse_wrk_output(text: str) -> WrkResult:
    """The figures from report.lua's line; raises WrkError when it is missing."""
    for line in text.splitlines():
        if line.startswith(MARKER):
            data = json.loads(line[len(MARKER) :])
            latency = data["latency_us"]
            return WrkResult(
                requests=int(data["requests"]),
                seconds=data["duration_us"] / 1e6,
                errors={key: int(value) for key, value in data["errors"].items()},
                p50_ms=latency["p50"] / 1000,
                p90_ms=latency["p90"] / 1000,
                p99_ms=latency["p99"] / 1000,
                mean_ms=latency["mean"] / 1000,
                bytes=int(data["bytes"]),
            )
    raise WrkError(f"wrk printed no {MARKER.strip()} line:\n{text[-2000:]}")


def run_wrk(url: str, **options) -> WrkResult:
    wrk = shutil.which("wrk")
    if wrk is None:
        raise WrkError("wrk is not installed: `apt-get install wrk` (make bench does it).")
    done = subprocess.run(
        wrk_command(url, wrk=wrk, **options),
        capture_output=True,
        text=True,
        timeout=options.get("seconds", 10) + 60,
        check=False,
    )
    if done.returncode != 0:
        raise WrkError(f"wrk failed ({done.returncode}): {done.stderr or done.stdout}")
    return parse_wrk_output(done.stdout)
