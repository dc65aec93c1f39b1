"""Rules of reading real exports: who is the organising side, which tables are refused, the
meeting's date, and the languages, encodings and formats of each tool."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from convene.attendance.cli import main
from convene.attendance.merge import merge_records
from convene.attendance.parsers import AttendanceParseError, ColumnMapping, parse_bytes
from convene.attendance.parsers.durations import parse_duration
from convene.attendance.parsers.timefmt import DateReader

from .conftest import SAMPLES, sample_bytes

BRUSSELS = ZoneInfo("Europe/Brussels")


def people(data: bytes, **options: object) -> dict[str, tuple[str, float]]:
    options.setdefault("tz", BRUSSELS)
    result = parse_bytes(data, **options)  # type: ignore[arg-type]
    assert not result.errors, result.errors
    return {a.name: (a.role, round(a.minutes, 1)) for a in merge_records(result.records).attendees}


ZOOM_ROW = "{name},{email},04/14/2020 02:00:00 PM,04/14/2020 03:00:00 PM,60,{guest}\r\n"


@pytest.mark.parametrize(
    ("guest_header", "no", "yes"),
    [
        ("Guest", "No", "Yes"),
        ("Invitado", "No", "Sí"),
        ("Gast", "Nein", "Ja"),
        ("Invité", "Non", "Oui"),
        ("Guest", "No", "Sì"),  # Italian leaves the header untranslated
        ("Gast", "Nee", "Ja"),
        ("Convidado", "Não", "Sim"),
        ("Gość", "Nie", "Tak"),
        ("ゲスト", "いいえ", "はい"),
    ],
)
def test_zoom_guest_no_is_the_hosts_own_account(guest_header: str, no: str, yes: str) -> None:
    header = (
        f"Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes),{guest_header}"
    )
    text = (
        f"{header}\r\n"
        + ZOOM_ROW.format(name="Staff Member", email="staff@forum.example", guest=no)
        + ZOOM_ROW.format(name="Ana Costa", email="ana@porto.example", guest=yes)
    )
    found = people(text.encode("utf-8"))
    assert found == {"Staff Member": ("host", 60.0), "Ana Costa": ("attendee", 60.0)}


@pytest.mark.parametrize(
    "badge",
    ["(Host)", "(Co-host)", "(Organisateur)", "(Gastgeber)", "(Anfitrión)", "(Organizzatore)",
     "(Anfitrião)", "(ホスト)", "(Moderator)"],
)  # fmt: skip
def test_a_badge_in_the_name_marks_the_organising_side(badge: str) -> None:
    header = "Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes),Guest"
    text = f"{header}\r\n" + ZOOM_ROW.format(name=f"Sam {badge}", email="", guest="Yes")
    assert people(text.encode()) == {"Sam": ("host", 60.0)}


@pytest.mark.parametrize(
    ("role", "expected"),
    [("Host", "host"), ("Cohost", "host"), ("Co-host", "host"), ("Alternate host", "host"),
     ("Attendee", "attendee"), ("Presenter", "attendee"), ("Panelist", "attendee")],
)  # fmt: skip
def test_webex_role_words(role: str, expected: str) -> None:
    text = (
        "Meeting Name,Meeting Start Time,Meeting End Time,Display Name,Role,Attendee Email,"
        "Join Time,Leave Time,Attendance Duration\r\n"
        "Sync,04/14/2020 02:00 PM,04/14/2020 03:00 PM,Sam,"
        f"{role},sam@x.example,04/14/2020 02:00 PM,04/14/2020 02:57 PM,57 mins\r\n"
    )
    result = parse_bytes(text.encode(), tz=BRUSSELS)
    assert result.format == "webex"
    assert result.records[0].role == expected
    assert result.records[0].source_role == role
    assert result.meeting_start == datetime(2020, 4, 14, 14, 0, tzinfo=BRUSSELS)


UNKNOWN = (
    "Attendee,Mail,Came in,Went out,Stayed\r\n"
    "Ana Costa,ana@porto.example,2020-04-14 14:00,2020-04-14 14:50,50\r\n"
    "Bo Berg,bo@gent.example,2020-04-14 14:05,2020-04-14 15:00,55\r\n"
    "Ana Costa,ana@porto.example,2020-04-14 14:52,2020-04-14 15:00,8\r\n"
)


def test_an_unknown_table_is_refused_and_asks_for_a_column_mapping() -> None:
    with pytest.raises(AttendanceParseError, match="column mapping"):
        parse_bytes(UNKNOWN.encode(), tz=BRUSSELS)


def test_an_unknown_table_reads_once_a_mapping_is_given() -> None:
    mapping = ColumnMapping(name="Attendee", email="Mail", join="Came in", leave="Went out")
    found = people(UNKNOWN.encode(), mapping=mapping)
    assert found == {"Ana Costa": ("attendee", 58.0), "Bo Berg": ("attendee", 55.0)}


@pytest.mark.parametrize(
    ("name", "start"),
    [
        ("zoom_meeting_with_meeting_data.csv", datetime(2020, 4, 21, 13, 55, tzinfo=BRUSSELS)),
        ("zoom_webinar_attendee_report.csv", datetime(2020, 4, 28, 13, 57, tzinfo=BRUSSELS)),
        ("teams_attendance.csv", datetime(2020, 5, 5, 13, 58, 3, tzinfo=BRUSSELS)),
        ("teams_attendance_legacy.csv", datetime(2020, 5, 12, 13, 59, 10, tzinfo=BRUSSELS)),
        ("zoom_meeting_participants.csv", None),
    ],
)
def test_meeting_start_comes_from_the_summary_block(name: str, start: datetime | None) -> None:
    result = parse_bytes(sample_bytes(name), tz=BRUSSELS)
    assert result.meeting_start == start
    assert result.first_join is not None


@pytest.mark.parametrize(
    ("text", "minutes"),
    [("1 godz. 5 min", 65), ("1 godz. 5 min 3 sek.", 65.05), ("1h 5m 3s", 65.05),
     ("65 min", 65), ("01:05:00", 65), ("1 hr 5 min", 65), ("1 Std. 5 Min.", 65),
     ("1 h 5 min", 65), ("1時間5分", 65), ("42m", 42), ("30 sec", 0.5), ("65", 65)],
)  # fmt: skip
def test_duration_words(text: str, minutes: float) -> None:
    assert round(parse_duration(text), 2) == minutes


@pytest.mark.parametrize(
    ("text", "order"),
    [("30.04.2020, 14:00:15", "dmy"), ("04/30/2020 02:00:15 PM", "mdy"),
     ("30/04/20, 14:00:15", "dmy"), ("4/30/2020, 02:00:15\u202fPM", "mdy"),
     ("30. 4. 2020 14:00:15", "dmy"), ("2020-04-30 14:00:15", "ymd")],
)  # fmt: skip
def test_date_styles(text: str, order: str) -> None:
    moment = DateReader(order, BRUSSELS).parse(text)  # type: ignore[arg-type]
    assert moment == datetime(2020, 4, 30, 14, 0, 15, tzinfo=BRUSSELS)


def test_japanese_zoom_headers() -> None:
    text = (
        "名前 (元の名前),ユーザーメール,参加時刻,退出時刻,所要時間（分）,ゲスト\r\n"
        "山田 太郎,yamada@tokyo.example,04/14/2020 02:00:00 PM,04/14/2020 02:45:00 PM,45,はい\r\n"
    )
    result = parse_bytes(text.encode("utf-8-sig"), tz=BRUSSELS)
    assert result.format == "zoom"
    assert people(text.encode("utf-8-sig")) == {"山田 太郎": ("attendee", 45.0)}


def test_google_meet_newer_csv_with_full_timestamps() -> None:
    text = (
        "Name,Email,Duration,Time joined,Time exited\r\n"
        "Ada Lovelace,ada@london.example,42m,2020-05-21 14:00:00,2020-05-21 15:00:00\r\n"
    )
    found = people(text.encode())
    assert found == {"Ada Lovelace": ("attendee", 42.0)}


def test_teams_attendance_list_in_german() -> None:
    rows = [
        ("Vollständiger Name", "Benutzeraktion", "Zeitstempel"),
        ("Anna Schmidt", "Beigetreten", "12.5.2020, 13:58:10"),
        ("Jan Nowak", "Beigetreten", "12.5.2020, 14:00:00"),
        ("Jan Nowak", "Verlassen", "12.5.2020, 14:30:00"),
        ("Anna Schmidt", "Verlassen", "12.5.2020, 15:00:10"),
    ]
    data = "\n".join("\t".join(row) for row in rows).encode("utf-16")
    found = people(data)
    assert found == {"Anna Schmidt": ("attendee", 62.0), "Jan Nowak": ("attendee", 30.0)}


def test_bbb_moderator_flag_in_any_case_and_day_first_browser() -> None:
    text = (
        "Name,Moderator,Join,Left,Duration\r\n"
        '"Sam","True","14.5.2020, 13:58:00","14.5.2020, 15:00:00","01:02:00"\r\n'
        '"Ana","false","14.5.2020, 14:00:00","14.5.2020, 15:00:00","00:40:00"\r\n'
    )
    found = people(text.encode(), session_date=date(2020, 5, 14))
    assert found == {"Sam": ("host", 62.0), "Ana": ("attendee", 40.0)}


def test_cli_organiser_domain_marks_the_organising_team(
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = str(SAMPLES / "zoom_participants_guest_es.csv")
    status = main([path, "--tz", "Europe/Brussels", "--organiser-domain", "madrid.example"])
    out, err = capsys.readouterr()
    assert status == 0, err
    roles = dict(line.split("\t")[:2] for line in out.splitlines())
    assert roles == {
        "Secretaría del Foro": "host",
        "Lucía Fernández": "host",  # madrid.example is the organiser's own domain here
        "Tomás Ortega": "attendee",
    }


def test_zoom_waiting_room_rows_are_not_time_in_the_meeting() -> None:
    text = (
        "Name (original name),Email,Join time,Leave time,Duration (minutes),Guest,"
        "Recording disclaimer response,In waiting room\r\n"
        "Ana Costa,ana@porto.example,04/14/2020 01:50:00 PM,04/14/2020 02:00:00 PM,10,Yes,,Yes\r\n"
        "Ana Costa,ana@porto.example,04/14/2020 02:00:00 PM,04/14/2020 02:45:00 PM,45,Yes,OK,No\r\n"
    )
    result = parse_bytes(text.encode(), tz=BRUSSELS)
    assert [row.line for row in result.skipped] == [2]
    assert people(text.encode()) == {"Ana Costa": ("attendee", 45.0)}
