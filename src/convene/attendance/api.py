"""Attendance endpoints (staff token): import a report for a session, list its attendees."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, File, Form, Router, Schema, Status
from ninja.files import UploadedFile
from ninja.pagination import paginate

from convene.attendance.models import Attendance, AttendanceImport
from convene.attendance.selectors import (
    attendance_list,
    import_committed_with_content,
    import_get_for_api,
    session_figures,
    session_get_for_api,
)
from convene.attendance.services import (
    ImportOptions,
    attendance_import_undo,
    attendance_import_upload,
    file_digest,
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


class ImportStateOut(Schema):
    import_id: int
    session: str
    file: str
    state: str = Field(description="queued, parsing, ready (read) or failed")
    committed: bool
    problem: str
    summary: ImportSummaryOut | None = Field(
        None, description="Once committed: what the import did."
    )


def _summary(record: AttendanceImport, *, unchanged: bool) -> ImportSummaryOut:
    figures = session_figures(session=record.session)
    outcome = record.counts.get("outcome", {})
    return ImportSummaryOut(
        import_id=record.pk,
        session=record.session.slug,
        file=record.file_name,
        format=record.format,
        unchanged=unchanged,
        people_created=0 if unchanged else outcome.get("created", 0),
        people_merged=0 if unchanged else outcome.get("updated", 0),
        skipped=[] if unchanged else [SkippedRowOut(**row) for row in record.skipped],
        people=figures.people,
        hosts=figures.hosts,
        audience=figures.audience,
        unmatched=figures.unmatched,
    )


def _state(record: AttendanceImport) -> ImportStateOut:
    return ImportStateOut(
        import_id=record.pk,
        session=record.session.slug,
        file=record.file_name,
        state=record.parse_state,
        committed=record.is_committed,
        problem=record.problem,
        summary=_summary(record, unchanged=False) if record.is_committed else None,
    )


@router.post(
    "sessions/{slug}/attendance",
    response={201: ImportSummaryOut, 200: ImportSummaryOut, 202: ImportStateOut},
)
def attendance_import(
    request: HttpRequest,
    slug: str,
    file: File[UploadedFile],
    tz: Form[str] = "",
    skip_bad_rows: Form[bool] = False,
    force: Form[bool] = False,
) -> Status[ImportSummaryOut | ImportStateOut]:
    """Import one attendance report (multipart ``file``; ``tz`` defaults to the session's).
    The file is stored and read and committed by a background job: 202 with the import's state
    while it runs (poll ``GET /api/attendance/imports/{import_id}``), 201 with the summary when
    it was done before the answer. 200 when the same file was already imported (nothing
    changed). A file whose date is not the session's is refused (400) unless ``force`` is
    true; so is any file for a session that has not started."""
    session = session_get_for_api(slug=slug)
    validate_text_field("tz", tz)
    if file.size is not None and file.size > MAX_FILE_BYTES:  # refused before it is read
        raise ValidationError({"file": _("The file is larger than 20 MB.")})
    already = import_committed_with_content(session=session, sha256=file_digest(file)[0])
    if already is not None:
        return Status(200, _summary(already, unchanged=True))
    stored = attendance_import_upload(
        actor=request.user,  # type: ignore[arg-type]
        session=session,
        file=file,
        file_name=file.name or "report",
        options=ImportOptions(timezone=tz.strip(), skip_bad_rows=skip_bad_rows, force=force),
        commit=True,
    )
    record = import_get_for_api(pk=stored.pk)
    if record.problem and not record.is_committed:  # done at once (no worker queue): say why
        record.delete()  # a refused file leaves nothing behind
        field = "file" if record.counts.get("failed") == "read" else None
        raise ValidationError({field: record.problem} if field else record.problem)
    if record.is_committed:
        return Status(201, _summary(record, unchanged=False))
    return Status(202, _state(record))


@router.get("attendance/imports/{import_id}", response=ImportStateOut)
def attendance_import_state(request: HttpRequest, import_id: int) -> ImportStateOut:
    """An import's progress: queued, being read, read (a preview, or committed with its
    summary) or failed with the problem."""
    return _state(import_get_for_api(pk=import_id))


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
