"""The samples written from the tools' documentation, in the languages they export: each one's
people, roles, minutes, source roles and the meeting's date, exactly."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from convene.attendance.merge import merge_records
from convene.attendance.parsers import ParseResult, parse_bytes

from .conftest import sample_bytes

BRUSSELS = ZoneInfo("Europe/Brussels")

Person = tuple[str, str, float]  # name, role, minutes


def read(name: str, session_date: date | None = None) -> tuple[ParseResult, list[Person]]:
    result = parse_bytes(sample_bytes(name), tz=BRUSSELS, session_date=session_date)
    assert not result.errors
    people = [
        (a.name, a.role, round(a.minutes, 1)) for a in merge_records(result.records).attendees
    ]
    return result, sorted(people)


def local(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=BRUSSELS)  # type: ignore[misc]


def roles_written(result: ParseResult) -> dict[str, str]:
    return {record.name: record.source_role for record in result.records}


def test_zoom_spanish_organiser_is_marked_only_by_invitado_no() -> None:
    result, people = read("zoom_participants_guest_es.csv")
    assert result.format == "zoom"
    assert result.meeting["encoding"] == "utf-8-sig"
    assert people == [
        ("Lucía Fernández", "attendee", 57.5),  # 41.5 + 16.0, two connections
        ("Secretaría del Foro", "host", 75.5),  # no "(Host)", only Invitado = No
        ("Tomás Ortega", "attendee", 50.5),
    ]
    assert result.meeting_start is None  # no meeting block in this export
    assert result.first_join == local(2020, 4, 16, 13, 50, 12)


def test_zoom_unique_users_add_up_and_stop_at_the_meetings_length() -> None:
    result, people = read("zoom_unique_users_with_meeting_data.csv")
    assert result.format == "zoom-unique-users"
    assert people == [
        ("Ana Costa", "attendee", 68.0),  # 50 + 30 (her iPad) = 80, but the meeting lasted 68
        ("Forum Secretariat", "host", 68.0),
        ("Hans Becker", "attendee", 55.0),  # 31 + 24: one person on two rows adds up
        ("Pieter Van den Berg", "attendee", 45.0),
    ]
    assert result.meeting_start == local(2020, 4, 23, 13, 55)
    assert result.first_join is None


def test_teams_organizer_and_co_organizer_are_the_organising_side() -> None:
    result, people = read("teams_attendance_organizer_en.csv")
    assert result.format == "teams"
    assert result.meeting["date_style"] == "day-first"  # 28/04/20, two-digit year
    assert people == [
        ("Claire Martin", "host", 67.5),
        ("Eva de Vries", "attendee", 48.0),  # a presenter is not staff
        ("Ingrid Larsen", "host", 63.0),
        ("Luca Ferrari", "attendee", 45.0),  # 20 + 25 from the activities section
    ]
    assert roles_written(result)["Ingrid Larsen"] == "Co-organizer"
    assert result.meeting_start == local(2020, 4, 28, 13, 55, 10)


def test_teams_french_headers_roles_and_durations() -> None:
    result, people = read("teams_attendance_fr.csv")
    assert result.format == "teams"
    assert people == [
        ("Hugo Lefèvre", "attendee", 55.0),
        ("Marie Dupont", "attendee", 55.5),  # "DUPONT Marie (Invité)", 30.5 + 25
        ("Secrétariat du Forum", "host", 64.5),
    ]
    assert roles_written(result)["Secrétariat du Forum"] == "Organisateur"
    assert result.meeting_start == local(2020, 4, 30, 13, 57)


def test_bbb_upper_case_moderators_and_locale_times_in_the_sessions_zone() -> None:
    result, people = read("bbb_learning_dashboard_en-us.csv")
    assert result.format == "bbb"
    assert people == [
        ("Forum Secretariat", "host", 64.0),
        ("Karim El Idrissi", "attendee", 31.0),  # still online ("-"): his duration counts
        ("Lotte Peeters", "attendee", 51.0),  # Duration, not the 60-minute span
        ("Sofia Nowak", "host", 62.0),  # TRUE
    ]
    assert roles_written(result)["Sofia Nowak"] == "TRUE"
    assert result.first_join == local(2020, 5, 7, 13, 58, 15)  # 5/7/2020, 01:58:15 PM


def test_webex_portuguese_utf16_tabs_with_a_breakout_session() -> None:
    result, people = read("webex_attendee_report_pt-br.csv")
    assert result.format == "webex"
    assert result.meeting["encoding"] == "utf-16"
    assert people == [
        ("Ana Costa", "attendee", 55.0),
        ("João Silva", "attendee", 54.0),  # main session, then a breakout room
        ("Secretaria do Fórum", "host", 66.0),  # Função = Anfitrião
    ]
    assert result.meeting_start == local(2020, 5, 14, 13, 55)


def test_google_meet_narrow_space_clocks_and_time_in_the_room() -> None:
    result, people = read("google_meet_attendance_names.csv", date(2020, 5, 21))
    assert result.format == "meet"
    assert people == [
        ("Ada Lovelace", "attendee", 58.0),
        ("Grace Hopper", "attendee", 40.0),  # 2:00-3:00 PM, but 40 min in the room
    ]
    assert result.first_join == local(2020, 5, 21, 13, 58)


def test_excel_resaved_zoom_semicolons_windows_1252_and_wrapped_cells() -> None:
    result, people = read("zoom_participants_excel_fr_cp1252.csv")
    assert result.format == "zoom"
    assert result.meeting["encoding"] == "cp1252"
    assert people == [
        ("Benoît Müller", "attendee", 30.0),
        ("Secrétariat du Forum", "host", 68.0),  # Invité = Non
        ("Élodie Garçon", "attendee", 58.0),
    ]
    assert result.first_join == local(2020, 5, 5, 13, 56)


def test_german_zoom_export_carries_its_own_date() -> None:
    result, people = read("zoom_participants_2020-04-21_de.csv")
    assert result.format == "zoom"
    assert people == [
        ("Forum-Sekretariat", "host", 69.0),
        ("Hans Becker", "attendee", 57.0),
        ("Lena Schmidt", "attendee", 57.5),
    ]
    assert result.meeting_start == local(2020, 4, 21, 13, 55)
    assert result.first_join == local(2020, 4, 21, 13, 55)


@pytest.mark.parametrize(
    ("session_date", "expected", "start"),
    [
        (
            date(2020, 5, 28),
            [
                ("Anna Rossi", "attendee", 55.0),
                ("Forum Secretariat", "host", 66.0),
                ("Sofia Nowak", "host", 60.0),  # "(Co-host)"
            ],
            local(2020, 5, 28, 13, 56),
        ),
        (
            None,
            [("Anna Rossi", "attendee", 55.0), ("Forum Secretariat", "host", 65.0)],
            local(2020, 5, 26, 13, 55),
        ),
    ],
)
def test_zoom_history_reads_the_meeting_of_the_session(
    session_date: date | None, expected: list[Person], start: datetime
) -> None:
    result, people = read("zoom_meeting_history_two_meetings.csv", session_date)
    assert result.format == "zoom"
    assert people == expected
    assert result.meeting_start == start
    assert any("2 meetings" in warning for warning in result.warnings)


def test_teams_attendance_list_pairs_joined_and_left_events() -> None:
    result, people = read("teams_attendance_list_events.csv")
    assert result.format == "teams-events"
    assert people == [
        ("Forum Secretariat", "attendee", 64.0),  # the list has no roles
        ("Hans Becker", "attendee", 50.0),
        ("Jordi Puig", "attendee", 63.2),  # "Joined before", never left: closed at the end
        ("Marie Dupont", "attendee", 55.0),  # 20 + 35
    ]
    assert any("no 'Left' event (1)" in warning for warning in result.warnings)


def test_teams_live_event_report_in_utc() -> None:
    result, people = read("teams_live_event_attendees.csv")
    assert result.format == "teams-events"
    assert people == [
        ("Eva de Vries", "attendee", 45.0),
        ("Forum Secretariat", "host", 66.0),  # Producer
        ("Luca Ferrari", "attendee", 40.0),
    ]
    assert result.first_join == local(2020, 5, 26, 13, 55)  # 11:55 UTC
