"""The report as an XLSX workbook: the figures, then one sheet per table (sessions, organisations,
countries, topics), with titles and headers in the report's language.

Like every view of the report it reads only the document, never the database. Numbers are
stored as numbers and dates as dates, so the sheets can be summed and sorted. Names typed by
registrants may start with ``=``: every text cell is stored as a string, which spreadsheets
never evaluate (as the registrant export does, with the same list of dangerous first
characters), and such a cell also carries Excel's quote prefix, so it stays text when someone
edits it.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterable, Sequence
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from convene.core.countries import country_name
from convene.directory.models import OrganisationKind
from convene.registrations.exports import _FORMULA_STARTS as FORMULA_STARTS
from convene.reports.document import ReportDocument
from convene.reports.headlines import headline_lines
from convene.reports.narrative import narrative

#: Dates and times as Europe writes them (SHORT_DATETIME_FORMAT: 06/12/2026 14:00), typed as
#: dates so the sheets sort and compute; the column headers say the time zone.
DATETIME_FORMAT = "dd/mm/yyyy hh:mm"
SHARE_FORMAT = "0.0%"
#: Column widths are measured from the cells, within these bounds (in characters).
MIN_WIDTH, MAX_WIDTH = 8, 60
BOLD = Font(bold=True)

Value = str | int | float | dt.datetime | None


def _set(sheet: Worksheet, row: int, column: int, value: Value, *, bold: bool = False) -> Any:
    """Write one cell: numbers and dates as such, everything else as text that never runs."""
    cell = sheet.cell(row=row, column=column)
    if isinstance(value, dt.datetime):
        cell.value = value
        cell.number_format = DATETIME_FORMAT
    elif isinstance(value, int | float) and not isinstance(value, bool):
        cell.value = value
    elif value is not None:
        text = str(value)
        cell.value = text
        cell.data_type = "s"
        if text.startswith(FORMULA_STARTS):
            cell.quotePrefix = True
    if bold:
        cell.font = BOLD
    return cell


def _table(
    sheet: Worksheet, headers: Sequence[str], rows: Iterable[Sequence[Value]], *, start: int = 1
) -> None:
    """A header row (bold, frozen) at row ``start``, the rows below it, and widths fitted to
    the text."""
    for column, header in enumerate(headers, start=1):
        _set(sheet, start, column, header, bold=True)
    sheet.freeze_panes = sheet.cell(row=start + 1, column=1)
    for number, row in enumerate(rows, start=start + 1):
        for column, value in enumerate(row, start=1):
            _set(sheet, number, column, value)
    _fit_columns(sheet)


def _fit_columns(sheet: Worksheet) -> None:
    widths: dict[int, int] = {}
    for row in sheet.iter_rows():
        for cell in row:
            if cell.value is None:
                continue
            if isinstance(cell.value, dt.datetime):
                length = len(DATETIME_FORMAT)
            elif isinstance(cell.value, float):
                length = len(f"{cell.value:.2f}")
            else:
                length = len(str(cell.value))
            widths[cell.column] = max(widths.get(cell.column, 0), length)
    for column, width in widths.items():
        letter = get_column_letter(column)
        sheet.column_dimensions[letter].width = min(max(width + 2, MIN_WIDTH), MAX_WIDTH)


def _sheet(workbook: Workbook, title: str) -> Worksheet:
    """A new sheet; Excel allows 31 characters and none of ``[]:*?/\\`` in its name."""
    cleaned = "".join(" " if c in "[]:*?/\\" else c for c in title).strip()[:31]
    return workbook.create_sheet(title=cleaned)


def _utc(value: str) -> dt.datetime:
    """An ISO date-time as naive UTC (spreadsheets have no time zones), to the second."""
    moment = dt.datetime.fromisoformat(value).astimezone(dt.UTC)
    return moment.replace(tzinfo=None, microsecond=0)


def _local(value: str, zone: str) -> dt.datetime:
    """An ISO date-time as the session's own wall-clock time."""
    return dt.datetime.fromisoformat(value).astimezone(ZoneInfo(zone)).replace(tzinfo=None)


def _figures_sheet(workbook: Workbook, document: ReportDocument, language: str, title: str) -> None:
    sheet = _sheet(workbook, _("Figures"))
    _set(sheet, 1, 1, title).font = Font(bold=True, size=14)
    _set(sheet, 2, 1, _("Definitions version"))
    _set(sheet, 2, 2, document.definitions_version)
    _set(sheet, 3, 1, _("Generated at (UTC)"))
    _set(sheet, 3, 2, _utc(document.generated_at))
    paragraph = narrative(document, language)
    _set(sheet, 4, 1, paragraph).alignment = Alignment(wrap_text=True, vertical="top")
    sheet.merge_cells(start_row=4, start_column=1, end_row=4, end_column=3)
    # Merged cells do not grow with their text: about 100 characters fit on a line.
    sheet.row_dimensions[4].height = 15 * (len(paragraph) // 100 + 1)

    lines = headline_lines(document)
    header = 6
    _table(
        sheet,
        [_("Figure"), _("Value"), _("Key")],
        [(line.label, line.value, line.json_path) for line in lines],
        start=header,
    )
    for row, line in enumerate(lines, start=header + 1):
        if line.indent:
            sheet.cell(row=row, column=1).alignment = Alignment(indent=2)
        if line.share:
            sheet.cell(row=row, column=2).number_format = SHARE_FORMAT


def _sessions_sheet(workbook: Workbook, document: ReportDocument) -> None:
    _table(
        _sheet(workbook, _("Sessions")),
        [
            _("Starts at (session's time zone)"),
            _("Time zone"),
            _("Title"),
            _("Slug"),
            _("Registrations"),
            _("Attendees"),
        ],
        [
            (
                _local(session["starts_at"], session["timezone"]),
                session["timezone"],
                session["title"],
                session["slug"],
                session["registrations"],
                session["attendees"],
            )
            for session in document.sessions
        ],
    )


def _organisations_sheet(workbook: Workbook, document: ReportDocument, language: str) -> None:
    kinds = dict(OrganisationKind.choices)
    _table(
        _sheet(workbook, _("Organisations")),
        [_("Organisation"), _("Kind"), _("Country"), _("People"), _("Member")],
        [
            (
                row["name"],
                str(kinds.get(row["kind"], row["kind"])),
                country_name(row["country"], language) if row["country"] else "",
                row["people"],
                _("yes") if row["member"] else _("no"),
            )
            for row in document.organisations
        ],
    )


def _countries_sheet(workbook: Workbook, document: ReportDocument, language: str) -> None:
    _table(
        _sheet(workbook, _("Countries")),
        [_("Country"), _("ISO code"), _("People")],
        [
            (country_name(code, language), code, people)
            for code, people in document.figures["by_country"].items()
        ],
    )


def _topics_sheet(workbook: Workbook, document: ReportDocument, language: str) -> None:
    _table(
        _sheet(workbook, _("Topics")),
        [_("Topic"), _("Registrations")],
        [
            (
                topic["name_fr"] if language == "fr" and topic["name_fr"] else topic["name"],
                topic["registrations"],
            )
            for topic in document.topics
        ],
    )


def report_xlsx(document: ReportDocument, language: str, *, title: str = "") -> bytes:
    """The workbook for ``document``, in ``language`` (``en`` or ``fr``), titled ``title`` (a
    frozen report's own) or the report's title."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    with translation.override(language):
        title = title or document.title()
        _figures_sheet(workbook, document, language, title)
        _sessions_sheet(workbook, document)
        _organisations_sheet(workbook, document, language)
        _countries_sheet(workbook, document, language)
        _topics_sheet(workbook, document, language)
        workbook.properties.title = title
        workbook.properties.subject = document.describe_scope()
        workbook.properties.creator = settings.NETWORK_NAME
        workbook.properties.language = language
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
