"""Reads and inserts of a hot path whose SQL is built once per process, then run with new values.

Building and compiling a queryset costs Django more CPU than the database spends on a simple
indexed read or insert (registration's reads and writes spent most of their time there; on
SQLite its writes hold the database's one write lock meanwhile). A :class:`Prepared`
read is written as an ordinary queryset, by a function that receives :class:`Param` placeholders
for its values; the SQL is compiled on first use (once per database and per shape of the values:
the length of each list) and kept. Each run then only adapts the values, executes and converts
the rows, as the ORM would.

Use it only where the queryset's SQL depends on nothing but the values given (no ``now()``
computed inside ``build``, no settings read at call time), and keep a test that compares its
answer with the plain queryset's. :func:`insert` writes new rows as ``bulk_create`` does.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Hashable, Sequence
from typing import Any, Generic, TypeVar, cast

from django.core.exceptions import EmptyResultSet
from django.db import connections, transaction
from django.db.models import (
    CharField,
    DateTimeField,
    EmailField,
    Expression,
    Field,
    ForeignKey,
    Model,
    QuerySet,
    SlugField,
    TextField,
    URLField,
    Value,
)
from django.db.models.query import get_related_populators
from django.db.models.sql.compiler import SQLCompiler
from django.db.transaction import TransactionManagementError

M = TypeVar("M", bound=Model)


class Param(Expression):
    """Where a value given at run time goes; it is adapted for the database by its Python type
    (as ``Value`` does), so a datetime is stored the way a DateTimeField stores it."""

    def __init__(self, key: Hashable) -> None:
        super().__init__()
        self.key = key

    def __repr__(self) -> str:
        return f"Param({self.key!r})"

    def as_sql(self, compiler: Any, connection: Any) -> tuple[str, Any]:
        return "%s", [self]


class _Compiled:
    def __init__(self, queryset: QuerySet[Any, Any], alias: str, count: bool) -> None:
        if count:
            queryset = queryset.order_by().values("pk")
        self.for_update = queryset.query.select_for_update
        self.compiler: SQLCompiler = queryset.query.get_compiler(using=alias)
        self.empty = False
        try:
            sql, params = self.compiler.as_sql()
        except EmptyResultSet:  # e.g. ``pk__in=[]``: no query to run
            sql, params, self.empty = "", (), True
        if count:
            sql = f"SELECT COUNT(*) FROM ({sql}) prepared_count"  # noqa: S608 (the ORM's SQL)
        self.sql = sql
        self.params = list(params)
        # What results_iter() would work out again on every run.
        compiler = self.compiler
        self.converters = (
            {}
            if count or self.empty
            else compiler.get_converters([c[0] for c in compiler.select[: compiler.col_count]])
        )
        self.model_info: tuple[Any, ...] | None = None

    def convert(self, rows: list[Any]) -> list[Any]:
        if not self.converters:
            return rows
        return list(self.compiler.apply_converters(rows, self.converters))

    def models(self, alias: str) -> tuple[Any, ...]:
        """The model, the slice of its columns, their names and the select_related populators."""
        if self.model_info is None:
            compiler = self.compiler
            klass_info, select = compiler.klass_info, compiler.select
            assert klass_info is not None and not compiler.annotation_col_map  # noqa: S101
            fields: Sequence[int] = klass_info["select_fields"]
            start, end = fields[0], fields[-1] + 1
            names = [column[0].target.attname for column in select[start:end]]
            # Django 5.2's signature (the stubs already describe 6.0's, with fetch_mode).
            populators = get_related_populators(klass_info, select, alias)  # type: ignore[call-arg]
            self.model_info = (klass_info["model"], start, end, names, populators)
        return self.model_info

    def run(self, connection: Any, values: dict[str, Any]) -> list[Any]:
        if self.for_update and connection.get_autocommit():
            raise TransactionManagementError(
                "select_for_update cannot be used outside of a transaction."
            )
        if self.empty:
            return []
        params = [_adapt(p, values, connection) if isinstance(p, Param) else p for p in self.params]
        with connection.cursor() as cursor:
            cursor.execute(self.sql, params)
            return cursor.fetchall()


_FIELDS: dict[type, Field[Any, Any]] = {}


def _adapt(param: Param, values: dict[str, Any], connection: Any) -> Any:
    name, index = param.key if isinstance(param.key, tuple) else (param.key, None)
    value = values[name] if index is None else values[name][index]
    if value is None:
        return None
    field = _FIELDS.get(type(value))
    if field is None:
        field = _FIELDS[type(value)] = Value(value).output_field
    return field.get_db_prep_value(value, connection)


class Prepared(Generic[M]):
    """A read compiled once: ``build(**params)`` returns the queryset, where each keyword is a
    :class:`Param` (or, for a list value, a list of them, one per item)."""

    def __init__(self, build: Callable[..., QuerySet[M, Any]]) -> None:
        self._build = build
        self._compiled: dict[tuple[Any, ...], _Compiled] = {}

    def _get(self, connection: Any, values: dict[str, Any], count: bool) -> _Compiled:
        shape = tuple(
            (name, len(value) if isinstance(value, list | tuple) else None)
            for name, value in sorted(values.items())
        )
        alias = connection.alias
        key = (alias, connection.vendor, count, shape)
        compiled = self._compiled.get(key)
        if compiled is None:
            params: dict[str, Param | list[Param]] = {
                name: Param(name) if size is None else [Param((name, i)) for i in range(size)]
                for name, size in shape
            }
            compiled = self._compiled[key] = _Compiled(self._build(**params), alias, count)
        return compiled

    def rows(self, using: str = "default", **values: Any) -> list[tuple[Any, ...]]:
        """The rows of a ``values_list()`` queryset, converted as the ORM converts them."""
        connection = connections[using]
        compiled = self._get(connection, values, count=False)
        return [tuple(row) for row in compiled.convert(compiled.run(connection, values))]

    def objects(self, using: str = "default", **values: Any) -> list[M]:
        """Model instances, with the ``select_related`` rows attached, as iterating would give."""
        connection = connections[using]
        compiled = self._get(connection, values, count=False)
        rows = compiled.convert(compiled.run(connection, values))
        model, start, end, names, populators = compiled.models(using)
        objects = []
        for row in rows:
            obj = model.from_db(using, names, row[start:end])
            for populator in populators:
                populator.populate(row, obj)
            objects.append(obj)
        return objects

    def count(self, using: str = "default", **values: Any) -> int:
        """How many rows the queryset has (``SELECT COUNT(*)`` around it)."""
        connection = connections[using]
        compiled = self._get(connection, values, count=True)
        rows = compiled.run(connection, values)
        return int(rows[0][0]) if rows else 0


#: Field classes (exactly these, not subclasses) whose ``get_db_prep_save`` gives back a ``str``
#: or ``None`` unchanged: ``CharField.to_python`` keeps both and no backend adapts text.
_TEXT_FIELDS = frozenset({CharField, EmailField, SlugField, TextField, URLField})

_Prep = Callable[[Any, Any], Any]


def _prep_for(field: Field[Any, Any]) -> _Prep:
    """How ``insert`` adapts a value of ``field`` for the database: ``field.get_db_prep_save``,
    with its generic route (an ``as_sql`` probe, ``get_prep_value``, ``to_python``) skipped for
    the values where that route changes nothing. Every other value takes the generic route."""
    generic = field.get_db_prep_save
    kind = type(field)
    if kind in _TEXT_FIELDS:

        def text(value: Any, connection: Any) -> Any:
            if value is None or type(value) is str:
                return value
            return generic(value, connection)

        return text
    if kind is DateTimeField:
        # For an aware datetime, get_prep_value() returns the value itself (it only warns about
        # naive ones); the backend's adaptation is what remains.
        def moment(value: Any, connection: Any) -> Any:
            if value is None:
                return None
            if type(value) is dt.datetime and value.utcoffset() is not None:
                return connection.ops.adapt_datetimefield_value(value)
            return generic(value, connection)

        return moment
    if kind is ForeignKey:

        def key(value: Any, connection: Any) -> Any:
            return None if value is None else generic(value, connection)

        return key
    return generic


class _Insert:
    def __init__(self, model: type[Model], alias: str, rows: int) -> None:
        meta = model._meta
        auto = meta.auto_field
        self.fields = [f for f in meta.local_concrete_fields if not f.generated and f is not auto]
        self.steps = [(f.pre_save, _prep_for(f)) for f in self.fields]
        qn = connections[alias].ops.quote_name
        columns = ", ".join(qn(cast(str, f.column)) for f in self.fields)
        values = ", ".join(["(" + ", ".join(["%s"] * len(self.fields)) + ")"] * rows)
        returning = f" RETURNING {qn(cast(str, auto.column))}" if auto else ""
        self.returning = auto is not None
        # Names from the model's metadata, values as parameters.
        self.sql = f"INSERT INTO {qn(meta.db_table)} ({columns}) VALUES {values}{returning}"  # noqa: S608


_INSERTS: dict[tuple[type[Model], str, str, int], _Insert] = {}


def insert(objs: Sequence[Model], using: str = "default") -> None:
    """INSERT new rows of one model in one statement, as ``bulk_create`` would: each field's
    ``pre_save`` runs, the primary keys are set, and no signal is sent (so not for models that
    something listens to, such as django-tasks-db's job rows). The statement is built once per
    model and number of rows."""
    if not objs:
        return
    model = type(objs[0])
    connection = connections[using]
    key = (model, using, connection.vendor, len(objs))
    prepared = _INSERTS.get(key)
    if prepared is None:
        prepared = _INSERTS[key] = _Insert(model, using, len(objs))
    params = [
        prep(pre_save(obj, True), connection) for obj in objs for pre_save, prep in prepared.steps
    ]
    # As save() does: a failed INSERT inside atomic() marks the transaction for rollback.
    with transaction.mark_for_rollback_on_error(using), connection.cursor() as cursor:
        cursor.execute(prepared.sql, params)
        pks = cursor.fetchall() if prepared.returning else []
    for obj, row in zip(objs, pks, strict=False):
        obj.pk = row[0]
    for obj in objs:
        obj._state.adding = False
        obj._state.db = using
