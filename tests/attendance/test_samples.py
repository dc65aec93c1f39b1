"""Every sample export parses to the people and minutes its README gives."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from convene.attendance.parsers import HOST

from .conftest import merged, minutes, sample_bytes


def test_zoom_meeting_participants_union_per_person() -> None:
    result, people = merged(sample_bytes("zoom_meeting_participants.csv"))
    assert result.format == "zoom"
    assert not result.errors
    assert minutes(people) == {
        "Forum Secretariat": 76.6,
        "Marie Dupont": 59.1,
        "Jordi Puig": 60.5,
        "Hans Becker": 54.2,
        "Sophie Lambert": 59.2,
        "Pieter Van den Berg": 43.0,
        "+32 4** *** *12": 43.5,
        "priya": 1.2,
    }
    assert people["Forum Secretariat"].role == HOST
    assert all(p.role == "attendee" for name, p in people.items() if name != "Forum Secretariat")
    marie = people["Marie Dupont"]
    assert marie.connections == 2  # the iPhone row joined her by name, not by email
    assert marie.lines == (3, 4)
    assert people["Hans Becker"].connections == 2
    assert "Jordi Puig i Serra" in people["Jordi Puig"].names
    # US dates with a PM clock, read in Brussels summer time
    assert marie.first_join == datetime(2020, 4, 14, 11, 59, 31, tzinfo=UTC)


def test_zoom_with_meeting_data_overlap_is_union_not_sum() -> None:
    result, people = merged(sample_bytes("zoom_meeting_with_meeting_data.csv"))
    assert not result.errors
    karim = people["Karim El Idrissi"]
    assert round(karim.minutes, 1) == 57.0  # 26 + 33 would be 59
    assert karim.connections == 2
    assert len(karim.intervals) == 1
    # day-first, no seconds: 21/04/2020 can only be the 21st of April
    assert karim.first_join is not None and karim.first_join.date() == date(2020, 4, 21)
    assert result.meeting["host_email"] == "webconf@forum-urban-security.example"
    assert people["Forum Secretariat"].role == HOST
    assert minutes(people)["Lotte Peeters"] == 60.0


def test_zoom_webinar_sections_roles_and_absentees() -> None:
    result, people = merged(sample_bytes("zoom_webinar_attendee_report.csv"))
    assert result.format == "zoom-webinar"
    assert not result.errors
    assert minutes(people) == {
        "Forum Secretariat": 66.0,
        "Claire Martin": 63.0,
        "Ahmed Benali": 60.0,
        "Giulia Bianchi": 25.0,
    }
    assert people["Forum Secretariat"].role == HOST
    assert people["Claire Martin"].role == "attendee"
    skipped_lines = sorted(row.line for row in result.skipped)
    assert skipped_lines == [16, 17]  # Pedro García and Jan Janssens never joined
    assert "Pedro García" not in people and "Jan Janssens" not in people


def test_teams_current_layout_uses_activities_section() -> None:
    result, people = merged(sample_bytes("teams_attendance.csv"))
    assert result.meeting["encoding"] == "utf-16"
    assert not result.errors
    found = minutes(people)
    assert found["Marie Dupont"] == 52.2
    assert people["Marie Dupont"].connections == 2  # from "3. In-Meeting Activities"
    assert found["Hans Becker"] == 58.5
    assert found["Guest 4821"] == 2.0
    assert people["Forum Secretariat"].role == HOST
    assert people["Sophie Lambert"].role == "attendee"  # a presenter is still audience
    assert people["Marie Dupont"].lines == (20, 21)


def test_teams_legacy_layout() -> None:
    result, people = merged(sample_bytes("teams_attendance_legacy.csv"))
    assert not result.errors
    assert minutes(people) == {
        "Forum Secretariat": 62.9,
        "Luca Ferrari": 58.1,
        "Eva de Vries": 58.0,
    }
    assert people["Forum Secretariat"].role == HOST
    luca = people["Luca Ferrari"]
    assert luca.first_join is not None and luca.first_join.date() == date(2020, 5, 12)
    # 5/12/2020 is only settled by the upper-case PM clock, and the preview says so
    assert any("month-first" in warning for warning in result.warnings)
    assert result.meeting["date_style"] == "month-first"


def test_bbb_uses_online_duration_and_drops_anonymous() -> None:
    result, people = merged(sample_bytes("bbb_learning_dashboard.csv"))
    assert result.format == "bbb"
    assert "Anonymous" not in people
    assert minutes(people) == {
        "Forum Secretariat": 64.4,
        "Lotte Peeters": 57.8,  # Duration 00:57:45, not the 60-minute join-leave span
        "Karim El Idrissi": 44.2,
        "Anna Rossi": 6.0,
    }
    assert people["Forum Secretariat"].role == HOST
    lotte = people["Lotte Peeters"]
    # the dashboard writes UTC without a marker
    assert lotte.first_join == datetime(2020, 5, 19, 12, 0, 5, tzinfo=UTC)


def test_google_meet_needs_and_uses_the_session_date() -> None:
    result, people = merged(
        sample_bytes("google_meet_attendance.csv"), session_date=date(2020, 5, 26)
    )
    assert result.format == "meet"
    assert minutes(people) == {"Marie Dupont": 62.0, "Jordi Puig": 45.0, "Unknown caller": 0.5}
    marie = people["Marie Dupont"]
    assert marie.first_join == datetime(2020, 5, 26, 11, 58, tzinfo=UTC)


def test_google_meet_without_date_is_our_error() -> None:
    from convene.attendance.parsers import AttendanceParseError

    with pytest.raises(AttendanceParseError, match="--date"):
        merged(sample_bytes("google_meet_attendance.csv"))


def test_jitsi_event_sync() -> None:
    result, people = merged(sample_bytes("jitsi_event_sync.json"))
    assert result.format == "jitsi"
    assert minutes(people)["Sophie Lambert"] == 63.9
    sophie = people["Sophie Lambert"]
    assert sophie.connections == 2
    assert sophie.participant_ids == ("reg-7f3a",)
    assert minutes(people)["Fellow Jitster"] == 1.5
    assert people["Forum Secretariat"].role == HOST  # first to join is Jitsi's moderator
    assert sophie.first_join == datetime(2020, 5, 22, 12, 0, 5, tzinfo=UTC)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("zoom_meeting_participants.csv", "zoom"),
        ("zoom_meeting_with_meeting_data.csv", "zoom"),
        ("zoom_webinar_attendee_report.csv", "zoom-webinar"),
        ("teams_attendance.csv", "teams"),
        ("teams_attendance_legacy.csv", "teams-legacy"),
        ("bbb_learning_dashboard.csv", "bbb"),
        ("jitsi_event_sync.json", "jitsi"),
    ],
)
def test_format_is_detected(name: str, expected: str) -> None:
    result, _ = merged(sample_bytes(name))
    assert result.format == expected
