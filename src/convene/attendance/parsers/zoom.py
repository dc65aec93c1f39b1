"""Zoom meeting participants report, in its three shapes.

* plain: one row per connection (``Name (Original Name), User Email, Join Time, ...``);
* "with meeting data": a one-row meeting block (whose ``User Email`` is the host's) and a
  blank line before the participants table;
* "unique users": one row per person with only ``Total Duration (Minutes)``, no times;
* "meeting and webinar history" (the 2023+ reports): one wide table whose rows repeat the
  meeting's columns (topic, ID, host, start, end, the meeting's own duration) before the
  participant's, several meetings to a file; the host's name carries " (Host)".

Headers come in the exporting user's portal language. ``Guest = No`` (``Nein``, ``Non``…)
marks a user of the host's own account: the organising side. The meeting block gives the
meeting's start (``ParseResult.meeting_start``) and its length, which caps every total.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, tzinfo

from .durations import parse_duration
from .names import clean_email
from .records import AttendanceParseError, ParseResult
from .table import BLANKS, Columns, Table, find_column, read_tables, reader_for, style_name
from .text import Row, non_blank_rows
from .timefmt import DateReader, Order

FORMAT = "zoom"

# Headers in the portal languages Zoom exports (en, es, it, de, fr, pt, nl, pl, ja); see
# docs/attendance.md for which were read in real files and which are Zoom's UI wording.
ORIGINAL_NAME = (
    "name (original name)", "nombre (nombre original)", "nome (nome originale)",
    "name (ursprünglicher name)", "nom (nom original)", "nom (nom d'origine)",
    "nome (nome original)", "naam (oorspronkelijke naam)", "nazwa (oryginalna nazwa)",
    "名前 (元の名前)", "名前（元の名前）",
)  # fmt: skip
NAME = (*ORIGINAL_NAME, "name", "participant", "participant name", "user name")
EMAIL = (
    "user email", "email", "e-mail", "email address", "e-mail del usuario",
    "correo electrónico", "e-mail utente", "e-mail des benutzers", "e-mail de l'utilisateur",
    "e-mail do usuário", "ユーザーメール", "adres e-mail",
)  # fmt: skip
JOIN = (
    "join time", "join", "joined", "hora para unirse", "hora de entrada", "ora di ingresso",
    "beitrittszeit", "heure d'arrivée", "heure de connexion", "horário de entrada",
    "tijd van deelname", "czas dołączenia", "参加時刻",
)  # fmt: skip
LEAVE = (
    "leave time", "leave", "left", "hora para salir", "hora de salida", "ora di uscita",
    "austrittszeit", "heure de départ", "heure de déconnexion", "horário de saída",
    "hora de saída", "tijd van vertrek", "czas opuszczenia", "退出時刻",
)  # fmt: skip
TOTAL = (
    "total duration (minutes)", "total duration", "duración total (minutos)",
    "durata totale (minuti)", "gesamtdauer (minuten)", "durée totale (minutes)",
    "duração total (minutos)", "totale duur (minuten)", "całkowity czas trwania (minuty)",
    "合計所要時間（分）",
)  # fmt: skip
DURATION = (
    "duration (minutes)", "duration", "time in session", "duración (minutos)",
    "durata (minuti)", "dauer (minuten)", "durée (minutes)", "duração (minutos)",
    "duur (minuten)", "czas trwania (minuty)", "所要時間（分）",
)  # fmt: skip
GUEST = (
    "guest", "invitado", "gast", "invité", "ospite", "convidado", "gość", "ゲスト", "访客",
)  # fmt: skip
WAITING_ROOM = (
    "in waiting room", "en sala de espera", "in sala d'attesa", "in sala d’attesa",
    "im warteraum", "en salle d'attente", "na sala de espera", "in wachtruimte",
    "w poczekalni", "待機室",
)  # fmt: skip
MEETING_ID = ("meeting id", "id de la reunión", "meeting-id", "id riunione", "id", "ミーティングid")
TOPIC = ("topic", "sujet", "thema", "argomento", "tema", "onderwerp", "temat", "トピック")
START = (
    "start time", "hora de inicio", "ora di inizio", "startzeit", "heure de début",
    "hora de início", "begintijd", "czas rozpoczęcia", "開始時刻",
)  # fmt: skip
END = (
    "end time", "hora de finalización", "ora di fine", "endzeit", "heure de fin",
    "hora de término", "eindtijd", "czas zakończenia", "終了時刻",
)  # fmt: skip
MEETING_DURATION = DURATION


def _is_participants_header(cells: tuple[str, ...]) -> bool:
    return find_column(cells, *NAME, prefix=False) is not None and (
        find_column(cells, *JOIN, prefix=False) is not None
        or find_column(cells, *TOTAL) is not None
    )


def _is_meeting_header(cells: tuple[str, ...]) -> bool:
    return (
        find_column(cells, *MEETING_ID, prefix=False) is not None
        and find_column(cells, *TOPIC, prefix=False) is not None
        and find_column(cells, *NAME, prefix=False) is None
    )


def looks_like(rows: Sequence[Row]) -> bool:
    """A participants header with a Zoom-only column near the top, and no webinar sections."""
    head = [row.cells for row in rows[:8] if not row.blank]
    zoomish = any(
        _is_participants_header(cells)
        and (
            find_column(cells, *ORIGINAL_NAME, prefix=False) is not None
            or find_column(cells, *GUEST, prefix=False) is not None
        )
        for cells in head
    )
    return zoomish and not any(
        cells and cells[0].casefold().startswith(("attendee report", "attendee details"))
        for cells in head
    )


@dataclass(slots=True)
class _Meeting:
    """What the file says about the meeting: its host, start, end and length."""

    host_email: str | None = None
    times: list[str] = field(default_factory=list)
    minutes: str = ""


def _meeting(header: tuple[str, ...], data: Row, width: int | None = None) -> _Meeting:
    cells = header[:width]
    email = find_column(cells, "user email", "host email", "email", "e-mail")
    found = _Meeting(clean_email(data.get(email)))
    for aliases in (START, END):
        found.times.append(data.get(find_column(cells, *aliases, prefix=False)))
    found.minutes = data.get(find_column(cells, *MEETING_DURATION, prefix=False))
    return found


def _participant_columns(header: tuple[str, ...]) -> Columns:
    """Columns of the participants table; in the wide layout, those after the name."""
    name = find_column(header, *NAME, prefix=False) or 0
    own = header[name:]

    def col(*aliases: str, prefix: bool = True) -> int | None:
        found = find_column(own, *aliases, prefix=prefix)
        return None if found is None else found + name

    join = col(*JOIN, prefix=False)
    total = col(*TOTAL)
    return Columns(
        name=name,
        email=col(*EMAIL),
        join=join,
        leave=col(*LEAVE, prefix=False),
        duration=total if join is None else col(*DURATION),
        role=col("role", prefix=False),
        guest=col(*GUEST, prefix=False),
        waiting_room=col(*WAITING_ROOM, prefix=False),
    )


def locate(
    rows: Sequence[Row], session_date: date | None = None
) -> tuple[Table, _Meeting, list[str]]:
    """Find the participants table and the meeting block (or the wide layout's columns).
    The table's rows stay lazy when ``rows`` is (``text.Rows``), but for the wide layout."""
    meeting = _Meeting()
    notes: list[str] = []
    for position, row in enumerate(rows):
        if _is_meeting_header(row.cells):
            following = rows[position + 1 : position + 2]
            if following:
                meeting = _meeting(row.cells, following[0])
                continue
        if not _is_participants_header(row.cells):
            continue
        header = row.cells
        columns = _participant_columns(header)
        data_rows = non_blank_rows(rows, position + 1)
        if columns.name:  # the wide "meeting and webinar history" layout
            data_rows, notes = _one_meeting(list(data_rows), columns.name, session_date)
            if data_rows:
                meeting = _meeting(header, data_rows[0], columns.name)
        table = Table(columns, data_rows, duration_is_total=columns.join is None)
        return table, meeting, notes
    raise AttendanceParseError("no Zoom participants table (Name, User Email, Join Time, ...)")


def _one_meeting(
    rows: list[Row], width: int, session_date: date | None
) -> tuple[list[Row], list[str]]:
    """The wide export repeats each meeting's columns on its rows and may hold several
    meetings: keep the one held on the session's date, else the first, and say so."""
    groups: dict[tuple[str, ...], list[Row]] = {}
    for row in rows:
        groups.setdefault(row.cells[: min(width, 3)], []).append(row)
    if len(groups) <= 1:
        return rows, []
    chosen = next(iter(groups))
    if session_date is not None:
        for key, members in groups.items():
            if any(session_date.strftime(style) in cell for style in _DAY_STYLES
                   for cell in members[0].cells[:width]):  # fmt: skip
                chosen = key
                break
    note = (
        f"this file holds {len(groups)} meetings; only {chosen[0]!r} "
        f"({len(groups[chosen])} rows) was read"
    )
    return groups[chosen], [note]


_DAY_STYLES = ("%m/%d/%Y", "%d/%m/%Y", "%Y-%m-%d", "%d.%m.%Y")


def parse(
    rows: Sequence[Row],
    *,
    tz: tzinfo,
    order: Order | None = None,
    session_date: date | None = None,
) -> ParseResult:
    table, meeting, notes = locate(rows, session_date)
    times = [value for value in meeting.times if value]
    reader = reader_for([table], tz=tz, order=order, session_date=session_date, extra=times)
    start = _read(reader, meeting.times[0] if meeting.times else "")
    end = _read(reader, meeting.times[1] if len(meeting.times) > 1 else "")
    table.meeting_minutes = _meeting_minutes(meeting.minutes, start, end)
    hosts = frozenset({meeting.host_email}) if meeting.host_email else frozenset()
    out = read_tables([table], reader, host_emails=hosts)
    info = {"date_style": style_name(reader.order)}
    if meeting.host_email:
        info["host_email"] = meeting.host_email
    variant = "zoom-unique-users" if table.duration_is_total else FORMAT
    return ParseResult(
        format=variant,
        records=out.records,
        errors=tuple(out.errors),
        skipped=tuple(out.skipped),
        meeting=info,
        warnings=tuple(notes) + ((reader.note,) if reader.note else ()),
        meeting_start=start,
    )


def _read(reader: DateReader, text: str) -> datetime | None:
    try:
        return reader.parse(text) if text else None
    except ValueError:
        return None


def _meeting_minutes(text: str, start: datetime | None, end: datetime | None) -> float | None:
    """The meeting's length: its own duration, else its start to end."""
    if text and text not in BLANKS:
        try:
            return parse_duration(text)
        except ValueError:
            pass
    if start is not None and end is not None and end > start:
        return (end - start).total_seconds() / 60.0
    return None
