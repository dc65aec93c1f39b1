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

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from .parsers.names import is_non_person, name_key
from .parsers.records import ATTENDEE, HOST, AttendanceRecord, Role, SkippedRow

Interval = tuple[datetime, datetime]


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
    lines: tuple[int, ...]
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
    intervals = [
        (row.join, row.leave)
        for row in rows
        if row.total_minutes is None and row.join is not None and row.leave is not None
    ]
    union, merged = union_minutes(intervals)
    amounts = [row.total_minutes for row in rows if row.total_minutes is not None]
    minutes = union + sum(amounts)
    if amounts and all(row.join is not None and row.leave is not None for row in rows):
        windows = [(row.join, row.leave) for row in rows if row.join and row.leave]
        minutes = min(minutes, union_minutes(windows)[0])
    caps = [row.meeting_minutes for row in rows if row.meeting_minutes is not None]
    if caps:
        minutes = min(minutes, min(caps))
    return minutes, merged


class _Groups:
    """Union-find over record positions."""

    def __init__(self, size: int) -> None:
        self.parent = list(range(size))

    def find(self, item: int) -> int:
        parent = self.parent
        while parent[item] != item:
            parent[item] = parent[parent[item]]
            item = parent[item]
        return item

    def union(self, first: int, second: int) -> None:
        a, b = self.find(first), self.find(second)
        if a != b:
            self.parent[max(a, b)] = min(a, b)


def _keys(record: AttendanceRecord) -> set[str]:
    keys = {name_key(record.name)}
    if record.original_name:
        keys.add(name_key(record.original_name))
    keys.discard("")
    return keys


def merge_records(
    records: Sequence[AttendanceRecord],
    *,
    host_emails: Iterable[str] = (),
    organiser_domains: Iterable[str] = (),
) -> MergeResult:
    """Group ``records`` per person. ``host_emails`` (staff accounts) and ``organiser_domains``
    (the network's own email domains) mark the organising team, whatever role the file gives;
    rows that are not people or carry no time at all are dropped, with a reason the preview can
    show."""
    hosts = {email.strip().lower() for email in host_emails}
    domains = {domain.strip().lower().lstrip("@") for domain in organiser_domains} - {""}
    kept: list[AttendanceRecord] = []
    dropped: list[SkippedRow] = []
    for record in records:
        line = record.lines[0] if record.lines else 0
        if not record.email and is_non_person(record.name):
            dropped.append(SkippedRow(line, f"{record.name!r} is not a person"))
        elif record.join is None and record.leave is None and record.total_minutes is None:
            dropped.append(SkippedRow(line, "no attendance time"))
        elif record.join is not None and record.leave is not None and record.leave < record.join:
            dropped.append(SkippedRow(line, "leaves before it joins"))
        else:
            kept.append(record)
    groups = _Groups(len(kept))
    first_by: dict[str, int] = {}
    for index, record in enumerate(kept):
        identities = [f"@{email}" for email in (record.email, *record.alt_emails) if email]
        if record.participant_id:
            identities.append(f"#{record.participant_id}")
        for identity in identities:
            other = first_by.setdefault(identity, index)
            if other != index:
                groups.union(other, index)
    # Names that point at exactly one person known by email or id.
    owners: dict[str, set[int]] = defaultdict(set)
    for index, record in enumerate(kept):
        if record.email or record.participant_id:
            for key in _keys(record):
                owners[key].add(groups.find(index))
    loose: dict[str, int] = {}
    for index, record in enumerate(kept):
        if record.email or record.participant_id:
            continue
        keys = _keys(record)
        targets = {groups.find(root) for key in keys for root in owners.get(key, ())}
        if len(targets) == 1:
            groups.union(targets.pop(), index)
            continue
        if len(targets) > 1:
            continue  # two different people share this name: do not guess
        primary = name_key(record.name) or f"line{index}"
        other = loose.setdefault(primary, index)
        if other != index:
            groups.union(other, index)
    members: dict[int, list[AttendanceRecord]] = defaultdict(list)
    for index, record in enumerate(kept):
        members[groups.find(index)].append(record)
    attendees = [_attendee(rows, hosts, domains) for rows in members.values()]
    attendees.sort(key=_order)
    return MergeResult(tuple(attendees), tuple(dropped))


def _order(attendee: Attendee) -> tuple[bool, float, str]:
    first = attendee.first_join.timestamp() if attendee.first_join else 0.0
    return (attendee.first_join is None, first, attendee.name)


def _attendee(rows: list[AttendanceRecord], hosts: set[str], domains: set[str]) -> Attendee:
    emails: list[str] = []
    for row in rows:
        for email in (row.email, *row.alt_emails):
            if email and email not in emails:
                emails.append(email)
    primary = Counter(row.email for row in rows if row.email).most_common(1)
    email = primary[0][0] if primary else None
    named = [row.name for row in rows if row.email] or [row.name for row in rows]
    name = Counter(named).most_common(1)[0][0]
    names: list[str] = []
    for row in rows:
        for candidate in (row.name, row.original_name):
            if candidate and candidate not in names:
                names.append(candidate)
    ids = sorted({row.participant_id for row in rows if row.participant_id})
    minutes, merged = person_minutes(rows)
    joins = [row.join for row in rows if row.join is not None]
    leaves = [row.leave for row in rows if row.leave is not None]
    lowered = {e.lower() for e in emails}
    is_host = (
        any(row.role == HOST for row in rows)
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
        first_join=min(joins) if joins else None,
        last_leave=max(leaves) if leaves else None,
        connections=len(rows),
        intervals=merged,
        lines=tuple(sorted(line for row in rows for line in row.lines)),
        emails=tuple(emails),
        names=tuple(names),
        participant_ids=tuple(ids),
    )
