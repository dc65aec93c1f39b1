"""Shared machinery for tabular exports: find columns, then turn rows into records.

Each source module only has to say *where* the header is and *which* column holds what
(a :class:`Columns`); reading dates, durations, names, emails and roles, and collecting
row errors with line numbers, happens here once, so every source behaves the same way.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, tzinfo
from itertools import chain
from typing import overload

from .durations import parse_duration
from .names import HOST_WORDS, clean_email, fold, is_non_person, split_display_name, upn_email
from .records import ATTENDEE, HOST, AttendanceRecord, Role, RowError, SkippedRow
from .text import Row
from .timefmt import DateReader, Order, detect_order

#: Role-column values of the organising side, in the languages the tools export; the same
#: words as the name badges ("(Host)", "(Organisateur)"), plus a flag column's true/yes.
HOST_ROLES = frozenset(fold(word) for word in HOST_WORDS) | frozenset(
    fold(word)
    for word in (
        "true yes co-organisateur hôte co-hôte modérateur veranstalter moderatorin "
        "organizzatrice organizadora co-organizador mede-organisator medeorganisator "
        "producer produzent productor produttore producteur"
    ).split()
)
#: "No" in the languages Zoom's portal exports: a ``Guest = No`` participant is a user of
#: the host's own account; also "did not attend" in a webinar's ``Attended`` column.
NO_WORDS = frozenset(
    fold(word)
    for word in (
        "no non nein nee nie não nao false нет ні いいえ 否 아니요 아니오 nej ne ei hayır "
        "không tidak ไม่ใช่ ne"
    ).split()
)
#: "Yes" in the same languages: Zoom's ``In Waiting Room = Yes`` row is time spent waiting
#: to be let in, not in the meeting.
YES_WORDS = frozenset(
    fold(word) for word in "yes sí si sì ja oui sim tak да はい 是 예 evet có ya true".split()
)
BLANKS = frozenset({"", "-", "--", "—", "n/a", "na"})


def norm_header(text: str) -> str:
    """Header text without case, accents, punctuation or extra spaces."""
    return " ".join(re.findall(r"\w+", fold(text)))


def find_column(header: Sequence[str], *aliases: str, prefix: bool = True) -> int | None:
    """Index of the first header cell equal to (then starting with) one of ``aliases``."""
    normalized = [norm_header(cell) for cell in header]
    wanted = [norm_header(alias) for alias in aliases]
    for alias in wanted:
        for index, cell in enumerate(normalized):
            if cell == alias:
                return index
    if prefix:
        for alias in wanted:
            for index, cell in enumerate(normalized):
                if cell.startswith(alias):
                    return index
    return None


@dataclass(frozen=True, slots=True)
class Columns:
    """Where each field of a table lives; ``None`` when the table does not have it."""

    name: int | None
    email: int | None = None
    join: int | None = None
    leave: int | None = None
    duration: int | None = None
    role: int | None = None
    participant_id: int | None = None
    upn: int | None = None
    attended: int | None = None
    first_name: int | None = None
    last_name: int | None = None
    guest: int | None = None
    waiting_room: int | None = None


@dataclass(slots=True)
class Table:
    """A located table: its columns, its data rows and how to read its roles. ``rows`` may be
    lazy (``text.Rows``): it is then read again from the file on each pass."""

    columns: Columns
    rows: Sequence[Row]
    role: Role | None = None
    source_role: str = ""
    duration_is_total: bool = False
    host_roles: frozenset[str] | None = None
    meeting_minutes: float | None = None


@dataclass(slots=True)
class Collected:
    records: Sequence[AttendanceRecord] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    skipped: list[SkippedRow] = field(default_factory=list)


def date_values(tables: Iterable[Table]) -> Iterator[str]:
    """Every join and leave cell, in one pass over each table."""
    for table in tables:
        columns = [i for i in (table.columns.join, table.columns.leave) if i is not None]
        if not columns:
            continue
        for row in table.rows:
            for index in columns:
                yield row.get(index)


def style_name(order: Order | None) -> str:
    """How the preview names the date style a file was read with."""
    names = {"dmy": "day-first", "mdy": "month-first", "ymd": "year-first"}
    return names.get(order or "", "unambiguous")


def reader_for(
    tables: Sequence[Table],
    *,
    tz: tzinfo,
    order: Order | None,
    session_date: date | None,
    extra: Iterable[str] = (),
) -> DateReader:
    """One date reader per file, its order decided from every date the file contains."""
    values = chain(date_values(tables), extra)
    notes: list[str] = []
    decided = detect_order(values, explicit=order, session_date=session_date, notes=notes)
    return DateReader(decided, tz, " ".join(notes))


def read_tables(
    tables: Iterable[Table],
    reader: DateReader,
    *,
    host_emails: frozenset[str] = frozenset(),
) -> Collected:
    """Turn every row of every table into a record, or a row error, or a skipped row.

    The records are not kept: :class:`TableRecords` reads them again on each pass, so a large
    file is held one row at a time (the errors and skipped rows are kept, found by one pass).
    """
    records = TableRecords(list(tables), reader, host_emails)
    return Collected(records, records.errors, records.skipped)


class TableRecords(Sequence[AttendanceRecord]):
    """The records of located tables, made again from their rows on each iteration.

    One pass at creation collects the row errors, the skipped rows, the number of records and
    the earliest join, so that none of them needs the records kept. Indexing (tests, small
    files) makes the list once and keeps it.
    """

    def __init__(
        self, tables: list[Table], reader: DateReader, host_emails: frozenset[str]
    ) -> None:
        self._tables = tables
        self._reader = reader
        self._hosts = host_emails
        self._kept: list[AttendanceRecord] | None = None
        self.errors: list[RowError] = []
        self.skipped: list[SkippedRow] = []
        self.size = 0
        self.first_join: datetime | None = None
        for item in self._each():
            if isinstance(item, RowError):
                self.errors.append(item)
            elif isinstance(item, SkippedRow):
                self.skipped.append(item)
            else:
                self.size += 1
                if item.join is not None and (
                    self.first_join is None or item.join < self.first_join
                ):
                    self.first_join = item.join

    def _each(self) -> Iterator[AttendanceRecord | RowError | SkippedRow]:
        for table in self._tables:
            for row in table.rows:
                try:
                    record = _record(row, table, self._reader, self._hosts)
                except ValueError as exc:
                    yield RowError(row.line, str(exc))
                    continue
                if record is not None:
                    yield record

    def __iter__(self) -> Iterator[AttendanceRecord]:
        if self._kept is not None:
            return iter(self._kept)
        return (item for item in self._each() if isinstance(item, AttendanceRecord))

    def __len__(self) -> int:
        return self.size

    def __bool__(self) -> bool:
        return self.size > 0

    @overload
    def __getitem__(self, index: int) -> AttendanceRecord: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[AttendanceRecord]: ...
    def __getitem__(self, index: int | slice) -> AttendanceRecord | Sequence[AttendanceRecord]:
        if self._kept is None:
            self._kept = list(self)
        return self._kept[index]

    def __eq__(self, other: object) -> bool:
        if isinstance(other, TableRecords | tuple | list):
            return tuple(self) == tuple(other)
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"<TableRecords: {self.size} records>"


def _record(
    row: Row, table: Table, reader: DateReader, host_emails: frozenset[str]
) -> AttendanceRecord | SkippedRow | None:
    cols = table.columns
    if row.blank:
        return None
    attended = fold(row.get(cols.attended)).strip()
    if cols.attended is not None and attended in NO_WORDS:
        return SkippedRow(row.line, "registered but did not attend")
    if fold(row.get(cols.waiting_room)).strip() in YES_WORDS:
        return SkippedRow(row.line, "in the waiting room, not in the meeting")
    raw_name = row.get(cols.name)
    if not raw_name and (cols.first_name is not None or cols.last_name is not None):
        raw_name = f"{row.get(cols.first_name)} {row.get(cols.last_name)}".strip()
    display = split_display_name(raw_name)
    email = clean_email(row.get(cols.email))
    if not display.name and not email:
        raise ValueError("the row has neither a name nor an email")
    join_text, leave_text = row.get(cols.join), row.get(cols.leave)
    join: datetime | None = None
    leave: datetime | None = None
    if cols.join is not None and join_text in BLANKS and leave_text in BLANKS:
        if cols.attended is not None:
            return SkippedRow(row.line, "registered but did not attend")
        no_time = not (table.duration_is_total and row.get(cols.duration) not in BLANKS)
        if no_time and not is_non_person(display.name):
            raise ValueError("join and leave times are missing")
    else:
        if cols.join is not None:
            join = _when(reader, join_text, "join time")
        still_in = leave_text in BLANKS and row.get(cols.duration) not in BLANKS
        if cols.leave is not None and not still_in:
            leave = _when(reader, leave_text, "leave time")
    if join is not None and leave is not None and leave < join:
        raise ValueError(f"leave time {leave_text!r} is before join time {join_text!r}")
    total = _time_in_room(row.get(cols.duration), join, leave, per_person=table.duration_is_total)
    if total is None and join is None and not is_non_person(display.name):
        raise ValueError("no join time and no duration")
    source_role = row.get(cols.role) or table.source_role
    role: Role = table.role or ATTENDEE
    host_roles = HOST_ROLES if table.host_roles is None else table.host_roles
    if display.host_marker or fold(source_role).strip() in host_roles:
        role = HOST
    if cols.guest is not None and fold(row.get(cols.guest)).strip() in NO_WORDS:
        role = HOST  # Zoom: not a guest = a user of the host's own account
    if email and email in host_emails:
        role = HOST
    alt: tuple[str, ...] = ()
    upn = upn_email(row.get(cols.upn)) if cols.upn is not None else None
    if upn and upn != email:
        alt = (upn,)
    if email is None and alt:
        email, alt = alt[0], ()
    return AttendanceRecord(
        name=display.name or (email or ""),
        email=email,
        role=role,
        join=join,
        leave=leave,
        lines=(row.line,),
        total_minutes=total,
        original_name=display.original_name,
        participant_id=row.get(cols.participant_id) or None,
        alt_emails=alt,
        source_role=source_role,
        meeting_minutes=table.meeting_minutes,
    )


#: A tool's duration within this many minutes of the span join-leave is the same presence,
#: only rounded (Zoom rounds each connection up to whole minutes).
ROUNDING_MINUTES = 1.0


def _time_in_room(
    text: str, join: datetime | None, leave: datetime | None, *, per_person: bool
) -> float | None:
    """The row's time in the room when it is not simply join-leave, else ``None``.

    A duration with no times is the time in the room. Where a row gives its times *and* a
    duration, the duration wins when it is shorter than the span by more than rounding: the
    person left and came back in between (one rule for every tool). Otherwise the span is
    kept, because it is exact to the second and can be unioned with other connections.
    """
    if text in BLANKS:
        return None
    if join is None or leave is None:
        return parse_duration(text)
    try:
        minutes = parse_duration(text)
    except ValueError:
        if per_person:
            raise
        return None  # a per-connection table's duration only repeats the span
    span = (leave - join).total_seconds() / 60.0
    return minutes if minutes < span - ROUNDING_MINUTES else None


def _when(reader: DateReader, text: str, what: str) -> datetime:
    if text in BLANKS:
        raise ValueError(f"{what} is missing")
    try:
        return reader.parse(text)
    except ValueError as exc:
        raise ValueError(f"{what}: {exc}") from exc
