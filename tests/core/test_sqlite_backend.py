"""Gazette's SQLite backend converts placeholders once per statement, as Django would."""

import pytest
from django.db import connection
from django.db.backends.sqlite3.base import SQLiteCursorWrapper as DjangoCursor
from hypothesis import given
from hypothesis import strategies as st

from gazette.core.sqlite.base import SQLiteCursorWrapper, qmark_style

STATEMENTS = [
    "SELECT 1",
    'SELECT "id" FROM "t" WHERE "a" = %s AND "b" IN (%s, %s)',
    "SELECT '100%%' WHERE name LIKE %s ESCAPE '\\'",
    "UPDATE t SET n = n + %s WHERE k = %s RETURNING n",
]


@pytest.mark.parametrize("sql", STATEMENTS)
def test_placeholders_are_converted_as_django_converts_them(sql):
    assert qmark_style(sql) == DjangoCursor.convert_query(None, sql)


@given(st.text(alphabet="%s?' ab", max_size=40))
def test_any_text_is_converted_as_django_converts_it(sql):
    assert SQLiteCursorWrapper.convert_query(None, sql) == DjangoCursor.convert_query(None, sql)


@pytest.mark.django_db
def test_the_default_database_runs_on_it():
    if connection.vendor != "sqlite":
        pytest.skip("The database under test is not SQLite.")
    qmark_style.cache_clear()
    with connection.cursor() as cursor:
        assert isinstance(cursor.cursor, SQLiteCursorWrapper)
        for _ in range(3):
            cursor.execute("SELECT %s + %s, '50%%'", [1, 2])
            assert cursor.fetchone() == (3, "50%")
        cursor.execute("SELECT %(a)s + %(b)s", {"a": 1, "b": 2})  # named: Django's own way
        assert cursor.fetchone() == (3,)
    assert qmark_style.cache_info().hits >= 2
