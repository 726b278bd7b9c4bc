"""Moving a Gazette site: consistent backups, and a portable export archive for import.

No Django app: no models, no migrations. The ``backup``, ``export`` and ``import``
management commands (in ``gazette.core``) call into here. The archive format is described
in ``docs/backup.md`` and defined by the record schemas in ``format.py``.
"""


class PortabilityError(Exception):
    """Something an operator must fix (a bad archive, a missing tool); the message says what."""
