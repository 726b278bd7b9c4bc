"""``<id:...>`` in URL patterns: a database id, or no match at all.

Django's ``<int:...>`` takes any run of digits, and a number past the database's 64-bit
ids makes SQLite raise ``OverflowError`` and PostgreSQL an out-of-range error: a reader's
typo became a server error. This converter refuses such numbers, so they are a plain 404.
Importing this module registers it.
"""

from django.urls import register_converter

MAX_ID = 2**63 - 1


class DatabaseIdConverter:
    regex = "[0-9]{1,19}"

    def to_python(self, value: str) -> int:
        number = int(value)
        if number > MAX_ID:
            raise ValueError("Not a database id.")  # Django's resolver: no match, so a 404
        return number

    def to_url(self, value: int) -> str:
        return str(value)


register_converter(DatabaseIdConverter, "id")
