"""The SQLite backend: Django's, with the placeholder conversion cached."""

import pytest
from django.db import connection
from django.db.backends.sqlite3.base import SQLiteCursorWrapper as DjangoCursor

from convene.core.sqlite.base import SQLiteCursorWrapper, _qmark


@pytest.mark.parametrize(
    "query",
    ["SELECT %s, '%%s', 100%% WHERE a = %s", "SELECT 1", "INSERT INTO t (a, b) VALUES (%s, %s)"],
)
def test_conversion_is_djangos(query):
    assert SQLiteCursorWrapper.convert_query(None, query) == DjangoCursor.convert_query(None, query)


def test_each_statement_is_converted_once():
    _qmark.cache_clear()
    for _ in range(3):
        SQLiteCursorWrapper.convert_query(None, "SELECT %s AS once")
    assert _qmark.cache_info().hits == 2


@pytest.mark.django_db
def test_the_site_runs_on_it():
    if connection.vendor != "sqlite":
        pytest.skip("SQLite only")
    assert connection.settings_dict["ENGINE"] == "convene.core.sqlite"
    with connection.cursor() as cursor:
        cursor.execute("SELECT %s || '%%'", ["50"])
        assert cursor.fetchone() == ("50%",)
        cursor.execute("SELECT %(a)s || %(b)s", {"a": "con", "b": "vene"})
        assert cursor.fetchone() == ("convene",)
