"""Per-person merging: identity by email, then original or device names; union of minutes."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from convene.attendance.merge import LineNumbers, merge_records, union_minutes
from convene.attendance.parsers import AttendanceRecord

T0 = datetime(2020, 4, 14, 12, 0, tzinfo=UTC)


def record(
    name: str,
    start: int,
    end: int,
    *,
    email: str | None = None,
    line: int = 2,
    role: str = "attendee",
    original: str | None = None,
    participant_id: str | None = None,
    total: float | None = None,
) -> AttendanceRecord:
    return AttendanceRecord(
        name=name,
        email=email,
        role=role,  # type: ignore[arg-type]
        join=T0 + timedelta(minutes=start),
        leave=T0 + timedelta(minutes=end),
        lines=(line,),
        total_minutes=total,
        original_name=original,
        participant_id=participant_id,
    )


def people(*records: AttendanceRecord) -> dict[str, float]:
    return {a.name: round(a.minutes, 2) for a in merge_records(records).attendees}


def test_union_counts_overlap_once() -> None:
    total, intervals = union_minutes(
        [(T0, T0 + timedelta(minutes=26)), (T0 + timedelta(minutes=24), T0 + timedelta(minutes=57))]
    )
    assert total == 57
    assert len(intervals) == 1


def test_disjoint_and_nested_intervals() -> None:
    spans = [(0, 10), (20, 30), (22, 25), (30, 40)]
    total, intervals = union_minutes(
        [(T0 + timedelta(minutes=a), T0 + timedelta(minutes=b)) for a, b in spans]
    )
    assert total == 30
    assert len(intervals) == 2


def test_email_groups_case_insensitively_and_sums_nothing() -> None:
    merged = merge_records(
        [
            record("Karim", 4, 30, email="k@x.example", line=2),
            record("Karim E.", 28, 61, email="k@x.example", line=3),
        ]
    )
    (karim,) = merged.attendees
    assert karim.minutes == 57
    assert karim.connections == 2
    assert karim.lines == (2, 3)
    assert karim.key == "email:k@x.example"


def test_device_row_without_email_joins_the_person_by_name() -> None:
    found = people(
        record("Marie Dupont", 0, 20, email="marie@x.example"),
        record("Marie Dupont", 25, 60),  # what the parser makes of "iPhone (Marie Dupont)"
    )
    assert found == {"Marie Dupont": 55}


def test_original_name_links_a_renamed_row() -> None:
    found = people(
        record("Jordi Puig", 0, 30, email="jpuig@x.example", original="Jordi Puig i Serra"),
        record("JP", 40, 50, original="Jordi Puig i Serra"),
    )
    assert found == {"Jordi Puig": 40}


def test_name_shared_by_two_emailed_people_is_not_guessed() -> None:
    merged = merge_records(
        [
            record("Anna Rossi", 0, 30, email="anna@torino.example"),
            record("Anna Rossi", 0, 30, email="anna.rossi@milano.example"),
            record("Anna Rossi", 40, 50),
        ]
    )
    assert len(merged.attendees) == 3


def test_name_only_rows_group_by_name() -> None:
    found = people(record("priya", 0, 5), record("Priya", 3, 10), record("Guest 1", 0, 2))
    assert found == {"priya": 10, "Guest 1": 2}


def test_participant_id_groups_connections() -> None:
    merged = merge_records(
        [
            record("Sophie", 0, 60, participant_id="reg-1"),
            record("S. L.", 61, 65, participant_id="reg-1"),
        ]
    )
    (sophie,) = merged.attendees
    assert sophie.minutes == 64
    assert sophie.participant_ids == ("reg-1",)


def test_hosts_are_marked_and_non_people_dropped() -> None:
    merged = merge_records(
        [
            record("Staff", 0, 70, email="staff@forum.example", role="host"),
            record("Staff", 0, 70, email="staff@forum.example"),
            record("Helper", 0, 70, email="help@forum.example"),
            AttendanceRecord("Anonymous", None, "attendee", None, None, (9,)),
            AttendanceRecord("Ghost", None, "attendee", None, None, (10,)),
        ],
        host_emails=["HELP@forum.example"],
    )
    roles = {a.name: a.role for a in merged.attendees}
    assert roles == {"Staff": "host", "Helper": "host"}
    assert [(row.line, "not a person" in row.reason) for row in merged.dropped] == [
        (9, True),
        (10, False),
    ]


def test_durations_of_one_person_add_up_within_their_windows() -> None:
    """Rows with a time in the room add up (each is another stay), but never beyond the
    span their times allow: two 57.75-minute rows inside one hour make an hour."""
    found = people(
        record("Lotte", 0, 60, email="l@x.example", total=57.75),
        record("Lotte", 0, 60, email="l@x.example", total=57.75),
    )
    assert found == {"Lotte": 60.0}


def untimed(name: str, total: float, *, meeting: float | None = None) -> AttendanceRecord:
    return AttendanceRecord(
        name, f"{name.lower()}@x.example", "attendee", None, None, (2,),
        total_minutes=total, meeting_minutes=meeting,
    )  # fmt: skip


def test_durations_without_times_add_up_to_at_most_the_meeting() -> None:
    assert people(untimed("Ana", 30), untimed("Ana", 25)) == {"Ana": 55.0}
    capped = people(untimed("Ana", 40, meeting=69), untimed("Ana", 35, meeting=69))
    assert capped == {"Ana": 69.0}


def test_mixed_rows_add_the_duration_to_the_union() -> None:
    """A row with times and a row with only a duration are two different stays."""
    found = people(
        record("Bo", 0, 20, email="bo@x.example"),
        record("Bo", 10, 30, email="bo@x.example"),
        untimed("Bo", 15, meeting=40),
    )
    assert found == {"Bo": 40.0}  # union 30 + 15 = 45, but the meeting lasted 40


def test_organiser_domain_marks_the_organising_team() -> None:
    start = datetime(2020, 4, 14, 12, tzinfo=UTC)
    end = start + timedelta(minutes=50)
    rows = [
        AttendanceRecord("Ana", "ana@efus.example", "attendee", start, end, (2,)),
        AttendanceRecord("Bo", "bo@city.example", "attendee", start, end, (3,)),
    ]
    merged = merge_records(rows, organiser_domains=["EFUS.example"])
    assert {a.name: a.role for a in merged.attendees} == {"Ana": "host", "Bo": "attendee"}


def test_a_row_that_leaves_before_it_joins_is_skipped_with_its_line() -> None:
    # Found by test_mutated_real_files: a damaged Meet row read a full date as the join and a
    # clock time of the session's date as the leave, which gave negative minutes.
    join = datetime(2020, 5, 19, 15, 3, tzinfo=UTC)
    rows = [AttendanceRecord("Ana", None, "attendee", join, join - timedelta(days=13), (3,))]
    merged = merge_records(rows)
    assert merged.attendees == ()
    assert [(s.line, s.reason) for s in merged.dropped] == [(3, "leaves before it joins")]


def test_many_reconnections_fold_to_the_union_of_all_their_intervals():
    # Intervals are folded as they come (every few rows): the result is the union of them all.
    spans = [(start, start + 7 + start % 5) for start in range(0, 300, 4)] + [(400, 410)]
    records = [record("Karim", a, b, email="k@x.example", line=n) for n, (a, b) in enumerate(spans)]
    (karim,) = merge_records(records).attendees
    minutes, intervals = union_minutes(
        (T0 + timedelta(minutes=a), T0 + timedelta(minutes=b)) for a, b in spans
    )
    assert (karim.minutes, karim.intervals) == (minutes, intervals)
    assert len(karim.intervals) == 2
    assert karim.lines == tuple(range(len(spans)))


def test_line_numbers_compare_hash_and_slice_as_the_tuple():
    lines = LineNumbers([3, 4, 9])
    assert lines == (3, 4, 9) and (3, 4, 9) == lines and lines == [3, 4, 9]
    assert lines != (3, 4) and lines == LineNumbers((3, 4, 9))
    assert hash(lines) == hash((3, 4, 9))
    assert (lines[0], lines[-1], lines[1:]) == (3, 9, (4, 9))
    assert repr(lines) == "(3, 4, 9)" and list(lines) == [3, 4, 9] and 4 in lines
