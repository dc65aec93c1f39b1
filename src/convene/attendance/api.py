"""Attendance endpoints (staff token): import a report for a session, list its attendees."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import File, Form, Router, Schema, Status
from ninja.files import UploadedFile
from ninja.pagination import paginate

from convene.attendance.models import Attendance
from convene.attendance.selectors import (
    attendance_list,
    import_get_for_api,
    session_figures,
    session_get_for_api,
)
from convene.attendance.services import (
    ImportOptions,
    attendance_import_file,
    attendance_import_undo,
)
from convene.attendance.services.imports import MAX_FILE_BYTES
from convene.core.api_types import BoundedLimitOffset
from convene.core.validators import validate_text_field

router = Router()


class SkippedRowOut(Schema):
    line: int
    message: str


class ImportSummaryOut(Schema):
    import_id: int
    session: str
    file: str
    format: str
    unchanged: bool
    people_created: int
    people_merged: int
    skipped: list[SkippedRowOut]
    people: int
    hosts: int
    audience: int
    unmatched: int


class AttendeeOut(Schema):
    name: str
    email: str
    role: str
    minutes: float
    connections: int
    first_join: dt.datetime | None
    last_leave: dt.datetime | None
    attended: bool
    person_id: int | None
    registration_id: int | None
    match_method: str


@router.post("sessions/{slug}/attendance", response={201: ImportSummaryOut, 200: ImportSummaryOut})
def attendance_import(
    request: HttpRequest,
    slug: str,
    file: File[UploadedFile],
    tz: Form[str] = "",
    skip_bad_rows: Form[bool] = False,
    force: Form[bool] = False,
) -> Status[ImportSummaryOut]:
    """Import one attendance report (multipart ``file``; ``tz`` defaults to the session's).
    200 when the same file was already imported (nothing changed), 201 otherwise. A file whose
    date is not the session's is refused (400) unless ``force`` is true; so is any file for a
    session that has not started."""
    session = session_get_for_api(slug=slug)
    validate_text_field("tz", tz)
    if file.size is not None and file.size > MAX_FILE_BYTES:  # refused before it is read
        raise ValidationError({"file": _("The file is larger than 20 MB.")})
    outcome = attendance_import_file(
        actor=request.user,  # type: ignore[arg-type]
        session=session,
        data=file.read(),
        file_name=file.name or "report",
        options=ImportOptions(timezone=tz.strip(), skip_bad_rows=skip_bad_rows, force=force),
    )
    record = outcome.attendance_import
    figures = session_figures(session=session)
    summary = ImportSummaryOut(
        import_id=record.pk,
        session=session.slug,
        file=record.file_name,
        format=record.format,
        unchanged=outcome.unchanged,
        people_created=outcome.created,
        people_merged=outcome.updated,
        skipped=[SkippedRowOut(**row) for row in outcome.skipped],
        people=figures.people,
        hosts=figures.hosts,
        audience=figures.audience,
        unmatched=figures.unmatched,
    )
    return Status(200 if outcome.unchanged else 201, summary)


@router.get("sessions/{slug}/attendance", response=list[AttendeeOut])
@paginate(BoundedLimitOffset)
def attendance_attendees(request: HttpRequest, slug: str) -> QuerySet[Attendance]:
    return attendance_list(session=session_get_for_api(slug=slug))


@router.delete("attendance/imports/{import_id}", response={204: None})
def attendance_import_delete(request: HttpRequest, import_id: int) -> Status[None]:
    """Undo an import: its rows go and the session's attendance is rebuilt from the imports
    that remain. 404 for an unknown import."""
    attendance_import_undo(
        actor=request.user,  # type: ignore[arg-type]
        attendance_import=import_get_for_api(pk=import_id),
    )
    return Status(204, None)
