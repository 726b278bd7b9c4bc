"""The plumbing of `make bench`: parsing, process accounting, posting, ratios. No timings."""

import ast
import http.server
import json
import shutil
import threading
from pathlib import Path

import pytest

from bench import posting, pyspy, report, serve
from bench.procstat import RssSampler, children, cpu_seconds, rss_mib, tree, tree_cpu_seconds
from bench.run import Config
from bench.wrkrun import WrkError, parse_wrk_output, run_wrk, wrk_command

ROOT = Path(__file__).resolve().parents[2]
RUN_COMMAND = ROOT / "gazette" / "core" / "management" / "commands" / "run.py"


def granian_call_keywords(source: str) -> dict[str, object]:
    """The keywords of the ``Granian(...)`` call in a module: constants by value,
    ``Interfaces.X`` as ``"X"``, anything else as ``None``."""
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "Granian":
            found = {}
            for keyword in node.keywords:
                value = keyword.value
                if isinstance(value, ast.Constant):
                    found[keyword.arg] = value.value
                elif isinstance(value, ast.Attribute):
                    found[keyword.arg] = value.attr
                else:
                    found[keyword.arg] = None
            return found
    raise AssertionError("no Granian(...) call found")


def test_the_bench_serves_apps_with_the_options_gazette_run_uses():
    used = granian_call_keywords(RUN_COMMAND.read_text())

    fixed = {name: value for name, value in used.items() if name not in serve.VARIABLE_OPTIONS}
    assert fixed == serve.FIXED_OPTIONS
    assert set(used) == set(serve.FIXED_OPTIONS) | set(serve.VARIABLE_OPTIONS)
    options = serve.granian_options(host="127.0.0.1", port=9, workers=2, threads=3)
    assert options["blocking_threads"] == 3 and options["workers"] == 2


WRK_LINE = (
    'WRK_JSON {"requests":1200,"duration_us":10000000,"bytes":48000,'
    '"errors":{"connect":0,"read":1,"write":0,"status":2,"timeout":0},'
    '"latency_us":{"mean":1500.5,"max":9000,"p50":1200,"p90":2500,"p99":7000}}'
)


def test_wrk_output_is_read_from_the_script_line():
    result = parse_wrk_output(f"Running 10s test\n{WRK_LINE}\nRequests/sec: 120\n")

    assert result.rps == pytest.approx(120.0)
    assert (result.p50_ms, result.p90_ms, result.p99_ms) == (1.2, 2.5, 7.0)
    assert result.failed == 3


def test_wrk_output_without_the_line_is_an_error():
    with pytest.raises(WrkError):
        parse_wrk_output("Running 10s test\nRequests/sec: 120\n")


def test_wrk_command_runs_the_report_script_for_the_given_time():
    command = wrk_command(
        "http://127.0.0.1:9/", seconds=10, connections=16, headers={"Accept": "text/html"}
    )

    assert command[:4] == ["wrk", "-t2", "-c16", "-d10s"]
    assert command[command.index("-s") + 1].endswith("report.lua")
    assert command[command.index("-H") + 1] == "Accept: text/html"
    assert command[-1] == "http://127.0.0.1:9/"


class Hello(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def _answer(self, status: int, body: bytes):
        self.send_response(status)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        self._answer(404 if self.path == "/missing" else 200, b"hello")

    def do_POST(self):
        length = int(self.headers.get("Content-Length", 0))
        data = json.loads(self.rfile.read(length))
        self._answer(201, json.dumps({"id": data["n"]}).encode())

    def log_message(self, *args):
        pass


@pytest.fixture
def local_server():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Hello)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.mark.skipif(shutil.which("wrk") is None, reason="Debian's wrk is not installed")
def test_report_lua_counts_requests_and_errors(local_server):
    served = run_wrk(local_server + "/", seconds=1, connections=2, threads=2)
    missing = run_wrk(local_server + "/missing", seconds=1, connections=1, threads=1)

    assert served.requests > 0 and served.failed == 0
    assert served.bytes >= 5 * served.requests
    assert served.p50_ms <= served.p99_ms
    assert missing.requests > 0 and missing.errors["status"] == missing.requests


def test_posts_are_sent_once_each_and_answers_keep_their_order(local_server):
    requests = [
        posting.Request("POST", "/", json.dumps({"n": n}).encode(), posting.JSON_HEADERS)
        for n in range(40)
    ]

    answers, seconds = posting.send_all(local_server, requests, connections=4)

    assert [json.loads(answer.body)["id"] for answer in answers] == list(range(40))
    assert posting.acknowledged_ids(answers) == (40, list(range(40)))
    assert posting.summary(answers, seconds)["statuses"] == {"201": 40}


@pytest.mark.parametrize(
    ("question", "answer"), [("3 + 13 =", 16), ("30 - 7 =", 23), ("0 + 0 =", 0)]
)
def test_challenge_questions_are_solved(question, answer):
    assert posting.solve(question) == answer


def test_a_question_that_is_not_arithmetic_is_refused():
    with pytest.raises(ValueError):
        posting.solve("What colour is the sky?")


def test_percentiles_use_the_nearest_rank():
    values = [float(n) for n in range(1, 101)]

    assert posting.percentile(values, 50) == 50.0
    assert posting.percentile(values, 99) == 99.0
    assert posting.percentile([], 99) == 0.0


def test_a_post_stored_twice_or_not_at_all_is_a_mismatch():
    assert posting.verdict(3, {"rows": 3, "distinct": 3, "missing": []})["exactly_once"]
    assert not posting.verdict(3, {"rows": 4, "distinct": 3, "missing": []})["exactly_once"]
    assert not posting.verdict(3, {"rows": 3, "distinct": 3, "missing": [7]})["exactly_once"]
    assert not posting.verdict(4, {"rows": 3, "distinct": 3, "missing": []})["exactly_once"]


def fake_process(proc: Path, pid: int, parent: int, ticks: tuple[int, int], rss_kib: int):
    folder = proc / str(pid)
    folder.mkdir(parents=True)
    # A command name with spaces and a parenthesis, as granian's workers may have.
    fields = ["S", str(parent)] + ["0"] * 9 + [str(ticks[0]), str(ticks[1])] + ["0"] * 20
    (folder / "stat").write_text(f"{pid} (python (worker) 1) {' '.join(fields)}\n")
    (folder / "status").write_text(
        f"Name:\tpython\nVmRSS:\t  {rss_kib} kB\nRssAnon:\t  {rss_kib // 2} kB\nThreads:\t9\n"
    )


def test_cpu_and_memory_are_read_for_the_whole_server_tree(tmp_path, monkeypatch):
    monkeypatch.setattr("bench.procstat.CLOCK_TICKS", 100)
    fake_process(tmp_path, 10, 1, (100, 50), 51200)
    fake_process(tmp_path, 11, 10, (300, 100), 102400)
    fake_process(tmp_path, 12, 10, (200, 0), 153600)
    fake_process(tmp_path, 13, 12, (10, 10), 1024)
    fake_process(tmp_path, 20, 1, (999, 999), 1024)

    assert children(10, tmp_path) == [11, 12]
    assert sorted(tree(10, tmp_path)) == [10, 11, 12, 13]
    assert cpu_seconds(11, tmp_path) == pytest.approx(4.0)
    assert tree_cpu_seconds(10, tmp_path) == pytest.approx(7.7)
    assert rss_mib(12, tmp_path) == pytest.approx(150.0)
    assert rss_mib(99, tmp_path) is None
    sampler = RssSampler(10, proc=tmp_path)
    sampler.sample()
    assert sampler.peaks == {11: 100.0, 12: 150.0}
    assert sampler.peak == 150.0
    assert sampler.anon_peak == 75.0


def test_ratios_and_targets_follow_the_scenarios():
    results = {
        "ceiling": {"rps": 1000.0},
        "gazette_cached_article": {"rps": 1200.0, "peak_rss_mib": 120.0},
        "gazette_uncached_article": {"cpu_ms_per_request": 4.0, "peak_rss_mib": 160.0},
        "wagtail_article": {"cpu_ms_per_request": 10.0},
        "gazette_list50": {"rps": 500.0, "cpu_ms_per_request": 2.0},
        "gazette_list5000": {"rps": 100.0, "cpu_ms_per_request": 10.0},
        "isso_list50": {"rps": 100.0, "cpu_ms_per_request": 5.0},
    }

    values = report.ratios(results)
    verdicts = {verdict["name"]: verdict for verdict in report.targets(values)}

    assert values["cached_vs_ceiling"] == pytest.approx(1.2)
    assert verdicts["cached_vs_ceiling"]["met"] is True
    assert values["uncached_cpu_vs_wagtail"] == pytest.approx(0.4)
    assert verdicts["list50_vs_isso"]["met"] is False
    assert values["list5000_vs_list50_cost"] == pytest.approx(5.0)
    assert verdicts["list5000_vs_list50_cost"]["met"] is False
    assert values["peak_rss_mib"] == 160.0 and verdicts["peak_rss_mib"]["met"] is False
    assert verdicts["post_vs_isso"]["met"] is None
    assert "MISSED" in report.targets_text(report.targets(values))


def test_the_table_has_a_row_per_scenario():
    text = report.table(
        [
            {
                "label": "ceiling",
                "rps": 1234.5,
                "p50_ms": 1.0,
                "p99_ms": 9.0,
                "cpu_ms_per_request": 0.25,
                "peak_rss_mib": 50.2,
                "failed": 0,
            },
            {"label": "posts", "rps": 10.0, "note": "500 stored"},
        ]
    )

    lines = text.splitlines()
    assert len(lines) == 4
    assert "1234.5" in lines[2] and "0.25" in lines[2] and "50" in lines[2]
    assert lines[3].endswith("500 stored")


def test_settings_come_from_the_environment():
    config = Config.from_env({"BENCH_WORKERS": "2", "BENCH_PEERS": "1", "BENCH_LONG": "1000"})
    default = Config.from_env({})

    assert (config.workers, config.peers, config.long) == (2, True, 1000)
    assert (default.workers, default.seconds, default.connections, default.posts) == (
        1,
        10,
        16,
        1000,
    )
    assert default.size == "demo" and not default.peers
    with pytest.raises(SystemExit):
        Config.from_env({"BENCH_SIZE": "huge"})


def test_profiles_charge_time_to_the_gazette_code_below_the_wrappers():
    collapsed = (
        "handle (granian/wsgi.py:57);__call__ (gazette/cache/wsgi.py:80);"
        "render (django/template/base.py:170);escape (django/utils/html.py:60) 30\n"
        "handle (granian/wsgi.py:57);__call__ (gazette/cache/wsgi.py:80);"
        "comment_thread (gazette/comments/selectors.py:20);"
        "execute (django/db/backends/sqlite3/base.py:300) 70\n"
    )

    summary = pyspy.summarise(collapsed)

    assert summary["samples"] == 100
    assert summary["database_pct"] == 70.0
    assert summary["under"][0] == ("gazette/comments/selectors.py:comment_thread", 70.0)
    assert ("django/utils/html.py:escape", 30.0) in summary["self"]


def test_the_bench_runs_as_many_threads_as_gazette_run_by_default(monkeypatch):
    from django.conf import settings

    from gazette.core.management.commands.run import Command, default_threads

    monkeypatch.delenv("GAZETTE_THREADS", raising=False)
    engine = settings.DATABASES["default"]["ENGINE"]
    url = "" if "sqlite" in engine else "postgres://127.0.0.1/gazette"
    served = Command().create_parser("gazette", "run").parse_args([]).threads
    assert Config.from_env({"DATABASE_URL": url}).threads == served == default_threads(engine)
    # One thread beside SQLite, whose queries hold the CPU; two beside a database server.
    assert default_threads("django.db.backends.sqlite3") == 1
    assert default_threads("django.db.backends.postgresql") == 2
    assert Config.from_env({}).threads == 1


def test_gazette_threads_overrides_the_default(monkeypatch):
    from gazette.core.management.commands.run import Command

    monkeypatch.setenv("GAZETTE_THREADS", "3")
    assert Command().create_parser("gazette", "run").parse_args([]).threads == 3
    assert Config.from_env({"BENCH_THREADS": "4"}).threads == 4


def test_posts_are_measured_in_rounds_the_servers_take_in_turn(local_server, monkeypatch, tmp_path):
    import os
    from types import SimpleNamespace

    from bench import run

    monkeypatch.setattr(run, "wait_idle", lambda pid: 0.0)
    config = Config.from_env({"BENCH_POSTS": "40", "BENCH_ROUNDS": "4"})
    bench = run.Bench(config)
    calls, verified = [], {}

    def poster(name):
        def requests(count, marker):
            calls.append((name, count, marker))
            body = json.dumps({"n": len(calls), "marker": marker}).encode()
            return [posting.Request("POST", "/", body, posting.JSON_HEADERS)] * count

        def verify(answers, marker):
            verified[name] = (len(answers), marker)
            return {"acknowledged": len(answers), "rows": len(answers), "exactly_once": True}

        server = SimpleNamespace(name=name, base=local_server, pid=os.getpid())
        return posting.Poster(f"{name}_post", name, server, requests, verify)

    bench.measure_post_rounds([poster("first"), poster("second")])

    order = [name for name, _, _ in calls]
    assert order == ["first", "second"] + ["first", "second", "second", "first"] * 2
    assert [count for _, count, _ in calls] == [1, 1] + [10] * 8  # a tenth as a warm-up
    for name in ("first", "second"):
        row = bench.results[f"{name}_post"]
        assert row["requests"] == 40 and row["rounds"] == 4 and len(row["rps_by_round"]) == 4
        assert row["statuses"] == {"201": 40}
        counted, marker = verified[name]
        assert counted == 40
        rounds = [m for n, count, m in calls if n == name and count == 10]
        assert len(set(rounds)) == 4 and all(m.startswith(marker) for m in rounds)
        warm_up = next(m for n, count, m in calls if n == name and count == 1)
        assert not warm_up.startswith(marker)


def test_compared_pages_are_loaded_in_rounds_taken_in_turn(monkeypatch, local_server):
    import os
    from types import SimpleNamespace

    from bench import run
    from bench.wrkrun import WrkResult

    loads = []

    def fake_wrk(url, *, seconds, connections):
        loads.append((url, seconds))
        per_second = 100 if "first" in url else 50
        return WrkResult(
            requests=int(per_second * seconds),
            seconds=seconds,
            errors={},
            p50_ms=len(loads),
            p90_ms=0,
            p99_ms=len(loads) * 2,
            mean_ms=0,
            bytes=0,
        )

    monkeypatch.setattr(run, "run_wrk", fake_wrk)
    monkeypatch.setattr(run, "wait_idle", lambda pid: 0.0)
    monkeypatch.setattr(run, "http_get", lambda url: (200, {}, b""))
    bench = run.Bench(Config.from_env({"BENCH_SECONDS": "8", "BENCH_ROUNDS": "4"}))
    server = SimpleNamespace(name="local", base=local_server, pid=os.getpid())

    bench.measure_rounds([("a", "A", server, "/first"), ("b", "B", server, "/second")])

    paths = [url.removeprefix(local_server) for url, _ in loads]
    assert paths == ["/first", "/second"] + ["/first", "/second", "/second", "/first"] * 2
    assert [seconds for _, seconds in loads][2:] == [2.0] * 8  # 8 s each, in 4 rounds
    first, second = bench.results["a"], bench.results["b"]
    assert (first["requests"], second["requests"]) == (800, 400)
    assert first["rps"] == pytest.approx(100.0) and second["rps"] == pytest.approx(50.0)
    assert first["rps_by_round"] == [100.0] * 4
    assert first["p99_ms"] == 2 * max(i + 1 for i, (url, _) in enumerate(loads) if "first" in url)
