"""A consistent copy of the database and its restore, on SQLite and PostgreSQL.

* SQLite: the online backup API (``sqlite3.Connection.backup``) copies every page while the
  site keeps running; the row counts are taken from the copy, so they describe it exactly.
* PostgreSQL: ``pg_dump --format=custom`` runs on a snapshot exported by a read-only,
  repeatable-read transaction, and the row counts are taken inside that same transaction, so
  the dump and the counts see the same instant. ``pg_restore`` restores it.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from pathlib import Path
from typing import Any

from django.db import connections, transaction
from django.db.backends.base.base import BaseDatabaseWrapper

from convene.privacy.backup.errors import BackupError

SQLITE_FILE = "database.sqlite3"
POSTGRES_FILE = "database.dump"


def engine(connection: BaseDatabaseWrapper) -> str:
    if connection.vendor == "sqlite":
        return "sqlite"
    if connection.vendor == "postgresql":
        return "postgresql"
    raise BackupError(f"backups support SQLite and PostgreSQL, not {connection.vendor}")


def _quote(connection: BaseDatabaseWrapper, table: str) -> str:
    return connection.ops.quote_name(table)


def _count(cursor: Any, connection: BaseDatabaseWrapper, tables: list[str]) -> dict[str, int]:
    counts = {}
    for table in sorted(tables):
        cursor.execute(f"SELECT COUNT(*) FROM {_quote(connection, table)}")  # noqa: S608
        counts[table] = int(cursor.fetchone()[0])
    return counts


def row_counts(using: str = "default") -> dict[str, int]:
    """The number of rows of every table of the database, by table name."""
    connection = connections[using]
    with connection.cursor() as cursor:
        tables = connection.introspection.table_names(cursor)
        return _count(cursor, connection, tables)


def is_empty(using: str = "default") -> bool:
    """True when the database has no table at all (created, never migrated)."""
    connection = connections[using]
    with connection.cursor() as cursor:
        return not connection.introspection.table_names(cursor)


def dump(folder: Path, using: str = "default") -> tuple[str, dict[str, int]]:
    """Write the copy into ``folder``; (its file name, row counts of the copy)."""
    connection = connections[using]
    if engine(connection) == "sqlite":
        return SQLITE_FILE, _sqlite_dump(connection, folder / SQLITE_FILE)
    return POSTGRES_FILE, _postgres_dump(connection, folder / POSTGRES_FILE, using)


def _sqlite_dump(connection: BaseDatabaseWrapper, target: Path) -> dict[str, int]:
    connection.ensure_connection()
    copy = sqlite3.connect(target)
    try:
        connection.connection.backup(copy)
        cursor = copy.cursor()
        cursor.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
        tables = [name for (name,) in cursor.fetchall()]
        return _count(cursor, connection, tables)
    finally:
        copy.close()


def tool(name: str) -> str:
    """The path of a PostgreSQL client program, or a clear error naming the package."""
    found = shutil.which(name)
    if found is None:
        raise BackupError(
            f"{name} is not installed, and backups of PostgreSQL need it: install the "
            "PostgreSQL client programs (Debian: apt install postgresql-client) at the "
            "server's version or newer."
        )
    return found


def _pg_args(settings_dict: dict[str, Any]) -> tuple[list[str], dict[str, str]]:
    args = []
    if settings_dict.get("HOST"):
        args += ["--host", str(settings_dict["HOST"])]
    if settings_dict.get("PORT"):
        args += ["--port", str(settings_dict["PORT"])]
    if settings_dict.get("USER"):
        args += ["--username", str(settings_dict["USER"])]
    env = {**os.environ}
    if settings_dict.get("PASSWORD"):
        env["PGPASSWORD"] = str(settings_dict["PASSWORD"])
    return [*args, "--dbname", str(settings_dict["NAME"])], env


def _run(command: list[str], env: dict[str, str]) -> None:
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    if result.returncode != 0:
        last = (result.stderr.strip().splitlines() or ["no message"])[-1]
        raise BackupError(f"{Path(command[0]).name} failed: {last}")


def _postgres_dump(connection: BaseDatabaseWrapper, target: Path, using: str) -> dict[str, int]:
    program = tool("pg_dump")
    args, env = _pg_args(connection.settings_dict)
    with transaction.atomic(using=using), connection.cursor() as cursor:
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        cursor.execute("SELECT pg_export_snapshot()")
        snapshot = cursor.fetchone()[0]
        _run(
            [program, "--format=custom", "--no-owner", "--no-privileges",
             f"--snapshot={snapshot}", "--file", str(target), *args],
            env,
        )  # fmt: skip
        tables = connection.introspection.table_names(cursor)
        return _count(cursor, connection, tables)


def load(source: Path, using: str = "default") -> None:
    """Restore the copy ``source`` into the (empty) database."""
    connection = connections[using]
    if engine(connection) == "sqlite":
        _sqlite_load(connection, source)
    else:
        program = tool("pg_restore")
        args, env = _pg_args(connection.settings_dict)
        connection.close()
        _run(
            [program, "--no-owner", "--no-privileges", "--exit-on-error",
             "--single-transaction", *args, str(source)],
            env,
        )  # fmt: skip
    connection.close()


def _sqlite_load(connection: BaseDatabaseWrapper, source: Path) -> None:
    connection.ensure_connection()
    copy = sqlite3.connect(source)
    try:
        copy.backup(connection.connection)
    finally:
        copy.close()
