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

OURS = [
    model
    for model in apps.get_models()
    if model.__module__.startswith("convene.") and model._meta.managed
]


@dataclass(frozen=True)
class Index:
    name: str
    columns: tuple[str, ...]
    unique: bool


def partial(table: str) -> set[str]:
    """The names of the table's partial indexes (with a WHERE), which serve only some rows."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(f'PRAGMA index_list("{table}")')
            return {row[1] for row in cursor.fetchall() if row[4]}
        cursor.execute(
            "SELECT c.relname FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid "
            "WHERE i.indrelid = %s::regclass AND i.indpred IS NOT NULL",
            [table],
        )
        return {row[0] for row in cursor.fetchall()}


def indexes(model: type[Model]) -> list[Index]:
    """The table's indexes over whole rows on plain columns: expression indexes have no column
    list, and partial indexes are left out."""
    table = model._meta.db_table
    with connection.cursor() as cursor:
        found = connection.introspection.get_constraints(cursor, table)
    skip = partial(table)
    return [
        Index(name, tuple(info["columns"]), bool(info["unique"] or info["primary_key"]))
        for name, info in found.items()
        if (info["index"] or info["unique"] or info["primary_key"])
        and info["columns"]
        and name not in skip
    ]


def test_models_and_migrations_agree() -> None:
    out = StringIO()
    call_command("makemigrations", "--check", "--dry-run", stdout=out)


@pytest.mark.parametrize("model", OURS, ids=lambda m: m._meta.label)
def test_every_foreign_key_leads_an_index(model: type[Model]) -> None:
    leading = {index.columns[0] for index in indexes(model)}
    unindexed = [
        field.column
        for field in model._meta.concrete_fields
        if field.is_relation and field.column not in leading
    ]
    assert unindexed == []


@pytest.mark.parametrize("model", OURS, ids=lambda m: m._meta.label)
def test_no_index_repeats_another(model: type[Model]) -> None:
    """A non-unique index on the leading columns of another index is never needed. Two indexes
    on the same columns are one too many, whatever they enforce: on PostgreSQL this is how the
    LIKE-only index that unique=True and db_index=True add on a text column shows up."""
    table = indexes(model)
    redundant = [
        (shorter.name, longer.name)
        for shorter in table
        for longer in table
        if shorter.name != longer.name
        and longer.columns[: len(shorter.columns)] == shorter.columns
        and (shorter.columns == longer.columns or not shorter.unique)
        # the pair once, when both have the same columns
        and not (shorter.columns == longer.columns and shorter.name > longer.name)
    ]
    assert redundant == []
