"""How a serving process keeps its memory: malloc arenas, and the objects loaded at start.

**Arenas.** glibc gives each thread that allocates while another holds the main heap an
arena of its own, up to eight per core, and an arena keeps the memory it freed for its own
thread's next allocation. With eight serving threads in a worker that is tens of MiB kept apart
per worker, though the GIL lets only one thread run Python at a time. `gazette run`
limits the arenas before granian forks its workers, which inherit the limit.

**Loaded objects.** Python's cyclic garbage collector walks every tracked object on a full
collection: in a worker, the hundreds of thousands that Django, Wagtail and Gazette's own
modules loaded at start and will hold until exit. ``gazette.wsgi`` moves them out of its
sight once the application is loaded (``gc.freeze``); collections then look only at what
requests allocate. A full collection of a loaded worker took about 100 ms, paid by whichever
request set it off (117 ms, measured once the application was imported).
"""

import ctypes
import ctypes.util
import gc

#: mallopt()'s parameter number for the arena limit (glibc's malloc.h).
M_ARENA_MAX = -8


def limit_malloc_arenas(count: int) -> bool:
    """Let this process (and children forked later) use at most ``count`` malloc arenas.

    Returns False, changing nothing, when ``count`` is 0 (glibc's default) or the C
    library has no ``mallopt`` (not glibc)."""
    if count < 1:
        return False
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or None)
        mallopt = libc.mallopt
    except (OSError, AttributeError):
        return False
    mallopt.argtypes = [ctypes.c_int, ctypes.c_int]
    mallopt.restype = ctypes.c_int
    return mallopt(M_ARENA_MAX, count) == 1


def freeze_loaded_objects() -> int:
    """Collect once, then keep every object alive now out of later collections; returns
    how many objects that is. What is frozen is never collected, so call this when what
    is loaded is meant to stay: after the application and its URLs are loaded."""
    gc.collect()
    gc.freeze()
    return gc.get_freeze_count()
