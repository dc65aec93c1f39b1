"""Uploads read by a task: the web request only stores the file, so that a 20 MB export never
ties up a web worker for its whole parse.

1. :func:`attendance_import_upload` (the page, and the API) checks what it can without reading
   the file, stores it as a queued preview and queues :func:`attendance_import_read` as a task,
   in one transaction.
2. :func:`attendance_import_read` (the task) parses and matches the file with the same
   :class:`AttendanceImporter` as every other path, and stores the preview's counts, row problems
   and people, so that showing the preview never parses again. With ``commit`` (the API's
   one-step import) it then commits, as :func:`attendance_import_commit` does.

The page polls the import's state (``ParseState``) until it is read, then shows the preview.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from convene.attendance import selectors
from convene.attendance.models import AttendanceImport, ImportStatus, ParseState
from convene.attendance.parsers import AttendanceParseError
from convene.attendance.services.files import (
    drop_file,
    drop_imports,
    file_digest,
    kept_file,
    opener_for,
)
from convene.attendance.services.import_types import ImportOptions, Preview
from convene.attendance.services.imports import (
    MAX_FILE_BYTES,
    PREVIEW_KEPT,
    AttendanceImporter,
    check_started,
)
from convene.core.audit import audit_record
from convene.core.models import User
from convene.core.tasks import enqueue_with_transaction
from convene.programme.models import Session


def attendance_import_upload(
    *,
    actor: User | None,
    session: Session,
    file: File,
    file_name: str,
    options: ImportOptions,
    commit: bool = False,
) -> AttendanceImport:
    """Store an upload and queue the task that reads it (and commits it, with ``commit``).

    The file is streamed to the file storage and hashed in chunks: the web worker never holds
    it whole (a 20 MB upload cost it 179 MB on PostgreSQL when it was one ``bytea`` value)."""
    from convene.attendance.tasks import read_attendance_import_task

    check_started(session)
    sha256, size = file_digest(file)
    if not size:
        raise ValidationError({"file": _("The file is empty.")})
    if size > MAX_FILE_BYTES:
        raise ValidationError({"file": _("The file is larger than 20 MB.")})
    attendance_import = AttendanceImport(
        session=session,
        file_name=file_name[:255],
        content_sha256=sha256,
        timezone=options.timezone or session.timezone,
        options=options.to_json(),
        parse_state=ParseState.QUEUED,
        created_by=actor if actor is not None and actor.pk else None,
    )
    with kept_file(attendance_import, file, file_name), transaction.atomic():
        _drop_stale_previews()
        attendance_import.save(force_insert=True)
        audit_record(
            actor=actor,
            code="attendance.import.uploaded",
            obj=attendance_import,
            details={"session": session.slug, "file": file_name, "sha256": sha256},
        )
        enqueue_with_transaction(
            read_attendance_import_task,
            import_id=attendance_import.pk,
            commit=commit,
            actor_id=actor.pk if actor is not None and actor.pk else None,
        )
    return attendance_import


def _drop_stale_previews() -> None:
    """Previews hold the uploaded file (personal data): ones never committed do not linger."""
    stale = AttendanceImport.objects.filter(
        status=ImportStatus.PREVIEW, created_at__lt=timezone.now() - PREVIEW_KEPT
    ).only("pk", "file")
    drop_imports(list(stale))


def attendance_import_read(
    *, import_id: int, commit: bool = False, actor: User | None = None
) -> AttendanceImport | None:
    """Read a queued upload and store its preview; None when it is gone or already read."""
    claimed = AttendanceImport.objects.filter(
        pk=import_id, parse_state__in=[ParseState.QUEUED, ParseState.PARSING]
    ).update(parse_state=ParseState.PARSING)
    if not claimed:
        return None
    attendance_import = AttendanceImport.objects.select_related("session").get(pk=import_id)
    # The file is read from storage in passes, never held whole.
    importer = AttendanceImporter(
        session=attendance_import.session,
        opener=opener_for(attendance_import) if attendance_import.file else None,
        file_name=attendance_import.file_name,
        options=ImportOptions.from_json(
            {**attendance_import.options, "timezone": attendance_import.timezone}
        ),
    )
    try:
        preview = importer.preview()
    except AttendanceParseError as exc:
        with transaction.atomic():
            drop_file(attendance_import)  # nothing of it can be used: keep no personal data
            return _store(
                attendance_import,
                parse_state=ParseState.FAILED,
                problem=_("This file cannot be read: %(problem)s") % {"problem": str(exc)},
                counts={"failed": "read"},
            )
    _store(
        attendance_import,
        parse_state=ParseState.READY,
        problem="",
        format=preview.result.format,
        counts=preview.counts,
        errors=preview.errors,
        skipped=preview.skipped,
        warnings=list(preview.result.warnings),
        preview_rows=preview_rows(preview),
    )
    if commit:
        # The same importer commits: the file is parsed once (its parse is kept), as the
        # page's commit button would, with the options the upload gave.
        try:
            outcome = importer.commit(actor=actor, attendance_import=attendance_import)
        except ValidationError as exc:
            # The preview stays; the page shows why it was not committed.
            return _store(
                attendance_import,
                problem=" ".join(exc.messages),
                counts={**preview.counts, "failed": "commit"},
            )
        if outcome.attendance_import.pk == attendance_import.pk:  # what the API answers
            counts = {**outcome.attendance_import.counts}
            counts["outcome"] = {"created": outcome.created, "updated": outcome.updated}
            _store(outcome.attendance_import, counts=counts)
        return outcome.attendance_import
    return attendance_import


def attendance_import_start(
    *,
    actor: User | None,
    session: Session,
    data: bytes,
    file_name: str,
    options: ImportOptions,
) -> AttendanceImport:
    """Parse the upload at once and keep it as a preview (scripts and tests; the page and the
    API queue the parse with :func:`attendance_import_upload`). Raises
    ``AttendanceParseError`` for a file that cannot be read at all (nothing is stored then)."""
    check_started(session)
    importer = AttendanceImporter(session=session, data=data, file_name=file_name, options=options)
    preview = importer.preview()
    attendance_import = AttendanceImport(
        session=session,
        file_name=file_name[:255],
        content_sha256=importer.sha256,
        format=preview.result.format,
        timezone=importer.timezone,
        options=options.to_json(),
        counts=preview.counts,
        errors=preview.errors,
        warnings=list(preview.result.warnings),
        created_by=actor if actor is not None and actor.pk else None,
        skipped=preview.skipped,
        preview_rows=preview_rows(preview),
    )
    # Parse first (above), then write briefly.
    with kept_file(attendance_import, ContentFile(data), file_name), transaction.atomic():
        _drop_stale_previews()
        attendance_import.save(force_insert=True)
        audit_record(
            actor=actor,
            code="attendance.import.uploaded",
            obj=attendance_import,
            details={
                "session": session.slug,
                "file": file_name,
                "sha256": importer.sha256,
                "format": preview.result.format,
                "errors": len(preview.result.errors),
            },
        )
    return attendance_import


def attendance_import_commit_queue(
    *, actor: User | None, attendance_import: AttendanceImport, skip_bad_rows: bool, force: bool
) -> AttendanceImport | None:
    """The page's commit button: queue the task that reads the stored file again (so the
    newest registrations are matched) and commits it. None when the same file is already
    committed for the session (nothing to do: the scratch preview goes)."""
    from convene.attendance.tasks import read_attendance_import_task

    if attendance_import.is_committed or attendance_import.is_pending:
        return attendance_import
    already = selectors.import_committed_with_content(
        session=attendance_import.session, sha256=attendance_import.content_sha256
    )
    if already is not None:
        with transaction.atomic():
            drop_imports([attendance_import])
        return None
    options = {**attendance_import.options, "skip_bad_rows": skip_bad_rows, "force": force}
    with transaction.atomic():
        _store(attendance_import, options=options, parse_state=ParseState.QUEUED, problem="")
        enqueue_with_transaction(
            read_attendance_import_task,
            import_id=attendance_import.pk,
            commit=True,
            actor_id=actor.pk if actor is not None and actor.pk else None,
        )
    return attendance_import


def _store(attendance_import: AttendanceImport, **values: Any) -> AttendanceImport:
    for name, value in values.items():
        setattr(attendance_import, name, value)
    AttendanceImport.objects.filter(pk=attendance_import.pk).update(**values)
    return attendance_import


def preview_rows(preview: Preview) -> list[dict[str, Any]]:
    """The preview's people as plain values, for the page (and stored as JSON)."""
    registration_ids = [int(m.registrant.id) for m in preview.matches if m.registrant]
    names = selectors.registration_names(ids=registration_ids)
    return [
        {
            "name": match.attendee.name,
            "email": match.attendee.email or "",
            "host": match.attendee.is_host,
            "minutes": round(match.attendee.minutes, 1),
            "connections": match.attendee.connections,
            "attended": match.attended,
            "registrant": names.get(int(match.registrant.id)) if match.registrant else None,
            "known_person": match.person.name if match.person else None,
            "method": match.method,
        }
        for match in preview.matches
    ]
