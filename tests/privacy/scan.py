"""Looking for strings everywhere Convene keeps data: every column of every table (read with
plain SQL), the outbox, and on SQLite the database file and its write-ahead log."""

from __future__ import annotations

import json
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.db import connection


def spellings(value: str) -> set[str]:
    """How a string can be stored: as it is, lower case, and escaped inside JSON."""
    return {value, value.lower(), json.dumps(value)[1:-1], json.dumps(value.lower())[1:-1]}


def tables() -> list[str]:
    """Every table of every installed model, many-to-many tables included."""
    names = set()
    for model in apps.get_models(include_auto_created=True):
        names.add(model._meta.db_table)
    return sorted(n for n in names if n in connection.introspection.table_names())


def found_in_tables(values: list[str]) -> list[tuple[str, str]]:
    """(table, value) for each value found in any column of any row."""
    wanted = {s.casefold(): v for v in values for s in spellings(v)}
    hits = []
    with connection.cursor() as cursor:
        for table in tables():
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608
            for row in cursor.fetchall():
                for cell in row:
                    if cell is None:
                        continue
                    if isinstance(cell, bytes | memoryview):
                        text = bytes(cell).decode("utf-8", "replace")
                    else:
                        text = str(cell)
                    folded = text.casefold()
                    hits += [(table, v) for s, v in wanted.items() if s in folded]
    return sorted(set(hits))


def found_in_outbox(values: list[str]) -> list[tuple[str, str]]:
    from convene.core.mail import OutboxMessage

    hits = []
    for path in sorted(Path(settings.OUTBOX_DIR).glob("*.eml")):
        raw = path.read_bytes()
        message = OutboxMessage.parse(path.name, raw)
        text = "\n".join([message.to, message.subject, message.text, message.html]).casefold()
        text += raw.decode("utf-8", "replace").casefold()
        hits += [(path.name, v) for v in values if v.casefold() in text]
    return hits


def found_in_sqlite_files(values: list[str]) -> list[tuple[str, str]]:
    """(file, value) for each value whose UTF-8 bytes are in the database file or its WAL."""
    name = Path(connection.settings_dict["NAME"])
    hits = []
    for path in (name, name.with_name(name.name + "-wal")):
        if not path.exists():
            continue
        data = path.read_bytes().lower()
        for value in values:
            for spelling in spellings(value):
                if spelling.lower().encode("utf-8") in data:
                    hits.append((path.name, value))
    return sorted(set(hits))


def found_in_storage(values: list[str]) -> list[tuple[str, str]]:
    """(file, value) for each value found in a file of the file storage (uploaded reports)."""
    root = Path(settings.MEDIA_ROOT)
    hits = []
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        data = path.read_bytes().decode("utf-8", "replace").casefold()
        hits += [(path.name, v) for v in values if v.casefold() in data]
    return sorted(set(hits))
