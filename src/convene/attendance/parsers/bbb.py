"""BigBlueButton learning-analytics dashboard export.

One row per user, already merged across reconnects: ``Join`` is the first join, ``Left``
the last leave and ``Duration`` the time actually online, so the duration (not the span) is
the person's total. Times are UTC with no marker. There is no email column, a ``Moderator``
column of ``true``/``false``, and rows such as ``Anonymous`` (a poll voter) that are not
people; merging drops those. Headers are translated with the BigBlueButton interface, so
columns are found by their values, with the English headers only as a first guess.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import UTC, date, tzinfo

from .records import AttendanceParseError, AttendanceRecord, ParseResult
from .table import Columns, Table, find_column, read_tables, reader_for
from .text import Row
from .timefmt import Order

FORMAT = "bbb"
_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2})?")
_CLOCK = re.compile(r"^\d{1,3}:\d{2}:\d{2}$")
_BOOL = frozenset({"true", "false"})


def _columns(rows: list[Row]) -> Columns | None:
    header, data = rows[0].cells, [row for row in rows[1:] if not row.blank][:200]
    width = len(header)

    def column(index: int) -> list[str]:
        return [row.get(index) for row in data if row.get(index)]

    dates = [i for i in range(width) if column(i) and all(_ISO.match(v) for v in column(i))]
    flags = [i for i in range(width) if column(i) and all(v.lower() in _BOOL for v in column(i))]
    if len(dates) < 2 or not flags:
        return None
    clocks = [i for i in range(width) if column(i) and all(_CLOCK.match(v) for v in column(i))]
    after = [i for i in clocks if i > dates[1]]
    duration = find_column(header, "duration", prefix=False)
    if duration not in clocks:
        duration = after[0] if after else None
    if duration is None:
        return None
    name = find_column(header, "name", prefix=False)
    return Columns(
        name=0 if name is None else name,
        join=dates[0],
        leave=dates[1],
        duration=duration,
        role=flags[0],
    )


def looks_like(rows: list[Row]) -> bool:
    content = [row for row in rows if not row.blank]
    return len(content) >= 2 and _columns(content) is not None


def parse(
    rows: list[Row],
    *,
    tz: tzinfo,
    order: Order | None = None,
    session_date: date | None = None,
) -> ParseResult:
    content = [row for row in rows if not row.blank]
    columns = _columns(content) if len(content) >= 2 else None
    if columns is None:
        raise AttendanceParseError(
            "not a BigBlueButton dashboard export (expected Name, Moderator, Join, Left, "
            "Duration columns)"
        )
    table = Table(columns, content[1:], duration_is_total=True)
    reader = reader_for([table], tz=UTC, order=order or "ymd", session_date=None)
    out = read_tables([table], reader)
    records = tuple(_in_zone(record, tz) for record in out.records)
    return ParseResult(
        format=FORMAT,
        records=records,
        errors=tuple(out.errors),
        skipped=tuple(out.skipped),
        warnings=("BigBlueButton times were read as UTC",),
    )


def _in_zone(record: AttendanceRecord, tz: tzinfo) -> AttendanceRecord:
    role = "moderator" if record.role == "host" else "viewer"
    return replace(
        record,
        join=record.join.astimezone(tz) if record.join else None,
        leave=record.leave.astimezone(tz) if record.leave else None,
        source_role=role,
    )
