"""CSV and XLSX exports of a staff registrant list: the page's columns plus the session slug.
The XLSX, which adds an attendance tab, is built in ``convene.attendance.exports``.

Text typed by registrants on a public form could start with ``=`` and run as a formula when a
spreadsheet opens the file. The CSV escapes such cells with a leading apostrophe (OWASP's advice);
the XLSX stores every text cell as a string, which spreadsheets never evaluate.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable
from typing import Any

from django.utils.translation import gettext as _
from openpyxl.cell import WriteOnlyCell

from convene.registrations.models import Registration

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def export_headers() -> list[str]:
    return [
        _("Session"),
        _("Name"),
        _("Email"),
        _("Organisation"),
        _("Kind"),
        _("Country"),
        _("Status"),
        _("Registered at (UTC)"),
    ]


def organisation_label(registration: Registration) -> str:
    """The resolved organisation's name, else the text as typed."""
    person = registration.person
    return person.organisation.name if person.organisation else person.organisation_text


def organisation_kind_label(registration: Registration) -> str:
    organisation = registration.person.organisation
    return str(organisation.get_kind_display()) if organisation else ""


def export_row(registration: Registration) -> list[str | dt.datetime]:
    person = registration.person
    return [
        registration.session.slug,
        person.name,
        person.email,
        organisation_label(registration),
        organisation_kind_label(registration),
        person.country,
        str(registration.get_status_display()),
        registration.created_at.astimezone(dt.UTC).replace(microsecond=0),
    ]


def _csv_safe(value: str) -> str:
    return "'" + value if value.startswith(_FORMULA_STARTS) else value


def registrations_csv(registrations: Iterable[Registration]) -> bytes:
    """UTF-8 with a byte-order mark, so Excel reads accented names correctly."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(export_headers())
    for registration in registrations:
        writer.writerow(
            [
                value.strftime("%Y-%m-%d %H:%M:%S")
                if isinstance(value, dt.datetime)
                else _csv_safe(value)
                for value in export_row(registration)
            ]
        )
    return buffer.getvalue().encode("utf-8-sig")


def xlsx_append(sheet: Any, values: Iterable[object]) -> None:
    cells = []
    for value in values:
        if isinstance(value, dt.datetime):
            cell = WriteOnlyCell(sheet, value=value.astimezone(dt.UTC).replace(tzinfo=None))
            cell.number_format = "yyyy-mm-dd hh:mm:ss"
        elif isinstance(value, int | float) and not isinstance(value, bool):
            cell = WriteOnlyCell(sheet, value=value)
        else:
            cell = WriteOnlyCell(sheet, value="" if value is None else str(value))
            cell.data_type = "s"  # never a formula, whatever the text starts with
        cells.append(cell)
    sheet.append(cells)


def sheet_title(title: str) -> str:
    """Excel sheet names: at most 31 characters, none of ``[]:*?/\\``."""
    cleaned = "".join(" " if c in "[]:*?/\\" else c for c in title).strip()
    return cleaned[:31] or "Registrations"
