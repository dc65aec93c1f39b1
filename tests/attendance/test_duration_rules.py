"""Property tests for the one rule for durations (docs/attendance.md, "Minutes").

* rows with join and leave times: a person's minutes are the union of their intervals;
* rows with only a duration: a person's rows add up, never beyond the meeting's length;
* a tool's duration shorter than the span of its own row is the time in the room;
* rows of both kinds: the durations are added to the union, within every bound the file gives.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from convene.attendance.merge import merge_records, person_minutes
from convene.attendance.parsers import AttendanceRecord, parse_bytes

T0 = datetime(2020, 4, 14, 12, 0, tzinfo=UTC)

spans = st.lists(st.tuples(st.integers(0, 24 * 60), st.integers(0, 180)), min_size=1, max_size=12)
amounts = st.lists(st.integers(0, 300), min_size=1, max_size=8)
lengths = st.one_of(st.none(), st.integers(1, 600))


def timed(start: int, length: int, line: int, meeting: int | None = None) -> AttendanceRecord:
    return AttendanceRecord(
        "Ana", "ana@x.example", "attendee",
        T0 + timedelta(minutes=start), T0 + timedelta(minutes=start + length), (line,),
        meeting_minutes=meeting,
    )  # fmt: skip


def untimed(total: int, line: int, meeting: int | None = None) -> AttendanceRecord:
    return AttendanceRecord(
        "Ana", "ana@x.example", "attendee", None, None, (line,),
        total_minutes=float(total), meeting_minutes=meeting,
    )  # fmt: skip


def covered(intervals: list[tuple[int, int]]) -> int:
    """Minutes covered, counted minute by minute: the union by brute force."""
    return len({minute for start, length in intervals for minute in range(start, start + length)})


@given(spans)
def test_timed_rows_are_the_union_of_their_intervals(intervals: list[tuple[int, int]]) -> None:
    rows = [timed(start, length, line) for line, (start, length) in enumerate(intervals)]
    (ana,) = merge_records(rows).attendees
    assert round(ana.minutes, 6) == covered(intervals)
    assert ana.connections == len(rows)


@given(spans, st.permutations(range(12)))
def test_the_union_does_not_depend_on_row_order(
    intervals: list[tuple[int, int]], order: list[int]
) -> None:
    rows = [timed(start, length, line) for line, (start, length) in enumerate(intervals)]
    shuffled = [rows[i] for i in order if i < len(rows)]
    assert person_minutes(rows)[0] == person_minutes(shuffled)[0]


@given(amounts, lengths)
def test_untimed_rows_add_up_and_never_pass_the_meeting(
    totals: list[int], meeting: int | None
) -> None:
    rows = [untimed(total, line, meeting) for line, total in enumerate(totals)]
    (ana,) = merge_records(rows).attendees
    expected = sum(totals) if meeting is None else min(sum(totals), meeting)
    assert ana.minutes == expected


@given(spans, amounts, lengths)
def test_mixed_rows_add_durations_to_the_union_within_the_bounds(
    intervals: list[tuple[int, int]], totals: list[int], meeting: int | None
) -> None:
    rows = [timed(start, length, line, meeting) for line, (start, length) in enumerate(intervals)]
    rows += [untimed(total, 100 + line, meeting) for line, total in enumerate(totals)]
    (ana,) = merge_records(rows).attendees
    expected = covered(intervals) + sum(totals)
    if meeting is not None:
        expected = min(expected, meeting)
    assert round(ana.minutes, 6) == expected
    assert ana.minutes >= min(covered(intervals), meeting or covered(intervals))


@given(st.integers(2, 180), st.integers(0, 180))
def test_a_tools_shorter_duration_is_the_time_in_the_room(span: int, inside: int) -> None:
    """One row per person with first join, last leave and the tool's own duration (Teams'
    participants table, BigBlueButton): when the duration is shorter than the span by
    more than rounding, the person left and came back, and the duration counts."""
    start, end = T0, T0 + timedelta(minutes=span)
    text = (
        "Name,Moderator,Join,Left,Duration\r\n"
        f"Ana,false,{start:%Y-%m-%d %H:%M:%S},{end:%Y-%m-%d %H:%M:%S},"
        f"{inside // 60:02d}:{inside % 60:02d}:00\r\n"
        f"Bo,true,{start:%Y-%m-%d %H:%M:%S},{end:%Y-%m-%d %H:%M:%S},00:00:30\r\n"
    )
    result = parse_bytes(text.encode(), tz="UTC")
    people = {a.name: a.minutes for a in merge_records(result.records).attendees}
    expected = inside if inside < span - 1 else span
    assert round(people["Ana"], 6) == expected


@given(spans, amounts)
def test_never_more_than_the_windows_the_rows_give(
    intervals: list[tuple[int, int]], totals: list[int]
) -> None:
    """Durations whose rows also carry times cannot exceed the union of those windows."""
    rows = [
        AttendanceRecord(
            "Ana",
            "ana@x.example",
            "attendee",
            T0 + timedelta(minutes=start),
            T0 + timedelta(minutes=start + length),
            (line,),
            total_minutes=float(min(total, length)),
        )  # fmt: skip
        for line, ((start, length), total) in enumerate(zip(intervals, totals, strict=False))
    ]
    (ana,) = merge_records(rows).attendees
    windows = [(start, length) for start, length in intervals[: len(rows)]]
    assert ana.minutes <= covered(windows) + 1e-9
