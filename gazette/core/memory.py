"""How many malloc arenas a serving process may keep.

glibc gives each thread that allocates while another holds the main heap an arena of its
own, up to eight per core, and an arena keeps the memory it freed for its own thread's
next allocation. With eight serving threads in a worker that is tens of MiB kept apart
per worker, though the GIL lets only one thread run Python at a time. `gazette run`
limits the arenas before granian forks its workers, which inherit the limit.
"""

import ctypes
import ctypes.util

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
