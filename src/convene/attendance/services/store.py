"""Storing an import's attendees: one row per person and session, merged across files.

Each import adds one :class:`AttendanceSource` per row (its intervals, total and lines);
the row's minutes are recomputed from all its sources by the union of their intervals, so
a second host's export of the same meeting never double counts.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.utils import timezone

from convene.attendance.matching import Match, MatchPolicy
from convene.attendance.merge import Attendee, union_minutes
from convene.attendance.models import Attendance, AttendanceImport, AttendanceSource, Role
from convene.programme.models import Session
from convene.registrations.models import Registration

#: Attendees written per batch: the sources of one batch at a time are held (their intervals as
#: text, their lines) and sent as one statement, not the whole file's.
WRITE_BATCH = 500
_ROW_FIELDS = [
    "key", "source_keys", "person", "registration", "match_method", "match_score", "role",
    "minutes", "connections", "first_join", "last_leave", "attended", "updated_at",
]  # fmt: skip


def session_policy(session: Session) -> MatchPolicy:
    series = session.series
    percent = series.attendance_min_percent
    return MatchPolicy(
        min_minutes=float(series.attendance_min_minutes),
        min_percent=float(percent) if percent is not None else None,
    )


@dataclass
class _Incoming:
    """The attendees of this import that land on one Attendance row."""

    match: Match
    keys: list[str] = field(default_factory=list)
    attendees: list[Attendee] = field(default_factory=list)


def store_matches(
    session: Session, attendance_import: AttendanceImport, matches: Sequence[Match]
) -> tuple[int, int]:
    """Add this import's attendees to the session's rows; returns (created, updated).

    Rows and sources are made and written ``WRITE_BATCH`` at a time, in the same order as when
    they were written all at once (same keys, same values): on PostgreSQL the 20 MB benchmark
    export's 6,001 sources in one statement raised the task's peak by 8 MB (issue #16)."""
    rows = list(
        Attendance.objects.filter(session=session).prefetch_related("sources").order_by("pk")
    )
    by_key: dict[str, Attendance] = {}
    by_person: dict[int, Attendance] = {}
    for row in rows:
        for key in [row.key, *row.source_keys]:
            by_key.setdefault(key, row)
        if row.person_id is not None:
            by_person[row.person_id] = row
    registrations = {
        r.pk: r
        for r in Registration.objects.filter(
            pk__in=[int(m.registrant.id) for m in matches if m.registrant]
        ).select_related("person")
    }
    policy = session_policy(session)
    incoming: dict[str, _Incoming] = {}
    targets: dict[str, Attendance | None] = {}
    for match in matches:
        registration = registrations.get(int(match.registrant.id)) if match.registrant else None
        person_id = _person_id(match, registration)
        found = by_key.get(match.attendee.key)
        if person_id is not None:
            target_key = f"person:{person_id}"
            found = by_person.get(person_id) or found
            if found is not None and found.person_id not in (None, person_id):
                found = None  # that key belongs to someone else now: a new row for this one
        else:
            target_key = found.key if found is not None else match.attendee.key
        group = incoming.setdefault(target_key, _Incoming(match))
        group.keys.append(match.attendee.key)
        group.attendees.append(match.attendee)
        if person_id is not None and not group.match.is_matched:
            group.match = match
        targets.setdefault(target_key, found)
    now = timezone.now()
    created = updated = 0
    groups = list(incoming.items())
    del incoming
    for begin in range(0, len(groups), WRITE_BATCH):
        new_rows: list[Attendance] = []
        changed: list[Attendance] = []
        sources: list[AttendanceSource] = []
        for target_key, group in groups[begin : begin + WRITE_BATCH]:
            found = targets[target_key]
            row = (
                found
                if found is not None
                else Attendance(session=session, key=target_key, created_at=now)
            )
            source = _fold_group(row, target_key, group, registrations, attendance_import)
            if found is None:
                _describe(row, group.attendees)
                new_rows.append(row)
                created += 1
                previous: list[AttendanceSource] = []
            else:
                previous = list(row.sources.all())
                changed.append(row)
                updated += 1
            _aggregate(row, [*previous, source], policy, session.duration_minutes)
            row.updated_at = now
            sources.append(source)
        _write(new_rows, changed, sources)
    return created, updated


def _fold_group(
    row: Attendance,
    target_key: str,
    group: _Incoming,
    registrations: dict[int, Registration],
    attendance_import: AttendanceImport,
) -> AttendanceSource:
    """Point ``row`` at the group's person (if it has none yet); the group's new source."""
    match = group.match
    registration = registrations.get(int(match.registrant.id)) if match.registrant else None
    source = _source_for(group.attendees, attendance_import)
    row.source_keys = sorted({*row.source_keys, *group.keys} - {target_key})
    if registration is not None and row.registration_id is None:
        row.key = target_key
        row.person_id = registration.person_id
        row.registration = registration
        row.match_method = match.method
        row.match_score = match.score
    elif match.person is not None and row.person_id is None:
        row.key = target_key  # a known person who came without registering
        row.person_id = int(match.person.id)
        row.match_method = match.method
        row.match_score = match.score
    elif row.person_id is None and not row.match_score:
        row.match_score = match.score  # best name score seen, for the queue
    source.attendance = row
    return source


def _write(
    new_rows: list[Attendance], changed: list[Attendance], sources: list[AttendanceSource]
) -> None:
    """Write one batch: its new rows (their keys are needed by the sources), then the rest."""
    Attendance.objects.bulk_create(new_rows)
    Attendance.objects.bulk_update(changed, _ROW_FIELDS)
    for source in sources:
        source.attendance_id = source.attendance.pk
    AttendanceSource.objects.bulk_create(sources)


def _person_id(match: Match, registration: Registration | None) -> int | None:
    if registration is not None:
        return registration.person_id
    return int(match.person.id) if match.person is not None else None


def _describe(row: Attendance, attendees: Sequence[Attendee]) -> None:
    first = attendees[0]
    row.name = first.name[:300]
    row.email = (first.email or next((a.email for a in attendees if a.email), "") or "")[:254]


def _source_for(
    attendees: Sequence[Attendee], attendance_import: AttendanceImport
) -> AttendanceSource:
    intervals = [interval for a in attendees for interval in a.intervals]
    union, merged = union_minutes(intervals)
    joins = [a.first_join for a in attendees if a.first_join]
    leaves = [a.last_leave for a in attendees if a.last_leave]
    first = attendees[0]
    return AttendanceSource(
        attendance_import=attendance_import,
        key=first.key[:320],
        name=first.name[:300],
        email=(first.email or "")[:254],
        role=Role.HOST if any(a.is_host for a in attendees) else Role.ATTENDEE,
        intervals=[[start.isoformat(), end.isoformat()] for start, end in merged],
        minutes=max([union, *(a.minutes for a in attendees)]),
        connections=sum(a.connections for a in attendees),
        first_join=min(joins) if joins else None,
        last_leave=max(leaves) if leaves else None,
        lines=sorted({line for a in attendees for line in a.lines}),
    )


def parse_intervals(source: AttendanceSource) -> list[tuple[dt.datetime, dt.datetime]]:
    return [
        (dt.datetime.fromisoformat(start), dt.datetime.fromisoformat(end))
        for start, end in source.intervals
    ]


def _aggregate(
    row: Attendance,
    sources: Iterable[AttendanceSource],
    policy: MatchPolicy,
    session_minutes: float,
) -> None:
    """Recompute a row from all its sources: the union of every interval, never a sum.

    A tool that reports only a per-person total cannot be unioned, so the row keeps the
    larger of the union and any single source's minutes. Connections are the most any one
    report saw (two hosts' exports of the same meeting list the same connections).
    """
    sources = list(sources)
    intervals = [interval for source in sources for interval in parse_intervals(source)]
    union, _merged = union_minutes(intervals)
    row.minutes = max([union, *(source.minutes for source in sources)])
    row.connections = max((source.connections for source in sources), default=0)
    joins = [source.first_join for source in sources if source.first_join]
    leaves = [source.last_leave for source in sources if source.last_leave]
    row.first_join = min(joins) if joins else None
    row.last_leave = max(leaves) if leaves else None
    row.role = Role.HOST if any(s.role == Role.HOST for s in sources) else Role.ATTENDEE
    row.attended = policy.attended(row.minutes, session_minutes)


def attendance_recompute(*, attendance: Attendance) -> None:
    """Recompute one row from its sources (after staff merged two rows)."""
    policy = session_policy(attendance.session)
    _aggregate(attendance, attendance.sources.all(), policy, attendance.session.duration_minutes)
