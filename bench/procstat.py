"""CPU time and memory of a server process tree, read from /proc (Linux only)."""

import os
import threading
from pathlib import Path

PROC = Path("/proc")
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def stat_fields(pid: int, proc: Path = PROC) -> list[str]:
    """The fields of /proc/<pid>/stat after the command name (which may hold spaces)."""
    text = (proc / str(pid) / "stat").read_text()
    return text[text.rindex(")") + 2 :].split()


def cpu_seconds(pid: int, proc: Path = PROC) -> float:
    """User plus system CPU time of one process (utime and stime, fields 14 and 15)."""
    fields = stat_fields(pid, proc)
    # fields[0] is field 3 (state), so utime (14) is fields[11] and stime (15) fields[12].
    return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS


def children(pid: int, proc: Path = PROC) -> list[int]:
    """Direct children of ``pid`` (by their parent id, field 4)."""
    found = []
    for entry in proc.iterdir():
        if not entry.name.isdigit():
            continue
        try:
            if int(stat_fields(int(entry.name), proc)[1]) == pid:
                found.append(int(entry.name))
        except (OSError, ValueError, IndexError):
            continue
    return sorted(found)


def tree(pid: int, proc: Path = PROC) -> list[int]:
    """``pid`` and all its descendants."""
    pids, queue = [], [pid]
    while queue:
        current = queue.pop()
        pids.append(current)
        queue.extend(children(current, proc))
    return pids


def tree_cpu_seconds(pid: int, proc: Path = PROC) -> float:
    """CPU seconds of a server and every process under it; gone processes count as 0."""
    total = 0.0
    for member in tree(pid, proc):
        try:
            total += cpu_seconds(member, proc)
        except (OSError, ValueError, IndexError):
            continue
    return total


def rss_mib(pid: int, proc: Path = PROC, field: str = "VmRSS") -> float | None:
    """Resident memory in MiB (``VmRSS``, or another line of /proc/<pid>/status such as
    ``RssAnon``, the private part), or None when the process is gone."""
    try:
        for line in (proc / str(pid) / "status").read_text().splitlines():
            if line.startswith(f"{field}:"):
                return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


class RssSampler:
    """Samples the RSS of each worker (the server's children, or the server itself when it
    has none) every ``interval`` seconds in a thread; ``peaks`` maps pid → highest MiB."""

    def __init__(self, pid: int, *, interval: float = 0.25, proc: Path = PROC):
        self.pid = pid
        self.interval = interval
        self.proc = proc
        self.peaks: dict[int, float] = {}
        #: The same for RssAnon: VmRSS also counts file pages, such as SQLite's memory map.
        self.anon_peaks: dict[int, float] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def workers(self) -> list[int]:
        return children(self.pid, self.proc) or [self.pid]

    def sample(self) -> dict[int, float]:
        now = {}
        for worker in self.workers():
            value = rss_mib(worker, self.proc)
            if value is not None:
                now[worker] = value
                self.peaks[worker] = max(value, self.peaks.get(worker, 0.0))
            anon = rss_mib(worker, self.proc, "RssAnon")
            if anon is not None:
                self.anon_peaks[worker] = max(anon, self.anon_peaks.get(worker, 0.0))
        return now

    def _run(self) -> None:
        while not self._stop.is_set():
            self.sample()
            self._stop.wait(self.interval)

    def __enter__(self):
        self.sample()
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()
        self.sample()

    @property
    def peak(self) -> float:
        """The highest RSS any one worker reached, in MiB."""
        return max(self.peaks.values(), default=0.0)

    @property
    def anon_peak(self) -> float:
        return max(self.anon_peaks.values(), default=0.0)


def wait_idle(
    pid: int,
    *,
    busy_share: float = 0.05,
    window: float = 0.5,
    timeout: float = 120,
    proc: Path = PROC,
) -> float:
    """Wait until the server tree uses less than ``busy_share`` of a core over ``window``
    seconds (requests a load generator left queued are done); returns the seconds waited."""
    import time

    started = time.monotonic()
    while time.monotonic() - started < timeout:
        before = tree_cpu_seconds(pid, proc)
        time.sleep(window)
        if tree_cpu_seconds(pid, proc) - before < busy_share * window:
            break
    return time.monotonic() - started
