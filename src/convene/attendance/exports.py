"""The staff registrant list's XLSX: registrations' sheet, plus an attendance tab (who the
imported reports say was there). It reads both apps, so it sits here, above registrations;
``convene.attendance.views`` serves it at the registrant lists' ``?format=xlsx``."""

from __future__ import annotations

import io
from collections.abc import Iterable

from django.utils.translation import gettext as _
from openpyxl import Workbook

from convene.attendance.models import Attendance
from convene.registrations.exports import export_headers, export_row, sheet_title, xlsx_append
from convene.registrations.models import Registration


def attendance_headers() -> list[str]:
    return [
        _("Session"),
        _("Name in the report"),
        _("Email in the report"),
        _("Role"),
        _("Minutes"),
        _("Connections"),
        _("Attended"),
        _("Matched registrant"),
        _("First join (UTC)"),
        _("Last leave (UTC)"),
    ]


def registrations_xlsx(
    registrations: Iterable[Registration],
    *,
    title: str,
    attendance: Iterable[Attendance],
) -> bytes:
    """The registrants, and an attendance tab: who the imported reports say was there."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=sheet_title(title))
    xlsx_append(sheet, export_headers())
    for registration in registrations:
        xlsx_append(sheet, export_row(registration))
    tab = workbook.create_sheet(title=sheet_title(str(_("Attendance"))))
    xlsx_append(tab, attendance_headers())
    for row in attendance:
        xlsx_append(
            tab,
            [
                row.session.slug,
                row.name,
                row.email,
                row.get_role_display(),
                round(row.minutes, 1),
                row.connections,
                _("yes") if row.attended else _("no"),
                row.person.name if row.registration_id and row.person else "",
                row.first_join,
                row.last_leave,
            ],
        )
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
