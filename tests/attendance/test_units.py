"""Durations, date styles, zones and display names, one rule at a time."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from convene.attendance.parsers import AttendanceParseError
from convene.attendance.parsers.durations import parse_duration
from convene.attendance.parsers.names import name_key, split_display_name, upn_email
from convene.attendance.parsers.text import decode, sniff_delimiter
from convene.attendance.parsers.timefmt import DateReader, detect_order, parse_clock

BRUSSELS = ZoneInfo("Europe/Brussels")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1h 6m 37s", 66 + 37 / 60),
        ("52m 10s", 52 + 10 / 60),
        ("15m", 15),
        ("1 hr 2 min", 62),
        ("45 min", 45),
        ("30 sec", 0.5),
        ("01:04:22", 64 + 22 / 60),
        ("77", 77),
        ("12,5", 12.5),
        ("1 Std. 6 Min. 37 Sek.", 66 + 37 / 60),
        ("1 h 6 min 37 s", 66 + 37 / 60),
        ("1 u 6 m 37 s", 66 + 37 / 60),
        ("2 heures 5 minutes", 125),
        ("1 ora 10 minuti", 70),
        ("1 hora 2 minutos 30 segundos", 62.5),
    ],
)
def test_durations(text: str, expected: float) -> None:
    assert parse_duration(text) == pytest.approx(expected)


@pytest.mark.parametrize(
    "text", ["", "about an hour", "1 parsec", "5 min later", "h 5", "9" * 400, "5000 h"]
)
def test_bad_durations(text: str) -> None:
    with pytest.raises(ValueError):
        parse_duration(text)


@pytest.mark.parametrize(
    ("text", "order", "expected"),
    [
        ("04/14/2020 01:59:31 PM", "mdy", datetime(2020, 4, 14, 13, 59, 31, tzinfo=BRUSSELS)),
        ("21/04/2020 13:55", "dmy", datetime(2020, 4, 21, 13, 55, tzinfo=BRUSSELS)),
        ("5/5/20, 1:58:03 PM", "mdy", datetime(2020, 5, 5, 13, 58, 3, tzinfo=BRUSSELS)),
        ("19.05.20, 13:58:03", "dmy", datetime(2020, 5, 19, 13, 58, 3, tzinfo=BRUSSELS)),
        ("2020-05-19 11:58:40", None, datetime(2020, 5, 19, 11, 58, 40, tzinfo=BRUSSELS)),
        ("Apr 28, 2020 1:58 PM", None, datetime(2020, 4, 28, 13, 58, tzinfo=BRUSSELS)),
        ("28 avr. 2020 13:58", None, datetime(2020, 4, 28, 13, 58, tzinfo=BRUSSELS)),
        ("12/05/2020 12:00 AM", "mdy", datetime(2020, 12, 5, 0, 0, tzinfo=BRUSSELS)),
        ("12/05/2020 12:30 p.m.", "dmy", datetime(2020, 5, 12, 12, 30, tzinfo=BRUSSELS)),
    ],
)
def test_date_reader_reads_naive_times_in_the_zone(
    text: str, order: str | None, expected: datetime
) -> None:
    reader = DateReader(order, BRUSSELS)  # type: ignore[arg-type]
    assert reader.parse(text) == expected
    assert reader.parse(text).utcoffset() == expected.utcoffset()


def test_explicit_offsets_are_kept_and_shown_in_the_zone() -> None:
    reader = DateReader("ymd", BRUSSELS)
    value = reader.parse("2020-05-19T11:58:40Z")
    assert value == datetime(2020, 5, 19, 11, 58, 40, tzinfo=UTC)
    assert value.utcoffset() == timedelta(hours=2)


@pytest.mark.parametrize("text", ["9999-12-31T23:59:00-05:00", "0001-01-01T00:00:00+05:00"])
def test_dates_at_the_edge_of_time_are_row_errors(text: str) -> None:
    with pytest.raises(ValueError, match="out of range"):
        DateReader("ymd", BRUSSELS).parse(text)


def test_dst_changes_use_the_right_offset() -> None:
    reader = DateReader("dmy", BRUSSELS)
    winter, summer = reader.parse("01/03/2020 14:00"), reader.parse("01/04/2020 14:00")
    assert winter.utcoffset() == timedelta(hours=1)
    assert summer.utcoffset() == timedelta(hours=2)


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        (["04/14/2020 01:59 PM", "04/01/2020 02:00 PM"], "mdy"),
        (["01/04/2020 13:00", "21/04/2020 14:00"], "dmy"),
        (["5/5/20, 1:58:03 PM"], "dmy"),  # reads the same either way
        (["2020-05-05 10:00"], "ymd"),
        (["5/12/2020, 1:59:10 PM"], "mdy"),  # upper-case PM: a month-first locale
        ([], None),
    ],
)
def test_order_decided_from_the_whole_column(values: list[str], expected: str | None) -> None:
    assert detect_order(values) == expected


def test_ambiguous_order_raises_naming_the_option() -> None:
    with pytest.raises(AttendanceParseError, match="--date-style"):
        detect_order(["05/06/2020 14:00", "06/05/2020 15:00"])


def test_session_date_breaks_the_tie() -> None:
    values = ["05/06/2020 14:00"]
    assert detect_order(values, session_date=date(2020, 6, 5)) == "dmy"
    assert detect_order(values, session_date=date(2020, 5, 6)) == "mdy"


def test_mixed_styles_are_refused() -> None:
    with pytest.raises(AttendanceParseError, match="mix"):
        detect_order(["13/01/2020 10:00", "01/13/2020 10:00"])


def test_clock_times_take_the_session_date() -> None:
    assert parse_clock("1:58 PM", on=date(2020, 5, 26), tz=BRUSSELS) == datetime(
        2020, 5, 26, 13, 58, tzinfo=BRUSSELS
    )


@pytest.mark.parametrize(
    ("raw", "name", "original", "host"),
    [
        ("Jordi Puig (Jordi Puig i Serra)", "Jordi Puig", "Jordi Puig i Serra", False),
        ("iPhone (Marie Dupont)", "Marie Dupont", None, False),
        ("Galaxy S9 (Hans Becker)", "Hans Becker", None, False),
        ("Forum Secretariat (Host)", "Forum Secretariat", None, True),
        ("Anna (Co-host) (Anna Rossi)", "Anna", "Anna Rossi", True),
        ("priya (she/her)", "priya", None, False),
        ("DUPONT Marie (EXT)", "Marie Dupont", None, False),
        ("Plain Name", "Plain Name", None, False),
    ],
)
def test_display_names(raw: str, name: str, original: str | None, host: bool) -> None:
    display = split_display_name(raw)
    assert (display.name, display.original_name, display.host_marker) == (name, original, host)


def test_name_key_ignores_order_case_and_accents() -> None:
    assert name_key("Hans Becker") == name_key("hans BECKER")
    assert name_key("José Núñez") == name_key("Nunez Jose")
    assert name_key("Marie Dupont") != name_key("Marie Dupond")


def test_upn_of_external_guest_gives_their_email() -> None:
    upn = "marie.dupont_mairie-bordeaux.example#EXT#@forum.example"
    assert upn_email(upn) == "marie.dupont@mairie-bordeaux.example"
    assert upn_email("h.becker@essen.example") == "h.becker@essen.example"
    assert upn_email("no-at-sign") is None


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        ("é".encode() + b"\n", "utf-8"),
        (b"\xef\xbb\xbfname\n", "utf-8-sig"),
        ("name\n".encode("utf-16"), "utf-16"),
        ("name,é\n".encode("utf-16-le"), "utf-16-le"),
        ("name,é\n".encode("utf-16-be"), "utf-16-be"),
        ("Renée;€\n".encode("cp1252"), "cp1252"),
    ],
)
def test_encoding_detection(data: bytes, encoding: str) -> None:
    assert decode(data)[1] == encoding


@pytest.mark.parametrize(
    ("text", "delimiter"),
    [
        ("a,b,c\n1,2,3\n", ","),
        ("a;b;c\n1,5;2;3\n", ";"),
        ('Name\tJoin\n"Hans Becker"\t5/5/20, 1:58 PM\n', "\t"),
        ('a,b\n"x; y",2\n', ","),
    ],
)
def test_delimiter_detection(text: str, delimiter: str) -> None:
    assert sniff_delimiter(text) == delimiter


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("Becker, Hans", "Hans Becker"),
        ("Van den Berg, Pieter", "Pieter Van den Berg"),
        ("DUPONT Marie", "Marie Dupont"),
        ("EL IDRISSI Karim", "Karim El Idrissi"),
        ("IT Support", "IT Support"),
        ("Dr. Elena Weber", "Dr. Elena Weber"),
        ("+32 4** *** *12", "+32 4** *** *12"),
        (
            "Ville de Liège, Service Prévention Urbaine",
            "Ville de Liège, Service Prévention Urbaine",
        ),
    ],
)
def test_names_are_shown_given_name_first(raw: str, shown: str) -> None:
    from convene.attendance.parsers.names import natural_order

    assert natural_order(raw) == shown
