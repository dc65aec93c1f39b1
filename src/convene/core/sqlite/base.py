"""Django's SQLite backend, with each statement's "%s" -> "?" conversion cached, and write
transactions queued on a kernel lock (see ``writers``).

Django rewrites every statement with a regular expression before SQLite sees it, on every
execution. For the long statements the ORM builds, that scan cost more CPU than SQLite spent
on many of them (about 8% of a registration). The conversion depends on the text only, so
it is kept, for the last 1,024 statements.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from django.db.backends.sqlite3 import base

from convene.core.sqlite.writers import WriterQueue


@lru_cache(maxsize=1024)
def _qmark(query: str) -> str:
    return str(base.FORMAT_QMARK_REGEX.sub("?", query).replace("%%", "%"))


class SQLiteCursorWrapper(base.SQLiteCursorWrapper):
    def convert_query(self, query: str, *, param_names: Any = None) -> str:
        if param_names is None:
            return _qmark(query)
        return str(super().convert_query(query, param_names=param_names))


# django-stubs does not declare the private transaction hooks overridden below.
_DjangoWrapper: Any = base.DatabaseWrapper


class DatabaseWrapper(_DjangoWrapper):
    def create_cursor(self, name: str | None = None) -> SQLiteCursorWrapper:
        return self.connection.cursor(factory=SQLiteCursorWrapper)

    _writers: WriterQueue | None = None

    def _writer_queue(self) -> WriterQueue | None:
        if self.transaction_mode != "IMMEDIATE" or self.is_in_memory_db():
            return None
        database = str(self.settings_dict["NAME"])
        if self._writers is None or self._writers.database != database:
            # First use, or the test runner pointed the connection at another file.
            self._writers = WriterQueue(database)
        return self._writers

    def _start_transaction_under_autocommit(self) -> None:
        writers = self._writer_queue()
        if writers is None:
            return super()._start_transaction_under_autocommit()
        writers.enter()
        try:
            super()._start_transaction_under_autocommit()
        except BaseException:
            writers.leave()
            raise

    def _leave(self) -> None:
        if self._writers is not None:
            self._writers.leave()

    def _commit(self) -> None:
        try:
            super()._commit()
        finally:
            # A COMMIT that failed (a deferred constraint) leaves the transaction open until
            # Django rolls it back; the turn is kept until then.
            if self.connection is None or not self.connection.in_transaction:
                self._leave()

    def _rollback(self) -> None:
        try:
            super()._rollback()
        finally:
            self._leave()

    def _close(self) -> None:
        try:
            super()._close()
        finally:
            if self._writers is not None:
                self._writers.close()
