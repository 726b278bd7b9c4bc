"""Moving a Gazette site: consistent backups, and a portable export archive for import.

No Django app: no models, no migrations. The ``backup``, ``export`` and ``import``
management commands (in ``gazette.core``) call into here. The archive format is described
in ``docs/backup.md`` and defined by the record schemas in ``format.py``.
"""

from contextlib import contextmanager


@contextmanager
def on_primary():
    """Every read in the block goes to the primary database, never to a replica that may
    lag it (``gazette.core.db_router``); the thread's earlier state is restored after."""
    from gazette.core import db_router

    was_pinned = db_router.pinned()
    db_router.pin()
    try:
        yield
    finally:
        if not was_pinned:
            db_router.unpin()


class PortabilityError(Exception):
    """Something an operator must fix (a bad archive, a missing tool); the message says what."""
