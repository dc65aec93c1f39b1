"""Excel workbooks (.xlsx) as the tab-separated text the other parsers read.

Teams offers its attendance report as a workbook, and staff open Zoom or Webex CSVs in Excel
and save them as one. Each sheet is written out in the workbook's order, cells joined with
tabs and rows with newlines, a blank line between sheets, so Teams' Summary, Participants
and In-meeting activities sheets become the blank-line-separated sections of its CSV.
Values Excel typed are written back in a form the parsers read: date-times as
``YYYY-MM-DD HH:MM:SS``, integral numbers without ``.0``, durations as ``H:MM:SS``.
"""

from __future__ import annotations

import csv
import io
import warnings
import zipfile
from datetime import date, datetime, time, timedelta

import openpyxl

from .records import AttendanceParseError
from .text import MAX_BYTES

ZIP_MAGIC = b"PK\x03\x04"
_MAX_UNPACKED = 4 * MAX_BYTES
_NOT_A_WORKBOOK = "the file is a ZIP archive but not a readable Excel workbook (.xlsx)"


def is_zip(data: bytes) -> bool:
    """A ZIP archive, which an .xlsx workbook is; other ZIPs are refused by :func:`to_text`."""
    return data.startswith(ZIP_MAGIC)


def _check_archive(data: bytes) -> None:
    """Refuse a corrupt ZIP, a ZIP without an ``xl/`` part, and a ZIP bomb, before openpyxl."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except Exception as exc:  # zipfile raises many kinds on a damaged archive
        raise AttendanceParseError(_NOT_A_WORKBOOK) from exc
    if not any(member.filename.startswith("xl/") for member in members):
        raise AttendanceParseError(_NOT_A_WORKBOOK)
    if sum(member.file_size for member in members) > _MAX_UNPACKED:
        raise AttendanceParseError("the workbook unpacks to more than Convene reads")


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime):
        if value.microsecond >= 500_000:
            value += timedelta(seconds=1)
        return value.replace(microsecond=0, tzinfo=None).isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, time):
        return f"{value.hour}:{value.minute:02d}:{value.second:02d}"
    if isinstance(value, timedelta):
        seconds = round(value.total_seconds())
        return f"{seconds // 3600}:{seconds % 3600 // 60:02d}:{seconds % 60:02d}"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _sheets(data: bytes) -> list[list[list[str]]]:
    workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    try:
        sheets = []
        for sheet in workbook.worksheets:
            rows = [[_cell(value) for value in row] for row in sheet.iter_rows(values_only=True)]
            while rows and not any(rows[-1]):
                rows.pop()
            if rows:
                sheets.append(rows)
        return sheets
    finally:
        workbook.close()


def to_text(data: bytes) -> str:
    """The workbook's sheets as tab-separated text. Raises only :class:`AttendanceParseError`."""
    if len(data) > MAX_BYTES:
        raise AttendanceParseError(f"the file is larger than {MAX_BYTES // (1024 * 1024)} MB")
    _check_archive(data)
    try:
        with warnings.catch_warnings():  # the styles and extensions openpyxl skips
            warnings.simplefilter("ignore")
            sheets = _sheets(data)
    except Exception as exc:  # openpyxl raises many kinds on a damaged workbook
        raise AttendanceParseError(_NOT_A_WORKBOOK) from exc
    if not sheets:
        raise AttendanceParseError("the workbook has no rows")
    out = io.StringIO()
    writer = csv.writer(out, delimiter="\t", lineterminator="\n")
    for index, rows in enumerate(sheets):
        if index:
            out.write("\n")
        writer.writerows(rows)
    return out.getvalue()
