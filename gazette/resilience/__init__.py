"""Surviving the loss of a shared service without falling over.

``cache``: the Redis cache backend Gazette uses when ``REDIS_URL`` is set; an unreachable
Redis becomes a cache miss, and a circuit breaker stops asking it for a few seconds.
``middleware``: a database that cannot be reached becomes a short 503 with ``Retry-After``
instead of a 500 with a traceback. ``database``: retrying SQLite's transient lock errors.
See docs/reliability.md ("Faults") and docs/scaling.md.
"""
