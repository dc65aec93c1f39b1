"""Files the tests build themselves: other languages, encodings, line ends and layouts."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from convene.attendance.parsers import AttendanceParseError, ColumnMapping, parse_bytes

from .builders import TEAMS_LANGUAGES, teams_report, zoom_report
from .conftest import merged, minutes


@pytest.mark.parametrize("code", sorted(TEAMS_LANGUAGES))
def test_translated_teams_report_is_read_by_shape(code: str) -> None:
    lang = TEAMS_LANGUAGES[code]
    data = teams_report(lang).encode("utf-16")
    result, people = merged(data)
    assert result.format == "teams", code
    assert not result.errors, result.errors
    found = minutes(people)
    assert found["Marie Dupont"] == 52.2
    assert found["Jürgen Müller"] == 58.5  # overlapping reconnection: union, not 63.5
    assert people["Secrétariat du Forum"].role == "host"
    assert people["Jürgen Müller"].role == "attendee"  # presenter, not organiser
    assert people["Marie Dupont"].connections == 2
    assert people["Marie Dupont"].first_join == datetime(2020, 5, 19, 12, 0, 12, tzinfo=UTC)


def test_teams_guest_upn_is_kept_as_alternate_email_from_participants_table() -> None:
    from convene.attendance.parsers.teams import infer_columns
    from convene.attendance.parsers.text import read_rows

    text = teams_report(TEAMS_LANGUAGES["fr"])
    rows = read_rows(text, "\t")
    header = next(row for row in rows if row.cells and row.cells[0] == "Nom")
    data = rows[header.line : header.line + 3]
    columns = infer_columns(header.cells, data)
    assert columns is not None
    assert (columns.name, columns.join, columns.leave) == (0, 1, 2)
    assert (columns.duration, columns.email, columns.upn, columns.role) == (3, 4, 5, 6)


def test_legacy_teams_guest_without_email_gets_it_from_the_upn() -> None:
    """Older layout, Italian, narrow no-break space before the p.m. marker (recent CLDR)."""
    nnbsp = "\u202f"
    text = (
        "Riepilogo riunione\n"
        "Numero totale di partecipanti\t2\n"
        "Titolo riunione\tWebconf\n"
        "\n"
        "Nome completo\tOra di ingresso\tOra di uscita\tDurata\tPosta elettronica\tRuolo"
        "\tID partecipante (UPN)\n"
        f"Staff\t19/05/2020, 1:59:10{nnbsp}PM\t19/05/2020, 3:02:05{nnbsp}PM\t1h 2m 55s"
        "\tstaff@forum.example\tOrganizzatore\tstaff@forum.example\n"
        f"Luca Ferrari (Ospite)\t19/05/2020, 2:00:31{nnbsp}PM\t19/05/2020, 2:58:40{nnbsp}PM"
        "\t58m 9s\t\tPartecipante\tl.ferrari_comune.example#EXT#@forum.example\n"
        f"Eva de Vries\t19/05/2020, 2:03:00{nnbsp}PM\t19/05/2020, 3:01:00{nnbsp}PM\t58m"
        "\te.devries@amsterdam.example\tPartecipante\te.devries@amsterdam.example\n"
    )
    result, people = merged(text.encode("utf-16"))
    assert result.format == "teams-legacy"
    assert not result.errors
    luca = people["Luca Ferrari"]
    assert luca.email == "l.ferrari@comune.example"
    assert round(luca.minutes, 2) == 58.15
    assert people["Staff"].role == "host"
    assert luca.first_join == datetime(2020, 5, 19, 12, 0, 31, tzinfo=UTC)


def test_newer_zoom_headers_with_waiting_room_column() -> None:
    text = (
        "Name (original name),Email,Join time,Leave time,Duration (minutes),Guest,"
        "In waiting room\n"
        "Ana Costa,ana@porto.example,2020-04-14 14:00:00,2020-04-14 14:30:00,30,Yes,No\n"
        "Ana Costa (Ana),ana@porto.example,2020-04-14 14:45:00,2020-04-14 15:00:00,15,Yes,No\n"
    )
    result, people = merged(text.encode())
    assert result.format == "zoom"
    assert minutes(people) == {"Ana Costa": 45.0}


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-8", "utf-8-sig"])
def test_teams_in_any_encoding_and_line_end(encoding: str, newline: str) -> None:
    data = teams_report(TEAMS_LANGUAGES["de"], newline=newline).encode(encoding)
    result, people = merged(data)
    assert not result.errors
    assert minutes(people)["Marie Dupont"] == 52.2
    assert result.meeting["encoding"] in {encoding, "utf-16", "utf-8-sig"}


def test_utf16_without_bom_webex_report() -> None:
    text = (
        "Participant Name\tEmail\tJoin Time\tLeave Time\tDuration\tRole\n"
        "Forum Secretariat\twebconf@forum.example\t05/19/2020 01:55 PM\t05/19/2020 03:05 PM"
        "\t70\tHost\n"
        "Zoë Vermeulen\tzoe@gent.example\t05/19/2020 02:00 PM\t05/19/2020 02:20 PM\t20\tAttendee\n"
        "Zoë Vermeulen\tzoe@gent.example\t05/19/2020 02:10 PM\t05/19/2020 02:45 PM\t35\tAttendee\n"
    )
    data = text.encode("utf-16-le")
    assert not data.startswith(b"\xff\xfe")
    result, people = merged(data)
    assert result.format == "webex"
    assert result.meeting["encoding"] == "utf-16-le"
    assert minutes(people) == {"Forum Secretariat": 70.0, "Zoë Vermeulen": 45.0}
    assert people["Forum Secretariat"].role == "host"


def test_windows_1252_semicolon_csv_from_excel() -> None:
    """Excel (French Windows) re-saves a Zoom export: semicolons, CP1252, day-first."""
    text = (
        "Name (Original Name);User Email;Join Time;Leave Time;Duration (Minutes);Guest\r\n"
        "José Núñez;jose@ayto.example;14/04/2020 14:00;14/04/2020 14:40;40;Yes\r\n"
        "Renée Lefèvre (Renée L.);renee@lyon.example;14/04/2020 14:05;14/04/2020 15:00;55;Yes\r\n"
    )
    data = text.encode("cp1252")
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    result, people = merged(data)
    assert result.meeting["encoding"] == "cp1252"
    assert result.format == "zoom"
    assert minutes(people) == {"José Núñez": 40.0, "Renée Lefèvre": 55.0}
    assert people["José Núñez"].first_join == datetime(2020, 4, 14, 12, 0, tzinfo=UTC)


def test_generic_mapping_with_french_headers_in_cp1252() -> None:
    text = (
        "Participant;Courriel;Arrivée;Départ;Fonction\r\n"
        "Hélène Faure;helene@nantes.example;2020-05-19 14:00:00;2020-05-19 14:45:00;participant\r\n"
        "Hélène Faure;helene@nantes.example;2020-05-19 14:30:00;2020-05-19 15:00:00;participant\r\n"
        "Équipe;equipe@forum.example;2020-05-19 13:50:00;2020-05-19 15:05:00;animateur\r\n"
    )
    mapping = ColumnMapping(
        name="Participant", email="Courriel", join="Arrivée", leave="Départ",
        role="Fonction", host_values=("animateur",),
    )  # fmt: skip
    assert ColumnMapping.from_dict(mapping.to_dict()) == mapping
    result, people = merged(text.encode("cp1252"), mapping=mapping)
    assert result.format == "generic"
    assert minutes(people) == {"Hélène Faure": 60.0, "Équipe": 75.0}
    assert people["Équipe"].role == "host"


def test_generic_mapping_missing_header_is_our_error() -> None:
    mapping = ColumnMapping(name="Nom", join="Début", leave="Fin")
    with pytest.raises(AttendanceParseError, match="Début"):
        parse_bytes(b"Name,Join,Leave\nA,x,y\n", mapping=mapping, tz="UTC")


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_zoom_line_ends_do_not_change_the_result(newline: str) -> None:
    rows = [
        ("Ana Costa", "ana@porto.example", "04/14/2020 02:00:00 PM", "04/14/2020 02:30:00 PM"),
        ("Ana Costa", "ana@porto.example", "04/14/2020 02:20:00 PM", "04/14/2020 03:00:00 PM"),
    ]
    result, people = merged(zoom_report(rows, newline=newline).encode())
    assert minutes(people) == {"Ana Costa": 60.0}
    assert [record.lines for record in result.records] == [(2,), (3,)]


def test_zoom_unique_users_variant_has_only_totals() -> None:
    text = (
        "Name (Original Name),User Email,Total Duration (Minutes),Guest\n"
        "Forum Secretariat (Host),webconf@forum.example,77,No\n"
        "Marie Dupont,marie@bordeaux.example,59,Yes\n"
    )
    result, people = merged(text.encode())
    assert result.format == "zoom-unique-users"
    assert minutes(people) == {"Forum Secretariat": 77.0, "Marie Dupont": 59.0}
    assert people["Marie Dupont"].first_join is None
    assert people["Forum Secretariat"].role == "host"


def test_ambiguous_day_month_names_the_option() -> None:
    rows = [("Ana", "ana@x.example", "05/06/2020 14:00", "05/06/2020 15:00")]
    data = zoom_report(rows).encode()
    with pytest.raises(AttendanceParseError, match="--date-style"):
        parse_bytes(data, tz="Europe/Brussels")
    by_option = parse_bytes(data, tz="Europe/Brussels", date_style="day-first")
    first = by_option.records[0].join
    assert first is not None and first.date() == date(2020, 6, 5)
    by_session = parse_bytes(data, tz="Europe/Brussels", session_date=date(2020, 5, 6))
    first = by_session.records[0].join
    assert first is not None and first.date() == date(2020, 5, 6)


def test_one_late_row_settles_the_style_for_the_whole_column() -> None:
    rows = [
        ("Ana", "ana@x.example", "05/06/2020 14:00", "05/06/2020 15:00"),
        ("Bo", "bo@x.example", "05/06/2020 23:30", "05/07/2020 00:30"),
        ("Cy", "cy@x.example", "05/06/2020 14:00", "05/13/2020 14:01"),
    ]
    result = parse_bytes(zoom_report(rows).encode(), tz="UTC")
    first = result.records[0].join
    assert first is not None and first.date() == date(2020, 5, 6)  # month-first, from row 4


def test_other_locale_zoom_24h_with_seconds_and_month_names() -> None:
    text = (
        "Attendee Report,,,\n"
        "Host Details,,,\n"
        "Attended,User Name (Original Name),Email,Join Time,Leave Time,Time in Session\n"
        "Yes,Staff,staff@forum.example,28 avr. 2020 13:57:10,28 avr. 2020 15:03:00,66\n"
        "Attendee Details,,,\n"
        "Attended,User Name (Original Name),Email,Join Time,Leave Time,Time in Session\n"
        "Ja,Lena Vogel,lena@essen.example,28 Apr 2020 14:00:00,28 Apr 2020 14:30:30,31\n"
        "Nein,Kai Roth,kai@essen.example,--,--,--\n"
    )
    result, people = merged(text.encode())
    assert result.format == "zoom-webinar"
    assert minutes(people) == {"Staff": 65.8, "Lena Vogel": 30.5}
    assert [row.line for row in result.skipped] == [8]


def test_row_errors_are_collected_with_line_numbers() -> None:
    rows = [
        ("Ana", "ana@x.example", "04/14/2020 02:00 PM", "04/14/2020 03:00 PM"),
        ("Bo", "bo@x.example", "tomorrow", "04/14/2020 03:00 PM"),
        ("Cy", "cy@x.example", "04/14/2020 03:00 PM", "04/14/2020 02:00 PM"),
        ("Di", "di@x.example", "04/14/2020 02:00 PM", "04/14/2020 02:30 PM"),
    ]
    result = parse_bytes(zoom_report(rows).encode(), tz="UTC")
    assert [record.name for record in result.records] == ["Ana", "Di"]
    assert [error.line for error in result.errors] == [3, 4]
    assert "join time" in result.errors[0].message
    assert "before" in result.errors[1].message


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty"),
        (b"   \n\n", "empty"),
        (b"\x00\x01\x02\x03\xff\xfe\x00\x00binary", "binary"),
        (b"just,some,words\nand,more,words\n", "unrecognised"),
        (b'{"all_occupants": [', "JSON"),
    ],
)
def test_bad_files_raise_our_error(data: bytes, message: str) -> None:
    with pytest.raises(AttendanceParseError, match=message):
        parse_bytes(data, tz="UTC")


@pytest.mark.parametrize("name", ["Mars/Olympus", "Europe", "x" * 300, "../etc", "Europe/"])
def test_unknown_zone_is_our_error(name: str) -> None:
    with pytest.raises(AttendanceParseError, match="time zone"):
        parse_bytes(b"x", tz=name)


@pytest.mark.parametrize(("delimiter", "encoding"), [(",", "utf-8-sig"), (";", "cp1252")])
def test_teams_report_resaved_by_excel(delimiter: str, encoding: str) -> None:
    """Excel turns the tab-separated UTF-16 file into a comma or semicolon CSV; dates such as
    "19.05.20, 13:58:03" then hold the other delimiter, which must not win the sniffing."""
    import csv
    import io

    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    for line in teams_report(TEAMS_LANGUAGES["de"]).splitlines():
        writer.writerow(line.split("\t") if line else [])
    result, people = merged(buffer.getvalue().encode(encoding))
    assert result.format == "teams"
    assert not result.errors
    assert minutes(people)["Marie Dupont"] == 52.2


@pytest.mark.parametrize(
    ("header", "host"),
    [
        ("Nom (nom original);E-mail de l'utilisateur;Heure d'arrivée;Heure de départ;"
         "Durée (minutes);Invité", "Secrétariat (Hôte)"),
        ("Name (ursprünglicher Name);E-Mail des Benutzers;Beitrittszeit;Austrittszeit;"
         "Dauer (Minuten);Gast", "Sekretariat (Host)"),
        ("Nome (nome originale);E-mail utente;Ora di ingresso;Ora di uscita;Durata (minuti);"
         "Ospite", "Segreteria (Organizzatore)"),
    ],
)  # fmt: skip
def test_translated_zoom_export_is_read_as_zoom(header: str, host: str) -> None:
    text = (
        f"{header}\r\n"
        f"{host};staff@forum.example;14/04/2020 13:52:10;14/04/2020 15:08:44;77;Non\r\n"
        "Anna Rossi;anna@torino.example;14/04/2020 14:04:00;14/04/2020 14:30:00;26;Oui\r\n"
        "iPhone (Anna Rossi);;14/04/2020 14:28:00;14/04/2020 15:01:00;33;Oui\r\n"
    )
    result, people = merged(text.encode("utf-8-sig"))
    assert result.format == "zoom"
    assert not result.errors
    assert set(people) == {host.split(" (")[0], "Anna Rossi"}
    assert round(people["Anna Rossi"].minutes, 1) == 57.0
    assert people[host.split(" (")[0]].role == "host"
    assert result.meeting["date_style"] == "day-first"
