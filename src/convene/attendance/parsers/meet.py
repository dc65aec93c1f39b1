"""Google Meet attendance sheet (the 2020 layout and its later variants).

One row per person: ``Time joined`` is the first join, ``Time exited`` the last exit and
``Duration`` the time in the room. In the 2020 sheet the times are clock times with no date
(``10:30\u202fPM``), so the session's date and time zone must be given; a stay that crosses
midnight is moved to the next day. The newer CSV writes full timestamps. Durations
(``1 hr 2 min``, ``30 sec``, ``42m``) are more precise than minute-resolution clocks, so when
they agree within a minute the leave time is ``join + duration`` (a 30-second caller is 0.5
min, not 0); when the duration is shorter than the span, the person left and came back,
and the duration is their time in the room.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo

from .durations import looks_like_duration, parse_duration
from .names import clean_email, split_display_name
from .records import ATTENDEE, AttendanceParseError, AttendanceRecord, ParseResult, RowError
from .table import BLANKS, ROUNDING_MINUTES, find_column
from .text import Row
from .timefmt import (
    DateReader,
    Order,
    detect_order,
    looks_like_clock,
    looks_like_datetime,
    parse_clock,
)  # fmt: skip

FORMAT = "meet"
JOINED = ("time joined", "hora de entrada", "heure d'arrivée", "beitrittszeit", "ora di ingresso")
EXITED = ("time exited", "hora de saída", "hora de salida", "heure de départ", "ora di uscita")


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
        # The newer CSV writes full timestamps; only its own headers tell it apart.
        joined = find_column(header, *JOINED, prefix=False)
        exited = find_column(header, *EXITED, prefix=False)
        if joined is None or exited is None:
            return None
        clocks = [joined, exited]
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
    content = [row for row in rows if not row.blank]
    columns = _columns(content) if len(content) >= 2 else None
    if columns is None:
        raise AttendanceParseError("not a Google Meet attendance sheet (no join/exit times)")
    data = content[1:]
    values = [row.get(i) for row in data for i in (columns.join, columns.leave)]
    dated = any(looks_like_datetime(value) for value in values)
    if session_date is None and not dated:
        raise AttendanceParseError(
            "Google Meet times have no date; pass --date YYYY-MM-DD (the session date)"
        )
    reader = DateReader(
        detect_order(values, explicit=order, session_date=session_date) if dated else None, tz
    )
    records: list[AttendanceRecord] = []
    errors: list[RowError] = []
    for row in data:
        try:
            records.append(_record(row, columns, session_date, reader))
        except ValueError as exc:
            errors.append(RowError(row.line, str(exc)))
    return ParseResult(format=FORMAT, records=tuple(records), errors=tuple(errors))


def _when(text: str, on: date | None, reader: DateReader) -> datetime:
    if looks_like_clock(text) and on is not None:
        return parse_clock(text, on=on, tz=reader.tz)
    return reader.parse(text)


def _record(row: Row, cols: _MeetColumns, on: date | None, reader: DateReader) -> AttendanceRecord:
    if cols.name is not None:
        raw = row.get(cols.name)
    else:
        raw = f"{row.get(cols.first_name)} {row.get(cols.last_name)}".strip()
    display = split_display_name(raw)
    email = clean_email(row.get(cols.email))
    if not display.name and not email:
        raise ValueError("the row has neither a name nor an email")
    join = _when(row.get(cols.join), on, reader)
    leave = _when(row.get(cols.leave), on, reader)
    if leave < join:
        leave += timedelta(days=1)
    total = None
    duration_text = row.get(cols.duration)
    if duration_text not in BLANKS:
        minutes = parse_duration(duration_text)
        span = (leave - join).total_seconds() / 60.0
        if minutes < span - ROUNDING_MINUTES:
            total = minutes  # left and came back: the duration is the time in the room
        elif abs(minutes - span) <= ROUNDING_MINUTES:
            leave = join + timedelta(minutes=minutes)  # seconds the clocks do not show
    return AttendanceRecord(
        name=display.name or (email or ""),
        email=email,
        role=ATTENDEE,
        join=join,
        leave=leave,
        lines=(row.line,),
        total_minutes=total,
        original_name=display.original_name,
    )
