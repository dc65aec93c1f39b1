"""Any CSV, read through a column mapping that staff define once per source.

:class:`ColumnMapping` is a plain dataclass holding header texts (not positions, so a
re-ordered export still reads); the Django side stores it with :meth:`ColumnMapping.to_dict`
and rebuilds it with :meth:`ColumnMapping.from_dict`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass, fields
from datetime import date, tzinfo
from typing import Any

from .names import fold
from .records import AttendanceParseError, ParseResult
from .table import HOST_ROLES, Columns, Table, find_column, read_tables, reader_for, style_name
from .text import Row, non_blank_rows
from .timefmt import ORDER_ALIASES, Order

FORMAT = "generic"


@dataclass(frozen=True, slots=True)
class ColumnMapping:
    """Which header holds which field. ``name`` or ``email`` is required, and either
    ``join`` and ``leave`` or ``duration`` (then read as the person's total)."""

    name: str | None = None
    email: str | None = None
    join: str | None = None
    leave: str | None = None
    duration: str | None = None
    role: str | None = None
    first_name: str | None = None
    last_name: str | None = None
    participant_id: str | None = None
    host_values: tuple[str, ...] = ()
    date_style: str | None = None

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["host_values"] = list(self.host_values)
        return {key: value for key, value in data.items() if value not in (None, [], "")}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ColumnMapping:
        known = {field.name for field in fields(cls)}
        unknown = set(data) - known
        if unknown:
            raise AttendanceParseError(f"unknown mapping keys: {', '.join(sorted(unknown))}")
        values = dict(data)
        for key, value in values.items():
            if key == "host_values":
                texts = isinstance(value, list | tuple) and all(isinstance(v, str) for v in value)
                if not texts:
                    raise AttendanceParseError("mapping 'host_values' must be a list of texts")
            elif value is not None and not isinstance(value, str):
                raise AttendanceParseError(f"mapping {key!r} must be a header text")
        values["host_values"] = tuple(values.get("host_values", ()))
        return cls(**values)

    def validate(self) -> None:
        if not (self.name or self.email or (self.first_name and self.last_name)):
            raise AttendanceParseError("the mapping needs a name or an email column")
        if not ((self.join and self.leave) or self.duration):
            raise AttendanceParseError("the mapping needs join and leave columns, or a duration")
        if self.date_style and self.date_style not in ORDER_ALIASES:
            raise AttendanceParseError(f"unknown date style {self.date_style!r}")


def _locate(rows: Sequence[Row], mapping: ColumnMapping) -> tuple[int, Columns]:
    wanted = [v for v in (mapping.name, mapping.email, mapping.join, mapping.leave) if v]
    wanted += [v for v in (mapping.duration, mapping.first_name, mapping.last_name) if v]
    for position, row in enumerate(rows[:50]):
        if all(find_column(row.cells, header, prefix=False) is not None for header in wanted):

            def col(header: str | None, cells: tuple[str, ...] = row.cells) -> int | None:
                return find_column(cells, header, prefix=False) if header else None

            return position, Columns(
                name=col(mapping.name),
                email=col(mapping.email),
                join=col(mapping.join),
                leave=col(mapping.leave),
                duration=col(mapping.duration),
                role=col(mapping.role),
                participant_id=col(mapping.participant_id),
                first_name=col(mapping.first_name),
                last_name=col(mapping.last_name),
            )
    raise AttendanceParseError(
        "no header row with the mapped columns: " + ", ".join(repr(v) for v in wanted)
    )


def parse(
    rows: Sequence[Row],
    *,
    mapping: ColumnMapping,
    tz: tzinfo,
    order: Order | None = None,
    session_date: date | None = None,
) -> ParseResult:
    mapping.validate()
    position, columns = _locate(rows, mapping)
    data = non_blank_rows(rows, position + 1)
    hosts = HOST_ROLES | frozenset(fold(v).strip() for v in mapping.host_values)
    table = Table(columns, data, duration_is_total=columns.join is None, host_roles=hosts)
    if order is None and mapping.date_style:
        order = ORDER_ALIASES[mapping.date_style]
    reader = reader_for([table], tz=tz, order=order, session_date=session_date)
    out = read_tables([table], reader)
    return ParseResult(
        format=FORMAT,
        records=out.records,
        errors=tuple(out.errors),
        skipped=tuple(out.skipped),
        meeting={"date_style": style_name(reader.order)},
        warnings=(reader.note,) if reader.note else (),
    )
