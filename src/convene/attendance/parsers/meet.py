"""Google Meet attendance sheet (the 2020 layout and its later variants).

Join and exit are clock times with no date, so the session's date and time zone must be
given; a stay that crosses midnight is moved to the next day. Durations (``1 hr 2 min``,
``30 sec``) are more precise than minute-resolution clocks, so when they agree within a
minute the leave time is ``join + duration``: a 30-second caller is 0.5 min, not 0.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo

from .durations import looks_like_duration, parse_duration
from .names import clean_email, split_display_name
from .records import ATTENDEE, AttendanceParseError, AttendanceRecord, ParseResult, RowError
from .table import BLANKS, find_column
from .text import Row
from .timefmt import Order, looks_like_clock, parse_clock

FORMAT = "meet"


@dataclass(frozen=True, slots=True)
class _MeetColumns:
    name: int | None
    first_name: int | None
    last_name: int | None
    email: int | None
    duration: int | None
    join: int
    leave: int


def _columns(rows: list[Row]) -> _MeetColumns | None:
    header, data = rows[0].cells, rows[1:201]

    def share(index: int, test: Callable[[str], bool]) -> float:
        values = [row.get(index) for row in data if row.get(index)]
        return sum(1 for v in values if test(v)) / len(values) if values else 0.0

    width = len(header)
    clocks = [i for i in range(width) if share(i, looks_like_clock) >= 0.8]
    if len(clocks) < 2:
        return None
    duration = next((i for i in range(width) if share(i, looks_like_duration) >= 0.8), None)
    email = next((i for i in range(width) if share(i, lambda v: "@" in v) >= 0.5), None)
    first = find_column(header, "first name", "prenom", "vorname", "nome", "nombre", prefix=False)
    last = find_column(header, "last name", "nom", "nachname", "cognome", "apellido", prefix=False)
    used = {*clocks[:2], duration, email, first, last}
    name = next((i for i in range(width) if i not in used), None)
    if first is not None and last is not None:
        name = None
    return _MeetColumns(name, first, last, email, duration, clocks[0], clocks[1])


def looks_like(rows: list[Row]) -> bool:
    content = [row for row in rows if not row.blank]
    return len(content) >= 2 and _columns(content[:200]) is not None


def parse(
    rows: list[Row],
    *,
    tz: tzinfo,
    order: Order | None = None,
    session_date: date | None = None,
) -> ParseResult:
    """``order`` is accepted for a uniform signature; Meet times carry no date to order."""
    del order
    content = [row for row in rows if not row.blank]
    columns = _columns(content) if len(content) >= 2 else None
    if columns is None:
        raise AttendanceParseError("not a Google Meet attendance sheet (no join/exit times)")
    if session_date is None:
        raise AttendanceParseError(
            "Google Meet times have no date; pass --date YYYY-MM-DD (the session date)"
        )
    records: list[AttendanceRecord] = []
    errors: list[RowError] = []
    for row in content[1:]:
        try:
            records.append(_record(row, columns, session_date, tz))
        except ValueError as exc:
            errors.append(RowError(row.line, str(exc)))
    return ParseResult(format=FORMAT, records=tuple(records), errors=tuple(errors))


def _record(row: Row, cols: _MeetColumns, on: date, tz: tzinfo) -> AttendanceRecord:
    if cols.name is not None:
        raw = row.get(cols.name)
    else:
        raw = f"{row.get(cols.first_name)} {row.get(cols.last_name)}".strip()
    display = split_display_name(raw)
    email = clean_email(row.get(cols.email))
    if not display.name and not email:
        raise ValueError("the row has neither a name nor an email")
    join = parse_clock(row.get(cols.join), on=on, tz=tz)
    leave = parse_clock(row.get(cols.leave), on=on, tz=tz)
    if leave < join:
        leave += timedelta(days=1)
    leave = _refine(join, leave, row.get(cols.duration))
    return AttendanceRecord(
        name=display.name or (email or ""),
        email=email,
        role=ATTENDEE,
        join=join,
        leave=leave,
        lines=(row.line,),
        original_name=display.original_name,
    )


def _refine(join: datetime, leave: datetime, duration_text: str) -> datetime:
    if duration_text in BLANKS:
        return leave
    minutes = parse_duration(duration_text)
    precise = join + timedelta(minutes=minutes)
    return precise if abs((precise - leave).total_seconds()) <= 60 else leave
