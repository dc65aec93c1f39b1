"""Webex Meetings attendee report: UTF-16LE, tab-separated, one header row, one row per
connection. Known (English) headers identify it; a translated Webex report, like any other
single table with join and leave times, is still read by shape (see :mod:`.tabular`).
"""

from __future__ import annotations

from datetime import date, tzinfo

from .records import AttendanceParseError, ParseResult
from .table import Columns, Table, find_column, read_tables, reader_for, style_name
from .teams import infer_columns
from .text import Row
from .timefmt import Order

FORMAT = "webex"

NAME = ("participant name", "attendee name", "display name", "name", "full name")
EMAIL = ("email", "email address", "attendee email", "participant email")
JOIN = ("join time", "joined", "start time", "date time joined")
LEAVE = ("leave time", "left", "end time", "date time left")
DURATION = ("attendance duration", "duration (minutes)", "duration", "minutes attended")
ROLE = ("role", "attendee type", "participant type", "participant role")


def _by_header(header: tuple[str, ...]) -> Columns | None:
    name = find_column(header, *NAME, prefix=False)
    join = find_column(header, *JOIN)
    leave = find_column(header, *LEAVE)
    if name is None or join is None or leave is None:
        return None
    return Columns(
        name=name,
        email=find_column(header, *EMAIL),
        join=join,
        leave=leave,
        duration=find_column(header, *DURATION),
        role=find_column(header, *ROLE),
    )


def locate(rows: list[Row], *, by_shape: bool) -> Table | None:
    """The first header row (within ten lines) over a table with join and leave times."""
    content = [row for row in rows if not row.blank]
    for position, row in enumerate(content[:10]):
        data = content[position + 1 :]
        if not data or len(row.cells) < 3:
            continue
        columns = _by_header(row.cells)
        if columns is None and by_shape:
            columns = infer_columns(row.cells, data)
        if columns is not None:
            return Table(columns, data)
    return None


def looks_like(rows: list[Row]) -> bool:
    return locate(rows[:200], by_shape=False) is not None


def parse(
    rows: list[Row],
    *,
    tz: tzinfo,
    order: Order | None = None,
    session_date: date | None = None,
) -> ParseResult:
    return parse_located(
        rows,
        tz=tz,
        order=order,
        session_date=session_date,
        format_name=FORMAT,
        missing="no Webex attendee table (a header row over rows with join and leave times)",
    )


def parse_located(
    rows: list[Row],
    *,
    tz: tzinfo,
    order: Order | None,
    session_date: date | None,
    format_name: str,
    missing: str,
) -> ParseResult:
    """Read the one table of connections found by its shape (Webex, and unknown tools)."""
    table = locate(rows, by_shape=True)
    if table is None:
        raise AttendanceParseError(missing)
    reader = reader_for([table], tz=tz, order=order, session_date=session_date)
    out = read_tables([table], reader)
    return ParseResult(
        format=format_name,
        records=tuple(out.records),
        errors=tuple(out.errors),
        skipped=tuple(out.skipped),
        meeting={"date_style": style_name(reader.order)},
        warnings=(reader.note,) if reader.note else (),
    )
