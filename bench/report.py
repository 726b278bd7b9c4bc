"""The machine, the table, the ratios and the targets of issue 5, and the JSON results."""

import json
import os
import platform
import sqlite3
from pathlib import Path

COLUMNS = [
    ("scenario", 34, "{}"),
    ("req/s", 9, "{:.1f}"),
    ("p50 ms", 8, "{:.1f}"),
    ("p99 ms", 8, "{:.1f}"),
    ("CPU ms/req", 10, "{:.2f}"),
    ("RSS MiB", 8, "{:.0f}"),
    ("anon", 5, "{:.0f}"),
    ("errors", 6, "{}"),
]
KEYS = [
    "label",
    "rps",
    "p50_ms",
    "p99_ms",
    "cpu_ms_per_request",
    "peak_rss_mib",
    "peak_anon_mib",
    "failed",
]

# name, what, limit, "min" (value must be >= limit) or "max" (<= limit)
TARGETS = [
    ("cached_vs_ceiling", "cached page ÷ ceiling throughput", 1.0, "min"),
    ("uncached_cpu_vs_wagtail", "uncached page CPU/req ÷ stock Wagtail's", 0.5, "max"),
    ("list50_vs_isso", "comment list (50) ÷ Isso throughput", 10.0, "min"),
    ("list5000_vs_list50_cost", "comment list: 5,000 ÷ 50 CPU/req", 1.5, "max"),
    ("post_vs_isso", "comment post ÷ Isso POST throughput", 2.0, "min"),
    ("large_article_cost", "article page: large ÷ demo CPU/req", 1.5, "max"),
    ("large_section_cost", "section page: large ÷ demo CPU/req", 1.5, "max"),
    ("peak_rss_mib", "peak RSS per worker (MiB)", 150.0, "max"),
    ("long_rss_growth_pct", "RSS growth over the long run (%)", 10.0, "max"),
]


def machine() -> dict:
    model = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = ""
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                memory = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    except OSError:
        pass
    return {
        "nproc": os.cpu_count(),
        "cpu": model,
        "memory": memory,
        "python": platform.python_version(),
        "sqlite": sqlite3.sqlite_version,
        "kernel": platform.release(),
        "load_average": list(os.getloadavg()),
    }


def table(rows: list[dict]) -> str:
    header = "  ".join(
        f"{name:<{width}}" if i == 0 else f"{name:>{width}}"
        for i, (name, width, _) in enumerate(COLUMNS)
    )
    lines = [header, "-" * len(header)]
    for row in rows:
        cells = []
        for i, ((_, width, form), key) in enumerate(zip(COLUMNS, KEYS, strict=True)):
            value = row.get(key)
            text = "-" if value is None else form.format(value)
            cells.append(f"{text:<{width}}" if i == 0 else f"{text:>{width}}")
        line = "  ".join(cells)
        if row.get("note"):
            line += f"  {row['note']}"
        lines.append(line)
    return "\n".join(lines)


def ratio(numerator, denominator) -> float | None:
    if numerator is None or not denominator:
        return None
    return numerator / denominator


def ratios(results: dict) -> dict:
    """Every ratio the scenarios at hand allow; the others are None."""

    def get(name, key):
        return (results.get(name) or {}).get(key)

    cpu = "cpu_ms_per_request"
    rss = [
        row.get("peak_rss_mib")
        for name, row in results.items()
        if name.startswith("gazette") and row.get("peak_rss_mib")
    ]
    return {
        "cached_vs_ceiling": ratio(get("gazette_cached_article", "rps"), get("ceiling", "rps")),
        "uncached_cpu_vs_wagtail": ratio(
            get("gazette_uncached_article", cpu), get("wagtail_article", cpu)
        ),
        "cold_cpu_vs_wagtail": ratio(get("gazette_cold_article", cpu), get("wagtail_article", cpu)),
        "list50_vs_isso": ratio(get("gazette_list50", "rps"), get("isso_list50", "rps")),
        "list5000_vs_list50_cost": ratio(get("gazette_list5000", cpu), get("gazette_list50", cpu)),
        "isso_list5000_vs_list50_cost": ratio(get("isso_list5000", cpu), get("isso_list50", cpu)),
        "post_vs_isso": ratio(get("gazette_post", "rps"), get("isso_post", "rps")),
        "large_article_cost": ratio(
            get("large_uncached_article", cpu), get("gazette_uncached_article", cpu)
        ),
        "large_section_cost": ratio(
            get("large_uncached_section", cpu), get("gazette_uncached_section", cpu)
        ),
        "peak_rss_mib": max(rss) if rss else None,
        "long_rss_growth_pct": get("long_run", "growth_pct"),
    }


def targets(values: dict) -> list[dict]:
    verdicts = []
    for name, what, limit, kind in TARGETS:
        value = values.get(name)
        met = None if value is None else (value >= limit if kind == "min" else value <= limit)
        verdicts.append(
            {"name": name, "what": what, "value": value, "target": limit, "kind": kind, "met": met}
        )
    return verdicts


def targets_text(verdicts: list[dict]) -> str:
    lines = []
    for verdict in verdicts:
        sign = ">=" if verdict["kind"] == "min" else "<="
        value = "not measured" if verdict["value"] is None else f"{verdict['value']:.2f}"
        state = {True: "met", False: "MISSED", None: "-"}[verdict["met"]]
        lines.append(
            f"  {verdict['what']:<42} {value:>12}  target {sign} {verdict['target']:<6} {state}"
        )
    return "\n".join(lines)


def write_json(path: Path, data: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=2, sort_keys=True, default=str) + "\n")
