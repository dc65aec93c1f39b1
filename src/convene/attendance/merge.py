"""Merge attendance records into one :class:`Attendee` per person.

A person shows up as several rows: reconnections, a second device ("iPhone (Marie
Dupont)", with no email), a renamed display name with the account's original name in
parentheses. Rows are grouped by the strongest identity first: email (and Teams' guest UPN),
then the tool's participant id, then a name or original name that points at exactly one
person already known by email, and finally the name alone. A person's minutes are the
*union* of their intervals, never the sum: overlapping reconnections (Karim 14:04-14:30 and
14:28-15:01) count once; durations without times add up, never beyond the meeting's length
(:func:`person_minutes`). Pure Python, no Django.
"""

from __future__ import annotations

from array import array
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import overload

from .parsers.names import is_non_person, name_key
from .parsers.records import ATTENDEE, HOST, AttendanceRecord, Role, SkippedRow

Interval = tuple[datetime, datetime]


class LineNumbers(Sequence[int]):
    """An attendee's source lines as machine integers, equal to the tuple (or list) of the same
    numbers. The 20 MB benchmark export's 224,069 lines took 9.2 MB as tuples of ints and 0.9 MB
    here, held from the merge to the end of the commit (issue #16)."""

    __slots__ = ("_items",)

    def __init__(self, items: Iterable[int] = ()) -> None:
        self._items = array("i", items)

    def __len__(self) -> int:
        return len(self._items)

    def __iter__(self) -> Iterator[int]:
        return iter(self._items)

    @overload
    def __getitem__(self, index: int) -> int: ...
    @overload
    def __getitem__(self, index: slice) -> LineNumbers: ...
    def __getitem__(self, index: int | slice) -> int | LineNumbers:
        if isinstance(index, slice):
            return LineNumbers(self._items[index])
        return self._items[index]

    def __eq__(self, other: object) -> bool:
        if isinstance(other, LineNumbers):
            return self._items == other._items
        if isinstance(other, tuple | list):
            return tuple(self._items) == tuple(other)
        return NotImplemented

    def __hash__(self) -> int:
        return hash(tuple(self._items))

    def __repr__(self) -> str:
        return repr(tuple(self._items))


@dataclass(frozen=True, slots=True)
class Attendee:
    """One person after merging; ``key`` is stable across re-imports of the same file."""

    key: str
    name: str
    email: str | None
    role: Role
    minutes: float
    first_join: datetime | None
    last_leave: datetime | None
    connections: int
    intervals: tuple[Interval, ...]
    lines: Sequence[int]
    emails: tuple[str, ...] = ()
    names: tuple[str, ...] = ()
    participant_ids: tuple[str, ...] = ()

    @property
    def is_host(self) -> bool:
        return self.role == HOST


@dataclass(frozen=True, slots=True)
class MergeResult:
    attendees: tuple[Attendee, ...]
    dropped: tuple[SkippedRow, ...] = ()
    #: Source lines of every record read, dropped ones included.
    lines: int = 0


def union_minutes(intervals: Iterable[Interval]) -> tuple[float, tuple[Interval, ...]]:
    """Total minutes covered by ``intervals`` and the disjoint intervals that cover them."""
    merged: list[list[datetime]] = []
    for start, end in sorted(intervals):
        if merged and start <= merged[-1][1]:
            if end > merged[-1][1]:
                merged[-1][1] = end
        else:
            merged.append([start, end])
    total = sum((end - start).total_seconds() for start, end in merged) / 60.0
    return total, tuple((start, end) for start, end in merged)


def person_minutes(rows: Sequence[AttendanceRecord]) -> tuple[float, tuple[Interval, ...]]:
    """One person's minutes in the room, by the one rule for durations.

    * Rows with join and leave times (and no shorter duration of the tool's own) are
      presence at those times: their intervals are unioned, so overlaps count once.
    * Rows with a time in the room (``total_minutes``: a duration with no times, or a tool's
      duration shorter than its span) are presence at unknown moments; each row is a
      different connection or stay, so they add up.
    * A file that mixes both for one person adds the amounts to the union. Because the
      moments of an amount are unknown and may overlap the intervals, the result never
      exceeds the union of every window the rows give (when each row has one), nor the
      meeting's length when the file states it.
    """
    person = _Person(0)
    for index, row in enumerate(rows):
        person.add(row, index)
    return person.minutes()


#: Interval lists are folded into their union when they grow past twice the size of the last
#: union and this many more, so a person with thousands of reconnections holds a few intervals
#: (at 64, the intervals waiting to be folded took 80 MB for 6,000 people; at 8, 6.1 MB for the
#: 6,001 people of the 20 MB benchmark export, and 2.6 MB at 2).
_FOLD_AT = 2


class _Person:
    """The running aggregate of one person's records: what :class:`Attendee` needs and nothing
    per row but the line numbers, so merging a 200,000-row report holds one of these per
    person, not the rows (issue #16). Ties (most frequent name or email) go to the earliest
    record, as they did when the records were kept; ``first`` is the earliest record's index.
    """

    __slots__ = (
        "amounts", "caps", "connections", "emails", "first", "first_join", "host", "ids",
        "intervals", "keys", "last_leave", "lines", "names", "named_all", "named_email",
        "primary", "windows", "folded",
    )  # fmt: skip

    def __init__(self, first: int) -> None:
        self.first = first
        self.emails: dict[str, tuple[int, int]] = {}
        self.primary: dict[str, list[int]] = {}
        self.named_email: dict[str, list[int]] = {}
        self.named_all: dict[str, list[int]] = {}
        self.names: dict[str, tuple[int, int]] = {}
        self.ids: set[str] | None = None  # made when needed: most tools give no participant id
        self.keys: set[str] = set()
        self.intervals: list[Interval] = []
        self.folded = 0
        self.amounts: list[tuple[int, float]] | None = None
        #: Windows (join to leave) of the rows with an amount; None once a row has no window.
        self.windows: list[Interval] | None = []
        self.caps: float | None = None
        self.first_join: datetime | None = None
        self.last_leave: datetime | None = None
        self.connections = 0
        self.host = False
        self.lines: array[int] = array("i")

    def add(self, row: AttendanceRecord, index: int) -> None:
        for position, email in enumerate((row.email, *row.alt_emails)):
            if email:
                self.emails.setdefault(email, (index, position))
        if row.email:
            _count(self.primary, row.email, index)
            _count(self.named_email, row.name, index)
        _count(self.named_all, row.name, index)
        for position, candidate in enumerate((row.name, row.original_name)):
            if candidate:
                self.names.setdefault(candidate, (index, position))
        if row.participant_id:
            if self.ids is None:
                self.ids = set()
            self.ids.add(row.participant_id)
        if row.join is not None and row.leave is not None:
            if row.total_minutes is None:
                self.intervals.append((row.join, row.leave))
                self._fold()
            elif self.windows is not None:
                self.windows.append((row.join, row.leave))
        else:
            self.windows = None
        if row.total_minutes is not None:
            if self.amounts is None:
                self.amounts = []
            self.amounts.append((index, row.total_minutes))
        if row.meeting_minutes is not None:
            self.caps = (
                row.meeting_minutes if self.caps is None else min(self.caps, row.meeting_minutes)
            )
        if row.join is not None and (self.first_join is None or row.join < self.first_join):
            self.first_join = row.join
        if row.leave is not None and (self.last_leave is None or row.leave > self.last_leave):
            self.last_leave = row.leave
        self.connections += 1
        self.host = self.host or row.role == HOST
        self.lines.extend(row.lines)

    def _fold(self) -> None:
        if len(self.intervals) > 2 * self.folded + _FOLD_AT:
            self.intervals = list(union_minutes(self.intervals)[1])
            self.folded = len(self.intervals)

    def absorb(self, other: _Person) -> None:
        """Take in another person's aggregate (two identities turned out to be one person)."""
        self.first = min(self.first, other.first)
        for email, seen in other.emails.items():
            self.emails[email] = min(seen, self.emails.get(email, seen))
        for name, seen in other.names.items():
            self.names[name] = min(seen, self.names.get(name, seen))
        for mine, theirs in (
            (self.primary, other.primary),
            (self.named_email, other.named_email),
            (self.named_all, other.named_all),
        ):
            for value, (count, first) in theirs.items():
                found = mine.setdefault(value, [0, first])
                found[0] += count
                found[1] = min(found[1], first)
        if other.ids:
            self.ids = {*(self.ids or ()), *other.ids}
        self.keys |= other.keys
        self.intervals.extend(other.intervals)
        self._fold()
        if other.amounts:
            self.amounts = [*(self.amounts or ()), *other.amounts]
        if self.windows is None or other.windows is None:
            self.windows = None
        else:
            self.windows.extend(other.windows)
        if other.caps is not None:
            self.caps = other.caps if self.caps is None else min(self.caps, other.caps)
        if other.first_join is not None and (
            self.first_join is None or other.first_join < self.first_join
        ):
            self.first_join = other.first_join
        if other.last_leave is not None and (
            self.last_leave is None or other.last_leave > self.last_leave
        ):
            self.last_leave = other.last_leave
        self.connections += other.connections
        self.host = self.host or other.host
        self.lines.extend(other.lines)

    def minutes(self) -> tuple[float, tuple[Interval, ...]]:
        """:func:`person_minutes` of the records taken in."""
        union, merged = union_minutes(self.intervals)
        amounts = [value for _, value in sorted(self.amounts or (), key=lambda item: item[0])]
        minutes = union + sum(amounts)
        if amounts and self.windows is not None:  # every row has a window: cap by their union
            minutes = min(minutes, union_minutes([*merged, *self.windows])[0])
        if self.caps is not None:
            minutes = min(minutes, self.caps)
        return minutes, merged

    def attendee(self, hosts: set[str], domains: set[str]) -> Attendee:
        emails = sorted(self.emails, key=self.emails.__getitem__)
        email = _most_frequent(self.primary)
        name = _most_frequent(self.named_email) or _most_frequent(self.named_all) or ""
        names = sorted(self.names, key=self.names.__getitem__)
        ids = sorted(self.ids or ())
        minutes, merged = self.minutes()
        lowered = {e.lower() for e in emails}
        is_host = (
            self.host
            or bool(hosts & lowered)
            or any(e.rpartition("@")[2] in domains for e in lowered)
        )
        if email:
            key = f"email:{email}"
        elif ids:
            key = f"id:{ids[0]}"
        else:
            key = f"name:{name_key(name)}"
        return Attendee(
            key=key,
            name=name,
            email=email,
            role=HOST if is_host else ATTENDEE,
            minutes=minutes,
            first_join=self.first_join,
            last_leave=self.last_leave,
            connections=self.connections,
            intervals=merged,
            lines=LineNumbers(sorted(self.lines)),
            emails=tuple(emails),
            names=tuple(names),
            participant_ids=tuple(ids),
        )


def _count(counts: dict[str, list[int]], value: str, index: int) -> None:
    found = counts.get(value)
    if found is None:
        counts[value] = [1, index]
    else:
        found[0] += 1


def _most_frequent(counts: dict[str, list[int]]) -> str | None:
    """The most frequent value; a tie goes to the one seen first."""
    if not counts:
        return None
    return min(counts.items(), key=lambda item: (-item[1][0], item[1][1]))[0]


def _keys(record: AttendanceRecord) -> set[str]:
    keys = {name_key(record.name)}
    if record.original_name:
        keys.add(name_key(record.original_name))
    keys.discard("")
    return keys


class _People:
    """People found so far: identified ones (by email, guest UPN or participant id) joined by a
    union-find over their identities, and rows with a name only, held back per name until every
    identified person is known."""

    def __init__(self) -> None:
        self.owner: dict[str, int] = {}
        self.parent: dict[int, int] = {}
        self.identified: dict[int, _Person] = {}
        self.loose: dict[tuple[str, frozenset[str]], _Person] = {}

    def find(self, item: int) -> int:
        root = item
        while root in self.parent:
            root = self.parent[root]
        while item != root:  # path compression
            self.parent[item], item = root, self.parent[item]
        return root

    def add(self, record: AttendanceRecord, index: int) -> None:
        identities = [f"@{email}" for email in (record.email, *record.alt_emails) if email]
        if record.participant_id:
            identities.append(f"#{record.participant_id}")
        if not identities:
            keys = _keys(record)
            primary = name_key(record.name) or f"line{index}"
            person = self.loose.setdefault((primary, frozenset(keys)), _Person(index))
            person.add(record, index)
            return
        roots = {self.find(self.owner[i]) for i in identities if i in self.owner}
        root = min(roots) if roots else index
        person = self.identified.setdefault(root, _Person(index))
        for other in sorted(roots - {root}):
            person.absorb(self.identified.pop(other))
            self.parent[other] = root
        for identity in identities:
            self.owner.setdefault(identity, root)
        person.keys |= _keys(record)
        person.add(record, index)

    def everyone(self) -> list[_Person]:
        """Every person, once the rows with a name only have joined the one person known by
        email or id whose name (or original name) they carry. A name two such people share
        is not guessed: those rows stay a person of their own. The rest group by name."""
        owners: dict[str, set[int]] = defaultdict(set)
        for root, person in self.identified.items():
            for key in person.keys:
                owners[key].add(root)
        by_name: dict[str, _Person] = {}
        alone: list[_Person] = []
        for (primary, keys), person in sorted(self.loose.items(), key=lambda i: i[1].first):
            targets = {root for key in keys for root in owners.get(key, ())}
            if len(targets) == 1:
                self.identified[targets.pop()].absorb(person)
            elif targets:
                alone.append(person)
            elif primary in by_name:
                by_name[primary].absorb(person)
            else:
                by_name[primary] = person
        people = [*self.identified.values(), *by_name.values(), *alone]
        return sorted(people, key=lambda person: person.first)


def merge_records(
    records: Iterable[AttendanceRecord],
    *,
    host_emails: Iterable[str] = (),
    organiser_domains: Iterable[str] = (),
) -> MergeResult:
    """Group ``records`` per person. ``host_emails`` (staff accounts) and ``organiser_domains``
    (the network's own email domains) mark the organising team, whatever role the file gives;
    rows that are not people or carry no time at all are dropped, with a reason the preview can
    show.

    ``records`` is read once, as a stream: only per-person aggregates are kept, so a report
    read in passes (``TableRecords``) is never held whole. Rows with a name only that match
    two people known by email are kept apart from both, as one person per name.
    """
    hosts = {email.strip().lower() for email in host_emails}
    domains = {domain.strip().lower().lstrip("@") for domain in organiser_domains} - {""}
    dropped: list[SkippedRow] = []
    people = _People()
    index = 0
    lines = 0
    for record in records:
        lines += len(record.lines)
        line = record.lines[0] if record.lines else 0
        if not record.email and is_non_person(record.name):
            dropped.append(SkippedRow(line, f"{record.name!r} is not a person"))
        elif record.join is None and record.leave is None and record.total_minutes is None:
            dropped.append(SkippedRow(line, "no attendance time"))
        elif record.join is not None and record.leave is not None and record.leave < record.join:
            dropped.append(SkippedRow(line, "leaves before it joins"))
        else:
            people.add(record, index)
            index += 1
    attendees = _attendees(people, hosts, domains)
    attendees.sort(key=_order)
    return MergeResult(tuple(attendees), tuple(dropped), lines)


def _attendees(people: _People, hosts: set[str], domains: set[str]) -> list[Attendee]:
    """Each person's :class:`Attendee`, in order, each aggregate let go once its attendee is
    made, so the aggregates and the attendees are never all held at once (issue #16: the
    20 MB benchmark export's merge peaked at 36 MB with both, 6,001 people)."""
    everyone = people.everyone()
    people.identified.clear()
    people.loose.clear()
    people.owner.clear()
    people.parent.clear()
    everyone.reverse()
    attendees: list[Attendee] = []
    while everyone:
        attendees.append(everyone.pop().attendee(hosts, domains))
    return attendees


def _order(attendee: Attendee) -> tuple[bool, float, str]:
    first = attendee.first_join.timestamp() if attendee.first_join else 0.0
    return (attendee.first_join is None, first, attendee.name)
