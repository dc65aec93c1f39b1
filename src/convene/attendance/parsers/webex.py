"""Webex Meetings attendee report: UTF-16LE, tab-separated, one header row, one row per
connection (breakout sessions repeat a person). Its headers, in English or the portal's
language (``Nome de exibição``, ``Hora da entrada``...), identify it; ``Meeting Start Time``
and ``Meeting End Time`` give the meeting's start and length. Roles ``Host``/``Cohost`` are
the organising side.
"""

from __future__ import annotations

from datetime import date, datetime, tzinfo

from .records import AttendanceParseError, ParseResult
from .table import Columns, Table, find_column, read_tables, reader_for, style_name
from .teams import infer_columns
from .text import Row
from .timefmt import DateReader, Order

FORMAT = "webex"

# English and the portal languages seen in real reports (pt-BR) or Webex's own wording.
NAME = (
    "participant name", "attendee name", "display name", "name", "full name",
    "nome de exibição", "nombre para mostrar", "nom d'affichage", "anzeigename",
    "nome visualizzato", "weergavenaam",
)  # fmt: skip
EMAIL = (
    "email", "email address", "attendee email", "participant email", "e-mail do convidado",
    "correo electrónico del asistente", "e-mail du participant", "e-mail-adresse",
)  # fmt: skip
JOIN = (
    "join time", "joined", "start time", "date time joined", "hora da entrada",
    "hora de entrada", "heure d'arrivée", "beitrittszeit", "ora di ingresso",
)  # fmt: skip
LEAVE = (
    "leave time", "left", "end time", "date time left", "hora da saída", "hora de salida",
    "heure de départ", "austrittszeit", "ora di uscita",
)  # fmt: skip
DURATION = (
    "attendance duration", "duration (minutes)", "duration", "minutes attended",
    "duração da presença", "duración de la asistencia", "durée de présence",
    "anwesenheitsdauer", "durata presenza",
)  # fmt: skip
ROLE = ("role", "attendee type", "participant type", "participant role", "função", "rol", "rôle")
MEETING_START = ("meeting start time", "data de início da reunião", "meeting start date")
MEETING_END = ("meeting end time", "data de término da reunião", "meeting end date")


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


def locate(rows: list[Row], *, by_shape: bool) -> tuple[Table, tuple[str, ...]] | None:
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
            return Table(columns, data), row.cells
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
    found = locate(rows, by_shape=True)
    if found is None:
        raise AttendanceParseError(missing)
    table, header = found
    first = table.rows[0]
    bounds = [first.get(find_column(header, *names)) for names in (MEETING_START, MEETING_END)]
    extra = [value for value in bounds if value]
    reader = reader_for([table], tz=tz, order=order, session_date=session_date, extra=extra)
    start, end = (_read(reader, value) for value in bounds)
    if start is not None and end is not None and end > start:
        table.meeting_minutes = (end - start).total_seconds() / 60.0
    out = read_tables([table], reader)
    return ParseResult(
        format=format_name,
        records=out.records,
        errors=tuple(out.errors),
        skipped=tuple(out.skipped),
        meeting={"date_style": style_name(reader.order)},
        warnings=(reader.note,) if reader.note else (),
        meeting_start=start,
    )


def _read(reader: DateReader, text: str) -> datetime | None:
    try:
        return reader.parse(text) if text else None
    except ValueError:
        return None
