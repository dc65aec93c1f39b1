"""Django's SQLite backend, with each statement's "%s" -> "?" conversion cached.

Django rewrites every statement with a regular expression before SQLite sees it, on every
execution. For the long statements the ORM builds, that scan cost more CPU than SQLite spent
on many of them (about 8% of a registration). The conversion depends on the text only, so
it is kept, for the last 1,024 statements.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from django.db.backends.sqlite3 import base


@lru_cache(maxsize=1024)
def _qmark(query: str) -> str:
    return str(base.FORMAT_QMARK_REGEX.sub("?", query).replace("%%", "%"))


class SQLiteCursorWrapper(base.SQLiteCursorWrapper):
    def convert_query(self, query: str, *, param_names: Any = None) -> str:
        if param_names is None:
            return _qmark(query)
        return str(super().convert_query(query, param_names=param_names))


class DatabaseWrapper(base.DatabaseWrapper):
    def create_cursor(self, name: str | None = None) -> SQLiteCursorWrapper:
        return self.connection.cursor(factory=SQLiteCursorWrapper)
