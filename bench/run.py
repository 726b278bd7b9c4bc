"""`make bench`: Gazette's speed in one run, beside a ceiling and, on request, its peers.

Run from the repository root with Gazette's venv: ``.venv/bin/python -m bench.run``.
Settings come from the environment (docs/performance.md lists them all).
"""

# ruff: noqa: S603 (every command here is built from fixed parts, never from input)

import json
import os
import shutil
import subprocess
import sys
import time
from contextlib import ExitStack
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

if __package__ in (None, ""):  # `python bench/run.py` works too
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import peers, posting, pyspy, report  # noqa: E402
from bench.procstat import RssSampler, rss_mib, tree_cpu_seconds, wait_idle  # noqa: E402
from bench.servers import BENCH_DIR, Server, gazette_server, granian_server, http_get  # noqa: E402
from bench.wrkrun import run_wrk  # noqa: E402

DATA = BENCH_DIR / ".data"
RESULTS = BENCH_DIR / "results"
GAZETTE = str(Path(sys.executable).with_name("gazette"))
#: The demo-size site: three sections of 20 articles, so each section's first page is as
#: full as on the large site (a listing page shows 20), plus one article per comment count
#: (0 takes the posts). With fewer, the large site's section page would draw more cards than
#: the demo's, and the ratio would measure the cards, not the size of the site.
DEMO_SITE = ["--articles", "60", "--comments", "300", "--sections", "3", "--threads", "50,5000,0"]
LARGE_SITE = ["--articles", "100000", "--comments", "1000000", "--threads", "50"]


def default_threads(database_url: str) -> int:
    """What `gazette run` takes for the database a URL names (SQLite when empty)."""
    from gazette.core.management.commands.run import default_threads as for_engine

    return for_engine("postgresql" if database_url.strip() else "sqlite3")


def env_int(name: str, default: int, env=os.environ) -> int:
    raw = env.get(name, "").strip()
    return int(raw) if raw else default


@dataclass(frozen=True)
class Config:
    workers: int
    threads: int
    seconds: int
    warmup: int
    connections: int
    posts: int
    rounds: int
    peers: bool
    size: str
    long: int
    profile: bool
    database_url: str
    redis_url: str

    @classmethod
    def from_env(cls, env=os.environ) -> "Config":
        size = env.get("BENCH_SIZE", "").strip() or "demo"
        if size not in {"demo", "large"}:
            raise SystemExit(f"BENCH_SIZE must be demo or large, not {size!r}")
        return cls(
            workers=env_int("BENCH_WORKERS", 1, env),
            threads=env_int("BENCH_THREADS", default_threads(env.get("DATABASE_URL", "")), env),
            seconds=env_int("BENCH_SECONDS", 10, env),
            warmup=env_int("BENCH_WARMUP", 2, env),
            connections=env_int("BENCH_CONNECTIONS", 16, env),
            posts=env_int("BENCH_POSTS", 1000, env),
            rounds=env_int("BENCH_ROUNDS", 4, env),
            peers=env.get("BENCH_PEERS", "").strip().lower() in {"1", "yes", "on", "true"},
            size=size,
            long=env_int("BENCH_LONG", 0, env),
            profile=env.get("BENCH_PROFILE", "").strip().lower() in {"1", "yes", "on", "true"},
            database_url=env.get("DATABASE_URL", "").strip(),
            redis_url=env.get("REDIS_URL", "").strip(),
        )


def say(message: str = "") -> None:
    print(message, flush=True)


class Bench:
    def __init__(self, config: Config):
        self.config = config
        self.stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
        self.logs = DATA / "logs"
        self.results: dict[str, dict] = {}
        self.profiles: dict[str, dict] = {}
        self.failures: dict[str, str] = {}

    # --- data ---------------------------------------------------------------------------

    def gazette_env(self, data_dir: Path, database_url: str = "", **extra) -> dict:
        env = {
            key: value
            for key, value in os.environ.items()
            if not key.startswith(("GAZETTE_", "DJANGO_", "BENCH_"))
            and key not in {"DATABASE_URL", "REDIS_URL"}
        }
        env.update(
            GAZETTE_DATA_DIR=str(data_dir),
            GAZETTE_LOG_LEVEL="WARNING",
            GAZETTE_CHALLENGE_MIN_SECONDS="0",
            GAZETTE_COMMENT_RATE_LIMITS="off",
            GAZETTE_COMMENT_ARTICLE_RATE_LIMITS="off",
            GAZETTE_HOLD_FIRST_COMMENTS="off",
            GAZETTE_CACHE_PREFIX=f"bench-{self.stamp}",
        )
        if database_url:
            env["DATABASE_URL"] = database_url
        if self.config.redis_url:
            env["REDIS_URL"] = self.config.redis_url
        env.update(extra)
        return env

    def seed(self, data_dir: Path, site: list[str], database_url: str) -> dict:
        """A migrated, collected, loaded data dir; returns what `gazette bench_data` added."""
        env = self.gazette_env(data_dir, database_url)
        started = time.monotonic()
        for command in (["migrate", "--noinput"], ["collectstatic", "--noinput", "-v0"]):
            subprocess.run([GAZETTE, *command], env=env, check=True, stdout=subprocess.DEVNULL)
        loaded = subprocess.run(
            [GAZETTE, "bench_data", *site, "--json"],
            env=env,
            check=True,
            stdout=subprocess.PIPE,
            text=True,
        )
        summary = json.loads(loaded.stdout.strip().splitlines()[-1])
        summary["setup_seconds"] = round(time.monotonic() - started, 1)
        return summary

    def demo_data(self) -> tuple[Path, str, dict]:
        data_dir = DATA / "demo"
        shutil.rmtree(data_dir, ignore_errors=True)
        data_dir.mkdir(parents=True)
        database_url = self.config.database_url
        if database_url:
            recreate_database(database_url)
        say("Seeding the demo-size site ...")
        return data_dir, database_url, self.seed(data_dir, DEMO_SITE, database_url)

    def large_data(self) -> tuple[Path, str, dict]:
        """The large site, loaded once and kept (delete bench/.data/large* to reload)."""
        database_url = self.config.database_url
        if database_url:
            database_url = database_url.rstrip("/") + "_large"
            data_dir = DATA / "large-postgres"
        else:
            data_dir = DATA / "large"
        marker = data_dir / "loaded.json"
        if marker.exists():
            loaded = json.loads(marker.read_text())
            if loaded.get("database_url") == database_url:
                say(f"Reusing the large site in {data_dir} (loaded in {loaded['seconds']} s).")
                # The code may have moved on since: bring schema and static files up to date.
                env = self.gazette_env(data_dir, database_url)
                for command in (["migrate", "--noinput"], ["collectstatic", "--noinput", "-v0"]):
                    subprocess.run(
                        [GAZETTE, *command], env=env, check=True, stdout=subprocess.DEVNULL
                    )
                return data_dir, database_url, loaded
        shutil.rmtree(data_dir, ignore_errors=True)
        data_dir.mkdir(parents=True)
        if database_url:
            recreate_database(database_url)
        say(f"Loading the large site ({' '.join(LARGE_SITE)}); this takes a while ...")
        loaded = self.seed(data_dir, LARGE_SITE, database_url)
        loaded["database_url"] = database_url
        marker.write_text(json.dumps(loaded))
        return data_dir, database_url, loaded

    # --- measuring ----------------------------------------------------------------------

    def measure(
        self,
        name: str,
        label: str,
        server: Server,
        path: str,
        *,
        note: str = "",
        headers: dict | None = None,
    ) -> dict:
        url = server.base + path
        status, answer_headers, body = http_get(url)
        if status != 200:
            raise RuntimeError(f"{label}: GET {url} answered {status}: {body[:300]!r}")
        options = {"connections": self.config.connections, "headers": headers}
        run_wrk(url, seconds=self.config.warmup, **options)
        wait_idle(server.pid)
        recorder = None
        if self.config.profile and name.startswith(("gazette", "large")):
            output = RESULTS / f"{self.stamp}-{name}.txt"
            output.parent.mkdir(parents=True, exist_ok=True)
            workers = RssSampler(server.pid).workers()
            recorder = pyspy.start(workers[0], self.config.seconds, output)
        with RssSampler(server.pid) as rss:
            before = tree_cpu_seconds(server.pid)
            result = run_wrk(url, seconds=self.config.seconds, **options)
            cpu = tree_cpu_seconds(server.pid) - before
        wait_idle(server.pid)
        if recorder is not None:
            recorder.wait()
            self.profiles[name] = pyspy.summarise(output.read_text() if output.exists() else "")
        row = {
            "label": label,
            "server": server.name,
            "path": path,
            "rps": result.rps,
            "requests": result.requests,
            "seconds": result.seconds,
            "p50_ms": result.p50_ms,
            "p90_ms": result.p90_ms,
            "p99_ms": result.p99_ms,
            "cpu_ms_per_request": 1000 * cpu / result.requests if result.requests else None,
            "peak_rss_mib": rss.peak,
            "peak_anon_mib": rss.anon_peak,
            "rss_by_worker": rss.peaks,
            "failed": result.failed,
            "errors": result.errors,
            "bytes_per_response": result.bytes / result.requests if result.requests else 0,
            "x_gazette_cache": answer_headers.get("x-gazette-cache"),
            "note": note,
        }
        self.results[name] = row
        say(report.table([row]).splitlines()[-1])
        return row

    def one_shot(self, name: str, label: str, server: Server, path: str) -> dict:
        """One request, timed: for answers too slow to load-test (wrk would queue minutes)."""
        wait_idle(server.pid)
        before = tree_cpu_seconds(server.pid)
        started = time.perf_counter()
        status, _, body = http_get(server.base + path, timeout=600)
        seconds = time.perf_counter() - started
        cpu = tree_cpu_seconds(server.pid) - before
        row = {
            "label": label,
            "server": server.name,
            "path": path,
            "requests": 1,
            "p50_ms": 1000 * seconds,
            "cpu_ms_per_request": 1000 * cpu,
            "failed": int(status != 200),
            "note": f"one request, {len(body) / 1e6:.1f} MB",
        }
        self.results[name] = row
        say(report.table([row]).splitlines()[-1])
        return row

    def long_run(self, server: Server, path: str) -> None:
        """RSS of each worker after a warm-up and after ``BENCH_LONG`` more requests, sent as
        wrk runs of up to a minute each until the count is reached."""
        total = self.config.long
        url = server.base + path
        say(f"Long run: {total} requests to {path} on a fresh server ...")
        run_wrk(url, seconds=self.config.warmup, connections=self.config.connections)
        wait_idle(server.pid)
        sampler = RssSampler(server.pid)
        start = sampler.sample()
        sent, seconds, p50s, p99 = 0, 0.0, [], 0.0
        while sent < total:
            rate = sent / seconds if seconds else 0
            chunk = min(60, max(2, (total - sent) / rate)) if rate else 10
            result = run_wrk(url, seconds=chunk, connections=self.config.connections)
            sent += result.requests
            seconds += result.seconds
            p50s.append(result.p50_ms)
            p99 = max(p99, result.p99_ms)
            if not result.requests:
                break
        wait_idle(server.pid)
        end = {pid: rss_mib(pid) for pid in start}
        growth = [100 * (end[pid] - start[pid]) / start[pid] for pid in start if end.get(pid)]
        self.results["long_run"] = {
            "label": f"long run, {sent} requests",
            "server": server.name,
            "requests": sent,
            "rps": sent / seconds if seconds else None,
            "p50_ms": sorted(p50s)[len(p50s) // 2] if p50s else None,
            "p99_ms": p99,
            "rss_start": start,
            "rss_end": end,
            "peak_rss_mib": max(sampler.peaks.values(), default=None),
            "growth_pct": max(growth) if growth else None,
            "seconds": round(seconds, 1),
            "note": "RSS "
            + ", ".join(f"{start[pid]:.0f}→{(end.get(pid) or 0):.0f} MiB" for pid in start),
        }
        say(report.table([self.results["long_run"]]).splitlines()[-1])

    # --- the run ------------------------------------------------------------------------

    def run(self) -> Path:
        config = self.config
        self.logs.mkdir(parents=True, exist_ok=True)
        started = time.monotonic()
        data_dir, database_url, site = self.demo_data()
        threads = site["threads"]
        article50, article5000 = threads["50"], threads["5000"]
        target = threads["0"]
        section = site["sections"][0]["url"]
        say(
            f"Seeded in {site['setup_seconds']} s. Workers {config.workers} × {config.threads} "
            f"threads, {config.connections} connections, {config.seconds} s per scenario.\n"
        )
        say(report.table([]))
        servers = {"workers": config.workers, "threads": config.threads, "log_dir": self.logs}

        with granian_server(
            "ceiling",
            python=sys.executable,
            target="bench.ceiling.wsgi:application",
            env=plain_env(),
            cwd=BENCH_DIR.parent,
            **servers,
        ) as ceiling:
            ceiling.start()
            self.measure("ceiling", "ceiling: trivial Django view", ceiling, "/")

        env = self.gazette_env(data_dir, database_url, GAZETTE_PAGE_CACHE="on")
        with gazette_server("gazette-cached", env=env, **servers) as cached:
            cached.start()
            http_get(cached.base + article50["url"])
            _, headers, _ = http_get(cached.base + article50["url"])
            state = headers.get("x-gazette-cache", "no header")
            self.measure(
                "gazette_cached_article",
                "article page, cached (50 comments)",
                cached,
                article50["url"],
                note=f"X-Gazette-Cache before run: {state}",
            )
            self.measure(
                "gazette_list50",
                "GET comments API, 50 comments",
                cached,
                f"/api/v1/articles/{article50['id']}/comments",
            )
            self.measure(
                "gazette_list5000",
                "GET comments API, 5,000 comments",
                cached,
                f"/api/v1/articles/{article5000['id']}/comments",
            )

        env = self.gazette_env(data_dir, database_url, GAZETTE_PAGE_CACHE="off")
        with gazette_server("gazette-uncached", env=env, **servers) as uncached:
            uncached.start()
            ours = ("gazette_uncached_article", "article page, uncached (50 comments)")
            if config.peers:
                say("\nBeside stock Wagtail (installed from PyPI into bench/peers/) ...")
                self.optional("wagtail", self.beside_wagtail, ours, uncached, article50, servers)
            if "gazette_uncached_article" not in self.results:
                self.measure(*ours, uncached, article50["url"])
            self.measure(
                "gazette_uncached_article5000",
                "article page, uncached (5,000)",
                uncached,
                article5000["url"],
            )
            self.measure("gazette_uncached_section", "section page, uncached", uncached, section)
        # The same page with nothing kept between requests either (GAZETTE_MEMOS=off: no
        # site, navigation, routed article or kept pieces): every part drawn afresh.
        env = self.gazette_env(
            data_dir, database_url, GAZETTE_PAGE_CACHE="off", GAZETTE_MEMOS="off"
        )
        with gazette_server("gazette-cold", env=env, **servers) as cold:
            cold.start()
            self.measure(
                "gazette_cold_article",
                "article page, cold (memos off too)",
                cold,
                article50["url"],
            )
        env = self.gazette_env(data_dir, database_url, GAZETTE_PAGE_CACHE="off")
        if config.long:
            with gazette_server("gazette-long", env=env, **servers) as fresh:
                fresh.start()
                self.long_run(fresh, article50["url"])

        if config.peers:
            self.optional("peers", self.run_peers, servers)
        env = self.gazette_env(data_dir, database_url, GAZETTE_PAGE_CACHE="on")
        self.run_posting(env, target["id"], servers)
        if config.size == "large":
            self.optional("large", self.run_large, servers)
        return self.finish(site, time.monotonic() - started)

    def optional(self, name: str, part, *args) -> None:
        """Run an optional part; if it fails, say why and keep what the others measured."""
        try:
            part(*args)
        except Exception as error:  # noqa: BLE001 (reported, and the JSON is still written)
            say(f"\n{name} failed: {error!r}")
            self.failures[name] = repr(error)

    def run_peers(self, servers: dict) -> None:
        say("\nPeers (installed from PyPI into bench/peers/) ...")
        peer = peers.isso_peer(**servers, log=say)
        with peer.server as server:
            server.start(ready_path="/info")
            self.measure("isso_list50", "Isso: GET comments, 50", server, peer.paths["list50"])
            self.measure(
                "isso_list5000", "Isso: GET comments, 5,000", server, peer.paths["list5000"]
            )
            self.one_shot(
                "isso_list5000_unlimited",
                "Isso: one GET, 5,000, no limit",
                server,
                peer.paths["list5000_unlimited"],
            )

    def beside_wagtail(self, ours: tuple, uncached: Server, article: dict, servers: dict):
        """Our uncached article and stock Wagtail's, in rounds taken in turn."""
        peer = peers.wagtail_peer(**servers, log=say)
        with peer.server as server:
            server.start()
            self.measure_rounds(
                [
                    (*ours, uncached, article["url"]),
                    (
                        "wagtail_article",
                        "stock Wagtail: article page",
                        server,
                        peer.paths["article"],
                    ),
                ]
            )

    def take_turns(self, parties: list[tuple[str, Server]], *, prepare, load):
        """``BENCH_ROUNDS`` rounds in which each ``(name, server)`` takes its turn, the
        order reversed every round, so that a machine that speeds up or slows down
        meanwhile weighs on all alike. A turn calls ``prepare(name, round)`` (not
        measured), waits until every server is idle, then calls ``load(prepared)`` and
        reads the CPU its server used meanwhile. Returns, per name, ``[(load's result,
        CPU seconds)]`` for every round and the RSS sampler that watched its server."""
        rounds = max(1, self.config.rounds)
        kept: dict[str, list] = {name: [] for name, _ in parties}
        with ExitStack() as stack:
            samplers = {
                name: stack.enter_context(RssSampler(server.pid)) for name, server in parties
            }
            for number in range(rounds):
                for name, server in parties if number % 2 == 0 else parties[::-1]:
                    prepared = prepare(name, number)
                    for _, other in parties:  # none still busy with the last turn
                        wait_idle(other.pid)
                    before = tree_cpu_seconds(server.pid)
                    result = load(prepared)
                    kept[name].append((result, tree_cpu_seconds(server.pid) - before))
        return kept, samplers

    def measure_rounds(self, scenarios: list[tuple]) -> None:
        """``(name, label, server, path)`` scenarios compared with each other, each warmed up
        for ``BENCH_WARMUP`` + ``BENCH_SECONDS``, then ``BENCH_SECONDS`` of load each in turns
        (``take_turns``). Requests, time and CPU add up over the rounds; p50 is the median
        of the rounds' and p99 the highest."""
        config = self.config
        rounds = max(1, config.rounds)
        options = {"connections": config.connections}
        for _, label, server, path in scenarios:
            status, _, body = http_get(server.base + path)
            if status != 200:
                raise RuntimeError(f"{label}: GET {path} answered {status}: {body[:300]!r}")
            # Longer than a lone scenario's: a fresh worker ran its first round slower by a
            # third after the usual warm-up alone.
            run_wrk(server.base + path, seconds=config.warmup + config.seconds, **options)
        urls = {name: server.base + path for name, _, server, path in scenarios}
        kept, samplers = self.take_turns(
            [(name, server) for name, _, server, _ in scenarios],
            prepare=lambda name, number: urls[name],
            load=lambda url: run_wrk(url, seconds=config.seconds / rounds, **options),
        )
        for name, label, server, path in scenarios:
            results, rss = kept[name], samplers[name]
            requests = sum(result.requests for result, _ in results)
            seconds = sum(result.seconds for result, _ in results)
            cpu = sum(cpu for _, cpu in results)
            by_round = [round(result.rps, 1) for result, _ in results]
            row = {
                "label": label,
                "server": server.name,
                "path": path,
                "rps": requests / seconds if seconds else 0.0,
                "requests": requests,
                "seconds": seconds,
                "p50_ms": sorted(result.p50_ms for result, _ in results)[len(results) // 2],
                "p99_ms": max(result.p99_ms for result, _ in results),
                "cpu_ms_per_request": 1000 * cpu / requests if requests else None,
                "peak_rss_mib": rss.peak,
                "peak_anon_mib": rss.anon_peak,
                "rss_by_worker": rss.peaks,
                "failed": sum(result.failed for result, _ in results),
                "rounds": rounds,
                "rps_by_round": by_round,
                "note": f"{rounds} rounds in turn, req/s {min(by_round):.0f}-{max(by_round):.0f}",
            }
            self.results[name] = row
            say(report.table([row]).splitlines()[-1])

    def run_posting(self, env: dict, article_id: int, servers: dict) -> None:
        """Comments posted to a fresh Gazette and, with peers, a fresh Isso, in rounds."""
        gazette = gazette_server("gazette-posting", env=env, **servers)
        posters = [
            posting.Poster(
                "gazette_post",
                f"POST comment ×{self.config.posts} (solved)",
                gazette,
                lambda count, marker: posting.gazette_posts(
                    article_id,
                    posting.gazette_challenges(
                        gazette.base, count, connections=self.config.connections
                    ),
                    marker,
                ),
                lambda answers, marker: posting.verify_gazette(env, article_id, marker, answers),
            )
        ]
        if self.config.peers and "peers" not in self.failures:
            try:
                peer = peers.isso_peer(**servers, log=say)
            except Exception as error:  # noqa: BLE001 (reported; Gazette is still measured)
                say(f"\nIsso for the post scenario failed: {error!r}")
                self.failures["isso_post"] = repr(error)
            else:
                uri = peer.paths["post_uri"]
                posters.append(
                    posting.Poster(
                        "isso_post",
                        f"Isso: POST comment ×{self.config.posts}",
                        peer.server,
                        lambda count, marker: posting.isso_posts(uri, count, marker),
                        lambda answers, marker: posting.verify_isso(
                            peer.db_path, uri, marker, answers
                        ),
                    )
                )
        with ExitStack() as stack:
            for poster in posters:
                stack.enter_context(poster.server)
                ready = "/info" if poster.name.startswith("isso") else "/api/v1/challenge"
                poster.server.start(ready_path=ready)
            self.measure_post_rounds(posters)

    def measure_post_rounds(self, posters: list) -> None:
        """Each server's ``BENCH_POSTS`` posts in turns (``take_turns``), after an uncounted
        warm-up of a tenth of a round."""
        config = self.config
        rounds = max(1, config.rounds)
        per_round = max(1, config.posts // rounds)
        for poster in posters:
            warm_up = poster.requests(max(1, per_round // 10), f"warm{self.stamp}")
            posting.send_all(poster.server.base, warm_up, connections=config.connections)
        markers = {poster.name: f"{poster.name[:2]}{self.stamp}" for poster in posters}
        by_name = {poster.name: poster for poster in posters}
        kept, samplers = self.take_turns(
            [(poster.name, poster.server) for poster in posters],
            # Challenges are fetched here, before the server's CPU is read.
            prepare=lambda name, number: (
                by_name[name].server.base,
                by_name[name].requests(per_round, f"{markers[name]}r{number}x"),
            ),
            load=lambda prepared: posting.send_all(*prepared, connections=config.connections),
        )
        for poster in posters:
            turns, rss = kept[poster.name], samplers[poster.name]
            answers = [answer for (sent, _), _ in turns for answer in sent]
            seconds = sum(taken for (_, taken), _ in turns)
            by_round = [round(len(sent) / taken, 1) if taken else 0.0 for (sent, taken), _ in turns]
            row = posting.summary(answers, seconds)
            row.update(
                label=poster.label,
                server=poster.server.name,
                cpu_ms_per_request=1000 * sum(cpu for _, cpu in turns) / len(answers)
                if answers
                else None,
                peak_rss_mib=rss.peak,
                peak_anon_mib=rss.anon_peak,
                rss_by_worker=rss.peaks,
                rounds=rounds,
                rps_by_round=by_round,
            )
            row["stored"] = stored = poster.verify(answers, markers[poster.name])
            row["note"] = (
                f"{stored['acknowledged']} acknowledged, {stored['rows']} stored, "
                f"{'each exactly once' if stored['exactly_once'] else 'MISMATCH'}; "
                f"{rounds} rounds, req/s {min(by_round):.0f}-{max(by_round):.0f}"
            )
            self.results[poster.name] = row
            say(report.table([row]).splitlines()[-1])

    def run_large(self, servers: dict) -> None:
        data_dir, database_url, site = self.large_data()
        self.results["large_site"] = {"loaded": site}
        env = self.gazette_env(data_dir, database_url, GAZETTE_PAGE_CACHE="off")
        say(f"\nLarge site: {site['articles']} articles, {site['comments']} comments")
        with gazette_server("gazette-large", env=env, **servers) as server:
            server.start()
            self.measure(
                "large_uncached_article",
                "LARGE article page, uncached (50)",
                server,
                site["threads"]["50"]["url"],
            )
            self.measure(
                "large_uncached_section",
                "LARGE section page, uncached",
                server,
                site["sections"][0]["url"],
            )

    def finish(self, site: dict, seconds: float) -> Path:
        values = report.ratios(self.results)
        verdicts = report.targets(values)
        say("\nRatios and the targets of issue 5:")
        say(report.targets_text(verdicts))
        extra = values.get("isso_list5000_vs_list50_cost")
        if extra is not None:
            say(f"  (Isso's own 5,000 ÷ 50 CPU/req: {extra:.2f})")
        cold = values.get("cold_cpu_vs_wagtail")
        if cold is not None:
            say(
                f"  (article page drawn cold, memos off too, CPU/req ÷ stock Wagtail's: {cold:.2f})"
            )
        for name, profile in self.profiles.items():
            say(
                f"\npy-spy, {name}: {profile['samples']} samples, "
                f"{profile['database_pct']}% in the database; time under:"
            )
            for function, share in profile["under"][:8]:
                say(f"  {share:5.1f}%  {function}")
        path = RESULTS / f"{self.stamp}.json"
        report.write_json(
            path,
            {
                "stamp": self.stamp,
                "machine": report.machine(),
                "config": {
                    **self.config.__dict__,
                    "database_url": bool(self.config.database_url),
                    "redis_url": bool(self.config.redis_url),
                },
                "site": site,
                "scenarios": self.results,
                "ratios": values,
                "targets": verdicts,
                "profiles": self.profiles,
                "wall_seconds": round(seconds, 1),
                "failures": self.failures,
            },
        )
        say(f"\nResults: {path.relative_to(BENCH_DIR.parent)} (wall time {seconds:.0f} s)")
        return path


def plain_env() -> dict:
    """The environment without Django or Gazette settings, for servers that are not Gazette."""
    return {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("GAZETTE_", "DJANGO_", "BENCH_"))
    }


def recreate_database(url: str) -> None:
    """Drop and create the PostgreSQL database of ``url``: only one whose name says bench."""
    import psycopg
    from psycopg import sql

    name = url.rsplit("/", 1)[-1].split("?", 1)[0]
    if "bench" not in name:
        raise SystemExit(f"Refusing to recreate database {name!r}: its name must contain 'bench'.")
    admin = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )
        connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def main() -> None:
    Bench(Config.from_env()).run()


if __name__ == "__main__":
    main()
