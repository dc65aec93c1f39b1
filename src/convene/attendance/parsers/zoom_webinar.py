"""Zoom webinar attendee report: a report title, a summary, then one table per audience.

Each table ("Host Details", "Panelist Details", "Attendee Details") has its own header row;
every line is padded with trailing commas to the widest table; registrants who never joined
have ``Attended = No`` and ``--`` in the time fields and are skipped, not errors.
"""

from __future__ import annotations

from datetime import date, tzinfo

from .names import fold
from .records import ATTENDEE, HOST, AttendanceParseError, ParseResult, Role
from .table import Columns, Table, find_column, read_tables, reader_for, style_name
from .text import Row, strip_trailing_empty
from .timefmt import Order
from .zoom import EMAIL, GUEST, JOIN, LEAVE

FORMAT = "zoom-webinar"

NAME = ("user name (original name)", "user name", "name (original name)", "name")
ATTENDED = ("attended", "participe", "teilgenommen", "ha partecipato", "asistio")
DURATION = ("time in session (minutes)", "time in session", "duration (minutes)", "duration")


def _is_header(cells: tuple[str, ...]) -> bool:
    return (
        find_column(cells, *NAME, prefix=False) is not None
        and find_column(cells, *JOIN) is not None
    )


def looks_like(rows: list[Row]) -> bool:
    head = [strip_trailing_empty(row.cells) for row in rows[:6]]
    titled = any(len(cells) == 1 and "report" in cells[0].casefold() for cells in head)
    return titled and any(_is_header(strip_trailing_empty(row.cells)) for row in rows[:60])


def _section_role(title: str) -> tuple[Role, str]:
    folded = fold(title)
    for word, role in (("host", HOST), ("hote", HOST), ("panelist", ATTENDEE)):
        if word in folded:
            return role, word if word != "hote" else "host"
    return ATTENDEE, "attendee"


def locate(rows: list[Row]) -> tuple[list[Table], list[str]]:
    tables: list[Table] = []
    meeting_times: list[str] = []
    title = ""
    current: Table | None = None
    previous: tuple[str, ...] = ()
    for row in rows:
        cells = strip_trailing_empty(row.cells)
        if not cells:
            current = None
            continue
        if _is_header(cells):
            role, label = _section_role(title)
            columns = Columns(
                name=find_column(cells, *NAME, prefix=False),
                email=find_column(cells, *EMAIL, prefix=False),
                join=find_column(cells, *JOIN),
                leave=find_column(cells, *LEAVE),
                duration=find_column(cells, *DURATION),
                attended=find_column(cells, *ATTENDED, prefix=False),
                first_name=find_column(cells, "first name", prefix=False),
                last_name=find_column(cells, "last name", prefix=False),
                guest=find_column(cells, "is guest", *GUEST, prefix=False),
            )
            current_rows: list[Row] = []
            current = Table(columns, current_rows, role=role, source_role=label)
            tables.append(current)
        elif len(cells) == 1:
            title, current = cells[0], None
        elif current is not None:
            current_rows.append(Row(row.line, cells))
        else:
            for aliases in (("actual start time",), ("actual duration (minutes)",)):
                found = find_column(previous, *aliases) if previous else None
                if found is not None and found < len(cells):
                    meeting_times.append(cells[found])
        previous = cells
    if not tables:
        raise AttendanceParseError("no attendee table in this Zoom webinar report")
    return tables, meeting_times


def parse(
    rows: list[Row],
    *,
    tz: tzinfo,
    order: Order | None = None,
    session_date: date | None = None,
) -> ParseResult:
    tables, meeting = locate(rows)
    start_text = meeting[0] if meeting else ""
    reader = reader_for(tables, tz=tz, order=order, session_date=session_date, extra=meeting[:1])
    try:
        start = reader.parse(start_text) if start_text else None
    except ValueError:
        start = None
    length = meeting[1] if len(meeting) > 1 else ""
    for table in tables:
        table.meeting_minutes = float(length) if length.isdigit() else None
    out = read_tables(tables, reader)
    return ParseResult(
        format=FORMAT,
        records=out.records,
        errors=tuple(out.errors),
        skipped=tuple(out.skipped),
        meeting={"date_style": style_name(reader.order)},
        warnings=(reader.note,) if reader.note else (),
        meeting_start=start,
    )
