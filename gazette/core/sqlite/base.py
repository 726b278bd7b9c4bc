"""Django's SQLite backend, converting each distinct statement's placeholders only once.

Django writes ``%s`` placeholders and its SQLite cursor turns them into ``?`` on every
execution, with a regular expression reached through a lazy object. The same statements
come back on every request (the ORM's and Gazette's own), so the converted text is kept
per statement, in a bounded cache; everything else is Django's backend unchanged.
"""

from functools import lru_cache

from django.db.backends.sqlite3 import base


@lru_cache(maxsize=2048)
def qmark_style(query: str) -> str:
    """``query`` with Django's ``%s`` placeholders as sqlite3's ``?`` (and ``%%`` as ``%``)."""
    return base.FORMAT_QMARK_REGEX.sub("?", query).replace("%%", "%")


class SQLiteCursorWrapper(base.SQLiteCursorWrapper):
    def convert_query(self, query, *, param_names=None):
        if param_names is None:
            return qmark_style(query)
        return super().convert_query(query, param_names=param_names)


class DatabaseWrapper(base.DatabaseWrapper):
    def create_cursor(self, name=None):
        return self.connection.cursor(factory=SQLiteCursorWrapper)
