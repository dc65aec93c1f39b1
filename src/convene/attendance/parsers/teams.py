"""Microsoft Teams attendance report, current and legacy layouts, in any language.

Teams translates every title and header into the organiser's language ("2. Participants",
"2. Teilnehmer", "Nom", "Première jointure"...), so nothing here depends on English words.
Sections are found by *shape*: blocks separated by blank lines, an optional one-cell title,
then either key/value pairs (the summary) or a header row over data rows (a table).
Columns are found by the shape of their *values*: two date-time columns (join, then leave),
a duration column, one or two email-like columns (the second being the UPN), a column of
role words, and a name column. The summary's first two date-times are the meeting's start
and end (``meeting_start``, and the length that caps every total). When both a per-person
table ("Participants") and a per-connection table ("In-Meeting Activities") exist, the
per-connection one is used, because only it lets reconnections be merged as a union.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, tzinfo

from .durations import looks_like_duration
from .names import fold
from .records import AttendanceParseError, ParseResult
from .table import Columns, Table, read_tables, reader_for, style_name
from .text import Row, blocks, strip_trailing_empty
from .timefmt import DateReader, Order, looks_like_datetime

FORMAT = "teams"

ORGANISER_ROLES = frozenset(
    fold(word)
    for word in (
        "organizer organiser co-organizer co-organiser coorganizer organisateur "
        "organisatrice co-organisateur coorganisateur organisator mitorganisator "
        "organizzatore co-organizzatore organizador organizadora coorganizador "
        "co-organizador mede-organisator coörganisator organizator organizátor "
        "współorganizator 開催者 共同開催者 组织者 共同组织者 주최자 организатор"
    ).split()
)
ROLE_WORDS = ORGANISER_ROLES | frozenset(
    fold(word)
    for word in (
        "attendee participant participante partecipante teilnehmer teilnehmerin "
        "teilnehmende asistente deelnemer uczestnik presenter presentateur présentateur "
        "presentatrice référent referent referentin relatore relatrice presentador "
        "presentadora moderador presentator prezenter panelist guest invite gast ospite "
        "invitado viewer 出席者 発表者 参加者 演示者 与会者 участник выступающий"
    ).split()
)
_MIN_SHARE = 0.8


def _share(values: list[str], test: Callable[[str], bool]) -> float:
    filled = [value for value in values if value]
    if not filled:
        return 0.0
    return sum(1 for value in filled if test(value)) / len(filled)


def infer_columns(header: tuple[str, ...], data: list[Row]) -> Columns | None:
    """Assign columns from the values they hold; ``None`` if this is not an attendance table."""
    width = max([len(header)] + [len(row.cells) for row in data])
    sample = data[:200]
    by_column = [[row.get(index) for row in sample] for index in range(width)]
    dates = [i for i, col in enumerate(by_column) if _share(col, looks_like_datetime) >= _MIN_SHARE]
    if len(dates) < 2:
        return None
    used = set(dates[:2])
    duration = next(
        (
            i
            for i, col in enumerate(by_column)
            if i not in used and _share(col, looks_like_duration) >= _MIN_SHARE
        ),
        None,
    )
    if duration is not None:
        used.add(duration)
    emails = [
        i
        for i, col in enumerate(by_column)
        if i not in used and _share(col, lambda value: "@" in value) >= 0.5
    ]
    emails.sort(key=lambda i: _share(by_column[i], lambda value: "#ext#" in value.casefold()))
    email = emails[0] if emails else None
    upn = emails[1] if len(emails) > 1 else None
    used.update(emails)
    role = next(
        (
            i
            for i, col in enumerate(by_column)
            if i not in used and _share(col, lambda value: fold(value) in ROLE_WORDS) >= _MIN_SHARE
        ),
        None,
    )
    if role is not None:
        used.add(role)
    name = next(
        (i for i, col in enumerate(by_column) if i not in used and any(col)),
        None,
    )
    if name is None:
        return None
    return Columns(
        name=name,
        email=email,
        join=dates[0],
        leave=dates[1],
        duration=duration,
        role=role,
        upn=upn,
    )


def _sections(rows: list[Row]) -> tuple[list[Table], list[str]]:
    """Every table of the file, and the summary values (for deciding the date style)."""
    tables: list[Table] = []
    summary: list[str] = []
    for block in blocks(rows):
        body = block
        if len(strip_trailing_empty(block[0].cells)) == 1 and len(block) > 1:
            body = block[1:]
        if all(len(strip_trailing_empty(row.cells)) <= 2 for row in body):
            summary.extend(row.get(1) for row in body)
            continue
        header, data = body[0], body[1:]
        if not data:
            continue
        columns = infer_columns(header.cells, data)
        if columns is not None:
            tables.append(Table(columns, data, host_roles=ORGANISER_ROLES))
    return tables, summary


def looks_like(rows: list[Row]) -> bool:
    """Teams files open with a title or summary block before any table."""
    first = next((row for row in rows if not row.blank), None)
    if first is None or len(strip_trailing_empty(first.cells)) > 2:
        return False
    tables, _ = _sections(rows[:400])
    return bool(tables) and any(table.columns.duration is not None for table in tables)


def parse(
    rows: list[Row],
    *,
    tz: tzinfo,
    order: Order | None = None,
    session_date: date | None = None,
) -> ParseResult:
    tables, summary = _sections(rows)
    if not tables:
        raise AttendanceParseError(
            "no attendance table found in this Teams report "
            "(expected a header row over rows with join and leave times)"
        )
    # The per-connection table has at least as many rows as the per-person one and comes
    # after it; max() keeps the first of equals, so search from the end.
    chosen = max(reversed(tables), key=lambda table: len(table.rows))
    extra = [value for value in summary if looks_like_datetime(value)]
    reader = reader_for([chosen], tz=tz, order=order, session_date=session_date, extra=extra)
    # The summary's first two date-times are the meeting's start and end, in every language
    # ("Start time", "Heure de début", "Meeting Start Time"...).
    bounds = [_read(reader, value) for value in extra[:2]]
    start = bounds[0] if bounds else None
    end = bounds[1] if len(bounds) > 1 else None
    if start is not None and end is not None and end > start:
        chosen.meeting_minutes = (end - start).total_seconds() / 60.0
    out = read_tables([chosen], reader)
    variant = "teams" if len(tables) > 1 or len(blocks(rows)) > 2 else "teams-legacy"
    return ParseResult(
        format=variant,
        records=out.records,
        errors=tuple(out.errors),
        skipped=tuple(out.skipped),
        meeting={"date_style": style_name(reader.order)},
        warnings=(reader.note,) if reader.note else (),
        meeting_start=start,
    )


def _read(reader: DateReader, text: str) -> datetime | None:
    try:
        return reader.parse(text)
    except ValueError:
        return None
