"""`gazette run` limits malloc arenas before granian forks its workers; a loaded worker keeps
its startup objects out of garbage collections."""

import subprocess
import sys
import textwrap

import pytest
from django.core.management import call_command

from gazette.core import memory

COUNT_HEAPS = textwrap.dedent(
    """
    import ctypes, ctypes.util, sys, tempfile, threading
    from gazette.core.memory import limit_malloc_arenas

    limit = int(sys.argv[1])
    if limit:
        assert limit_malloc_arenas(limit)
    started = threading.Barrier(8)

    def allocate():
        started.wait()
        kept = [bytearray(4096) for _ in range(200)]
        started.wait()

    threads = [threading.Thread(target=allocate) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    libc = ctypes.CDLL(ctypes.util.find_library("c"))
    libc.fopen.restype = ctypes.c_void_p
    libc.fopen.argtypes = [ctypes.c_char_p, ctypes.c_char_p]
    libc.malloc_info.argtypes = [ctypes.c_int, ctypes.c_void_p]
    libc.fclose.argtypes = [ctypes.c_void_p]
    with tempfile.NamedTemporaryFile(suffix=".xml") as out:
        handle = libc.fopen(out.name.encode(), b"w")
        libc.malloc_info(0, handle)
        libc.fclose(handle)
        print(open(out.name).read().count("<heap nr="))
    """
)


def heaps_after_eight_threads(limit: int) -> int:
    done = subprocess.run(
        [sys.executable, "-c", COUNT_HEAPS, str(limit)],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    return int(done.stdout.strip())


def test_the_limit_caps_the_arenas_of_a_threaded_process():
    if not hasattr(__import__("ctypes").CDLL(None), "malloc_info"):
        pytest.skip("not glibc")
    assert heaps_after_eight_threads(0) > 2  # glibc's default: an arena per new thread
    assert heaps_after_eight_threads(2) == 2


def test_no_limit_changes_nothing():
    assert memory.limit_malloc_arenas(0) is False


def test_gazette_run_limits_arenas_before_it_starts_granian(monkeypatch, settings):
    events = []

    class FakeGranian:
        def __init__(self, *args, **kwargs):
            events.append("granian")

        def serve(self):
            events.append("serve")

    monkeypatch.setattr("granian.Granian", FakeGranian)
    monkeypatch.setattr(memory, "limit_malloc_arenas", lambda count: events.append(count))
    settings.GAZETTE_MALLOC_ARENAS = 3
    settings.GAZETTE_SCHEDULER = False

    call_command("run", "--no-collectstatic", "--port", "8999")

    assert events.index(3) < events.index("serve")


LOAD_APP = textwrap.dedent(
    """
    import gc
    import gazette.wsgi

    frozen = gc.get_freeze_count()
    gc.collect()
    print(frozen, len(gc.get_objects()))
    """
)


def loaded_worker(tmp_path, freeze: str) -> tuple[int, int]:
    env = {
        "PATH": "/usr/bin:/bin",
        "GAZETTE_DATA_DIR": str(tmp_path),
        "GAZETTE_GC_FREEZE": freeze,
        "DJANGO_SETTINGS_MODULE": "gazette.settings",
    }
    done = subprocess.run(
        [sys.executable, "-c", LOAD_APP],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
        env=env,
    )
    frozen, tracked = done.stdout.split()
    return int(frozen), int(tracked)


def test_a_loaded_application_leaves_its_objects_out_of_collections(tmp_path):
    frozen, tracked = loaded_worker(tmp_path, "on")
    unfrozen, tracked_without = loaded_worker(tmp_path, "off")

    assert unfrozen == 0 and tracked_without > 50_000  # what a full collection walks
    assert frozen > 50_000  # Django, Wagtail and Gazette as loaded
    assert tracked < tracked_without / 10  # left for collections to walk
