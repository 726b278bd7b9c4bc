"""Serve any WSGI app with granian exactly as `gazette run` serves Gazette.

Run with the Python of the venv that holds the app (the ceiling uses Gazette's, the peers
their own): ``python bench/serve.py module:application --port P --workers W --threads T``.
Only granian is imported here. tests/bench checks that the fixed options below are the ones
gazette/core/management/commands/run.py passes, so the comparison stays like for like.
"""

import argparse
import os
import sys

#: What `gazette run` passes to Granian besides address, port, workers and blocking_threads.
FIXED_OPTIONS = {
    "interface": "WSGI",
    "websockets": False,
    "log_access": False,
    "respawn_failed_workers": True,
}
#: The options that vary per run, by the name Granian gives them.
VARIABLE_OPTIONS = ("address", "port", "workers", "blocking_threads")


def granian_options(*, host: str, port: int, workers: int, threads: int) -> dict:
    options = dict(FIXED_OPTIONS)
    options.update(address=host, port=port, workers=workers, blocking_threads=threads)
    return options


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("target", help="module:application")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--threads", type=int, default=8)
    args = parser.parse_args(argv)

    from granian import Granian
    from granian.constants import Interfaces

    sys.path.insert(0, os.getcwd())
    options = granian_options(
        host=args.host, port=args.port, workers=args.workers, threads=args.threads
    )
    options["interface"] = getattr(Interfaces, options["interface"])
    print(f"serving {args.target} on http://{args.host}:{args.port}/", flush=True)
    Granian(args.target, **options).serve()


if __name__ == "__main__":
    main()
