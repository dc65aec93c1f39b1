"""Tables with one row per join or leave *event*, not per connection.

Two Microsoft exports are laid out this way:

* the in-meeting "Download attendance list" of 2020-2021 (``meetingAttendanceList.csv``,
  UTF-16, tabs): ``Full Name / User Action / Timestamp`` with ``Joined``, ``Joined before``
  and ``Left``, headers and actions in the organiser's language;
* the live-event attendee engagement report (``AttendeeReport.csv``):
  ``SessionId, ParticipantId, FullName, UserAgent, UtcEventTimestamp, Action, Role``, in UTC.

Each person's events are paired in time order into intervals. A ``Joined`` with no later
``Left`` (still in the meeting when the list was saved) is closed at the last event of the
file, and the preview says so; a ``Left`` with nothing open is ignored.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, date, datetime, tzinfo

from .names import clean_email, fold, name_key, split_display_name
from .records import ATTENDEE, HOST, AttendanceParseError, AttendanceRecord, ParseResult, RowError
from .table import HOST_ROLES, Columns, Table, find_column, norm_header, reader_for, style_name
from .text import Row
from .timefmt import Order, looks_like_datetime

FORMAT = "teams-events"

JOINED = frozenset(
    fold(word)
    for word in (
        "joined|joined before|beigetreten|vorher beigetreten|zuvor beigetreten|dołączył|"
        "dołączyła|dołączył przed|dołączyła przed|a rejoint|rejoint|rejoint avant|"
        "a rejoint avant|se unió|se unió antes|unido|si è unito|si è unito prima|entrou|"
        "entrou antes|ingressou|deelgenomen|eerder deelgenomen|toegetreden|参加済み|参加"
    ).split("|")
)
LEFT = frozenset(
    fold(word)
    for word in (
        "left|verlassen|hat verlassen|opuścił|opuściła|a quitté|quitté|salió|abandonó|"
        "ha abbandonato|è uscito|uscito|saiu|verlaten|退出済み|退出"
    ).split("|")
)
NAME = (
    "full name", "fullname", "name", "vollständiger name", "nom complet", "nombre completo",
    "nome completo", "volledige naam", "imię i nazwisko", "氏名", "名前",
)  # fmt: skip
PARTICIPANT = ("participantid", "participant id", "email", "e-mail")


@dataclass(frozen=True, slots=True)
class _Columns:
    name: int
    action: int
    when: int
    participant: int | None
    role: int | None
    utc: bool


def _action_share(values: list[str]) -> float:
    filled = [fold(v).strip() for v in values if v]
    if not filled:
        return 0.0
    return sum(1 for v in filled if v in JOINED or v in LEFT) / len(filled)


def _columns(header: tuple[str, ...], data: list[Row]) -> _Columns | None:
    sample = data[:200]
    width = len(header)
    values = [[row.get(i) for row in sample] for i in range(width)]
    actions = [i for i in range(width) if _action_share(values[i]) >= 0.8]
    dates = [
        i
        for i in range(width)
        if values[i] and sum(map(looks_like_datetime, values[i])) >= 0.8 * len(values[i])
    ]
    if not actions or not dates:
        return None
    name = find_column(header, *NAME, prefix=False)
    used = {actions[0], dates[0]}
    if name is None or name in used:
        name = next((i for i in range(width) if i not in used), None)
    if name is None:
        return None
    participant = find_column(header, *PARTICIPANT, prefix=False)
    return _Columns(
        name=name,
        action=actions[0],
        when=dates[0],
        participant=participant,
        role=find_column(header, "role", "rolle", "rôle", "rol", "rola", "ruolo", prefix=False),
        utc="utc" in norm_header(header[dates[0]]),
    )


def _locate(rows: list[Row]) -> tuple[_Columns, list[Row]] | None:
    content = [row for row in rows if not row.blank]
    for position, row in enumerate(content[:5]):
        data = content[position + 1 :]
        if data and len(row.cells) >= 3:
            columns = _columns(row.cells, data)
            if columns is not None:
                return columns, data
    return None


def looks_like(rows: list[Row]) -> bool:
    return _locate(rows[:200]) is not None


def parse(
    rows: list[Row],
    *,
    tz: tzinfo,
    order: Order | None = None,
    session_date: date | None = None,
) -> ParseResult:
    found = _locate(rows)
    if found is None:
        raise AttendanceParseError(
            "no table of join and leave events (a name, an action such as Joined/Left and a "
            "timestamp on each row)"
        )
    cols, data = found
    # Reuse the shared date-style decision: the timestamps stand in for join times.
    probe = Table(Columns(name=cols.name, join=cols.when), data)
    reader = reader_for([probe], tz=UTC if cols.utc else tz, order=order, session_date=session_date)
    events: dict[str, list[tuple[datetime, bool, Row]]] = defaultdict(list)
    errors: list[RowError] = []
    for row in data:
        action = fold(row.get(cols.action)).strip()
        if action not in JOINED and action not in LEFT:
            errors.append(RowError(row.line, f"unknown action {row.get(cols.action)!r}"))
            continue
        try:
            when = reader.parse(row.get(cols.when)).astimezone(tz)
        except ValueError as exc:
            errors.append(RowError(row.line, f"timestamp: {exc}"))
            continue
        key = row.get(cols.participant) or name_key(row.get(cols.name))
        events[key].append((when, action in JOINED, row))
    last = max((when for items in events.values() for when, _, _ in items), default=None)
    records: list[AttendanceRecord] = []
    still_in = 0
    for items in events.values():
        items.sort(key=lambda item: (item[0], not item[1]))
        opened: tuple[datetime, Row] | None = None
        for when, joined, row in items:
            if joined and opened is None:
                opened = (when, row)
            elif not joined and opened is not None:
                records.append(_record(cols, opened[1], row, opened[0], when))
                opened = None
        if opened is not None and last is not None:
            still_in += 1
            records.append(_record(cols, opened[1], opened[1], opened[0], last))
    warnings = [reader.note] if reader.note else []
    if still_in:
        warnings.append(
            f"stays with no 'Left' event ({still_in}) were closed at the file's last event"
        )
    records.sort(key=lambda record: (record.join or last, record.lines))
    return ParseResult(
        format=FORMAT,
        records=tuple(records),
        errors=tuple(errors),
        meeting={"date_style": style_name(reader.order)},
        warnings=tuple(warnings),
    )


def _record(
    cols: _Columns, joined: Row, left: Row, start: datetime, end: datetime
) -> AttendanceRecord:
    display = split_display_name(joined.get(cols.name))
    email = clean_email(joined.get(cols.participant)) if cols.participant is not None else None
    source_role = joined.get(cols.role)
    host = display.host_marker or fold(source_role).strip() in HOST_ROLES
    return AttendanceRecord(
        name=display.name or (email or ""),
        email=email,
        role=HOST if host else ATTENDEE,
        join=start,
        leave=end,
        lines=tuple(sorted({joined.line, left.line})),
        original_name=display.original_name,
        source_role=source_role,
    )
