"""Excel workbooks: a sample re-saved as .xlsx parses as the CSV it was made from."""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Callable
from datetime import datetime, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from openpyxl import Workbook

from convene.attendance.models import AttendanceImport, ImportStatus
from convene.attendance.parsers import AttendanceParseError, parse_bytes
from convene.attendance.parsers.text import decode
from convene.attendance.parsers.workbook import to_text
from tests import factories

from .conftest import BRUSSELS, merged, minutes, sample_bytes
from .meeting import held

Typer = Callable[[str], object]


def _zoom_cell(value: str) -> object:
    """What Excel (en-US) makes of a Zoom cell: date-times and whole numbers are typed."""
    try:
        return datetime.strptime(value, "%m/%d/%Y %I:%M:%S %p")  # noqa: DTZ007
    except ValueError:
        pass
    return int(value) if value.isdigit() else value


def _teams_cell(value: str) -> object:
    try:
        return datetime.strptime(value, "%m/%d/%y, %I:%M:%S %p")  # noqa: DTZ007
    except ValueError:
        return value


def _sample_rows(name: str, delimiter: str) -> list[list[str]]:
    text, _ = decode(sample_bytes(name))
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))


def _sections(rows: list[list[str]]) -> list[list[list[str]]]:
    sections: list[list[list[str]]] = [[]]
    for row in rows:
        if any(cell.strip() for cell in row):
            sections[-1].append(row)
        elif sections[-1]:
            sections.append([])
    return [section for section in sections if section]


def _workbook(sheets: list[list[list[str]]], typed: Typer) -> bytes:
    book = Workbook()
    book.remove(book.active)  # type: ignore[arg-type]
    for number, rows in enumerate(sheets, start=1):
        sheet = book.create_sheet(f"Sheet{number}")
        for row in rows:
            sheet.append([typed(cell) if cell else None for cell in row])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _same_parse(csv_data: bytes, xlsx_data: bytes) -> None:
    expected, expected_people = merged(csv_data)
    result, people = merged(xlsx_data)
    assert result.format == expected.format
    assert result.meeting["encoding"] == "xlsx"
    assert minutes(people) == minutes(expected_people)
    assert {n: p.role for n, p in people.items()} == {n: p.role for n, p in expected_people.items()}
    assert {n: p.email for n, p in people.items()} == {
        n: p.email for n, p in expected_people.items()
    }
    assert len(result.records) == len(expected.records)
    assert len(result.errors) == len(expected.errors)


def test_zoom_participants_resaved_in_excel() -> None:
    name = "zoom_meeting_participants.csv"
    xlsx = _workbook([_sample_rows(name, ",")], _zoom_cell)
    assert xlsx.startswith(b"PK\x03\x04")
    _same_parse(sample_bytes(name), xlsx)


def test_zoom_participants_kept_as_text() -> None:
    name = "zoom_meeting_participants.csv"
    _same_parse(sample_bytes(name), _workbook([_sample_rows(name, ",")], str))


def test_teams_report_one_section_per_sheet() -> None:
    name = "teams_attendance.csv"
    sections = _sections(_sample_rows(name, "\t"))
    assert len(sections) == 3
    _same_parse(sample_bytes(name), _workbook(sections, _teams_cell))


def test_teams_report_on_one_sheet() -> None:
    name = "teams_attendance.csv"
    _same_parse(sample_bytes(name), _workbook([_sample_rows(name, "\t")], _teams_cell))


def test_durations_and_times_are_written_as_clock_times() -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Name", "Join", "Leave", "Minutes"])
    joined = datetime(2020, 5, 5, 14, 0)  # noqa: DTZ001 (Excel stores no time zone)
    sheet.append(["A", joined, timedelta(hours=1, minutes=2, seconds=3), 2.0])
    out = io.BytesIO()
    book.save(out)
    assert to_text(out.getvalue()).splitlines()[1] == "A\t2020-05-05 14:00:00\t1:02:03\t2"


def _zip(files: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for path, content in files.items():
            archive.writestr(path, content)
    return out.getvalue()


def _future_zip_version() -> bytes:
    """A ZIP whose directory asks for a newer ZIP version (zipfile: NotImplementedError)."""
    data = bytearray(_workbook([[["x"]]], str))
    entry = data.index(b"PK\x01\x02")
    data[entry + 6 : entry + 8] = (99).to_bytes(2, "little")
    return bytes(data)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"PK\x03\x04" + b"\x00garbage" * 20, "not a readable Excel workbook"),
        (_zip({"word/document.xml": b"<w/>"}), "not a readable Excel workbook"),
        (_zip({"xl/workbook.xml": b"<not-a-workbook"}), "not a readable Excel workbook"),
        (_workbook([[["x"]]], str)[:200], "not a readable Excel workbook"),
        (_future_zip_version(), "not a readable Excel workbook"),
    ],
)
def test_corrupt_workbook_is_refused(data: bytes, message: str) -> None:
    with pytest.raises(AttendanceParseError, match=message):
        parse_bytes(data, tz=BRUSSELS)


def test_empty_workbook_is_refused() -> None:
    book = Workbook()
    book.create_sheet("Second")
    out = io.BytesIO()
    book.save(out)
    with pytest.raises(AttendanceParseError, match="the workbook has no rows"):
        parse_bytes(out.getvalue(), tz=BRUSSELS)


XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.mark.django_db
def test_staff_upload_and_commit_a_workbook(staff_client: Client) -> None:
    """The upload form takes a workbook by content, whatever its name and content type."""
    session = held(factories.session(factories.series(), hours=1.5))
    name = "zoom_meeting_participants.csv"
    xlsx = _workbook([_sample_rows(name, ",")], _zoom_cell)
    upload = SimpleUploadedFile("participants.xlsx", xlsx, content_type=XLSX_TYPE)
    response = staff_client.post(
        "/staff/attendance/upload/",
        {"session": session.pk, "file": upload, "format": "auto", "timezone": "",
         "date_style": "auto", "session_date": ""},
    )  # fmt: skip
    assert response.status_code == 302, response.content.decode()[:2000]
    stored = AttendanceImport.objects.get()
    page = staff_client.get(response["Location"])
    assert page.context["counts"]["people"] == 8
    assert page.context["counts"]["audience"] == 6
    done = staff_client.post(f"/staff/attendance/imports/{stored.pk}/commit/", {})
    assert done.status_code == 302
    stored.refresh_from_db()
    assert stored.status == ImportStatus.COMMITTED
