"""Zoom meeting participants report, in its three shapes.

* plain: one row per connection (``Name (Original Name), User Email, Join Time, ...``);
* "with meeting data": a one-row meeting block (whose ``User Email`` is the host's) and a
  blank line before the participants table;
* "unique users": one row per person with only ``Total Duration (Minutes)``, no times.
"""

from __future__ import annotations

from datetime import date, tzinfo

from .records import AttendanceParseError, ParseResult
from .table import Columns, Table, find_column, read_tables, reader_for, style_name
from .text import Row
from .timefmt import Order

FORMAT = "zoom"

NAME = ("name (original name)", "name", "participant", "participant name", "user name")
EMAIL = ("user email", "email", "e-mail", "email address")
JOIN = ("join time", "join", "joined")
LEAVE = ("leave time", "leave", "left")
TOTAL = ("total duration (minutes)", "total duration")
DURATION = ("duration (minutes)", "duration", "time in session")


def _is_participants_header(cells: tuple[str, ...]) -> bool:
    return find_column(cells, *NAME, prefix=False) is not None and (
        find_column(cells, *JOIN) is not None or find_column(cells, *TOTAL) is not None
    )


def _is_meeting_header(cells: tuple[str, ...]) -> bool:
    return (
        find_column(cells, "meeting id", "id de la reunion", "meeting-id") is not None
        and find_column(cells, "topic", "sujet", "thema", "argomento", "tema") is not None
    )


_SIGNATURE = ("name (original name)", "user email", "guest", "in waiting room")


def looks_like(rows: list[Row]) -> bool:
    """A participants header with a Zoom-only column near the top, and no webinar sections."""
    head = [row.cells for row in rows[:8] if not row.blank]
    zoomish = any(
        _is_participants_header(cells) and find_column(cells, *_SIGNATURE, prefix=False) is not None
        for cells in head
    )
    return zoomish and not any(
        cells and cells[0].casefold().startswith(("attendee report", "attendee details"))
        for cells in head
    )


def locate(rows: list[Row]) -> tuple[Table, str | None, list[str]]:
    """Find the participants table, the host's email and the meeting's own start/end."""
    host_email: str | None = None
    meeting_times: list[str] = []
    for position, row in enumerate(rows):
        if _is_meeting_header(row.cells) and position + 1 < len(rows):
            data = rows[position + 1]
            email = find_column(row.cells, "user email", "host email", "email")
            host_email = data.get(email).strip().lower() or None
            for alias in ("start time", "end time"):
                data_value = data.get(find_column(row.cells, alias))
                if data_value:
                    meeting_times.append(data_value)
            continue
        if not _is_participants_header(row.cells):
            continue
        header = row.cells
        join = find_column(header, *JOIN)
        total = find_column(header, *TOTAL)
        columns = Columns(
            name=find_column(header, *NAME, prefix=False),
            email=find_column(header, *EMAIL),
            join=join,
            leave=find_column(header, *LEAVE),
            duration=total if join is None else find_column(header, *DURATION),
            role=find_column(header, "role", prefix=False),
        )
        data_rows = [other for other in rows[position + 1 :] if not other.blank]
        table = Table(columns, data_rows, duration_is_total=join is None)
        return table, host_email, meeting_times
    raise AttendanceParseError("no Zoom participants table (Name, User Email, Join Time, ...)")


def parse(
    rows: list[Row],
    *,
    tz: tzinfo,
    order: Order | None = None,
    session_date: date | None = None,
) -> ParseResult:
    table, host_email, meeting_times = locate(rows)
    reader = reader_for([table], tz=tz, order=order, session_date=session_date, extra=meeting_times)
    hosts = frozenset({host_email}) if host_email else frozenset()
    out = read_tables([table], reader, host_emails=hosts)
    meeting = {"date_style": style_name(reader.order)}
    if host_email:
        meeting["host_email"] = host_email
    variant = "zoom-unique-users" if table.duration_is_total else FORMAT
    return ParseResult(
        format=variant,
        records=tuple(out.records),
        errors=tuple(out.errors),
        skipped=tuple(out.skipped),
        meeting=meeting,
        warnings=(reader.note,) if reader.note else (),
    )
