"""The schema as migrated on the database under test: migrations match the models, every
foreign key can be followed through an index, and no index only repeats another.

Each index costs a write on every insert: a registration writes one entry per index of its
tables, all while it holds the session's lock."""

from __future__ import annotations

from dataclasses import dataclass
from io import StringIO

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import connection
from django.db.models import Model

pytestmark = pytest.mark.django_db

#: The tables of Convene's own models. The many-to-many tables Django makes for a plain
#: ManyToManyField are left out: they keep the index Django gives them.
OURS = [
    model
    for model in apps.get_models()
    if model.__module__.startswith("convene.") and model._meta.managed
]
APP_LABELS = sorted({model._meta.app_label for model in OURS})


@dataclass(frozen=True)
class Index:
    name: str
    columns: tuple[str, ...]  # the plain columns it starts with, up to any expression
    unique: bool
    plain: bool  # on columns only, no expression
    kind: str  # btree, gin…

    def repeats(self, other: Index) -> bool:
        """Whether this index is not needed beside ``other``: ``other`` starts with all of this
        one's columns, and either this one enforces nothing or ``other`` enforces the same."""
        if not self.plain or self.name == other.name or self.kind != other.kind:
            return False
        if other.columns[: len(self.columns)] != self.columns:
            return False
        if not self.unique:
            return True
        same = other.plain and other.unique and other.columns == self.columns
        return same and self.name > other.name  # name the pair once


def kinds(table: str) -> tuple[set[str], set[str]]:
    """The names of the table's partial indexes (with a WHERE, so they serve only some rows)
    and of its indexes with an expression among their keys."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(f'PRAGMA index_list("{table}")')
            partial = {row[1] for row in cursor.fetchall() if row[4]}
            return partial, set()  # SQLite lists an expression key as None
        cursor.execute(
            "SELECT c.relname, i.indpred IS NOT NULL, i.indexprs IS NOT NULL FROM pg_index i "
            "JOIN pg_class c ON c.oid = i.indexrelid WHERE i.indrelid = %s::regclass",
            [table],
        )
        rows = cursor.fetchall()
        return {name for name, p, _e in rows if p}, {name for name, _p, e in rows if e}


def indexes(model: type[Model]) -> list[Index]:
    """The table's indexes over whole rows (partial indexes are left out)."""
    table = model._meta.db_table
    with connection.cursor() as cursor:
        found = connection.introspection.get_constraints(cursor, table)
    partial, with_expression = kinds(table)
    result = []
    for name, info in found.items():
        if not (info["index"] or info["unique"] or info["primary_key"]) or name in partial:
            continue
        columns = list(info["columns"])
        plain = bool(columns) and None not in columns and name not in with_expression
        if None in columns:
            columns = columns[: columns.index(None)]
        unique = bool(info["unique"] or info["primary_key"])
        # Unique constraints come without a type; SQLite calls every B-tree "idx".
        kind = str(info.get("type") or "btree").replace("idx", "btree")
        result.append(Index(name, tuple(columns), unique, plain, kind))
    return result


def test_models_and_migrations_agree() -> None:
    out = StringIO()
    call_command("makemigrations", *APP_LABELS, "--check", "--dry-run", stdout=out)


@pytest.mark.parametrize("model", OURS, ids=lambda m: m._meta.label)
def test_every_foreign_key_leads_an_index(model: type[Model]) -> None:
    leading = {index.columns[0] for index in indexes(model) if index.columns}
    unindexed = [
        field.column
        for field in model._meta.concrete_fields
        if field.is_relation and field.column not in leading
    ]
    assert unindexed == []


@pytest.mark.parametrize("model", OURS, ids=lambda m: m._meta.label)
def test_no_index_repeats_another(model: type[Model]) -> None:
    """A non-unique index on the leading columns of another index is never needed, nor a second
    unique index on the same columns. On PostgreSQL the LIKE-only index that unique=True and
    db_index=True add on a text column shows up as such a repeat."""
    table = indexes(model)
    redundant = [(a.name, b.name) for a in table for b in table if a.repeats(b)]
    assert redundant == []
