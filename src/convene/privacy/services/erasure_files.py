"""Stored files that name an erased person: mails in the outbox, raw attendance reports kept
for a preview, and registration files staff imported. Mails are removed; files are rewritten
without the person's rows, and read again to check they still parse."""

from __future__ import annotations

import csv
import io
import logging
from collections.abc import Sequence
from functools import partial

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from convene.attendance.models import AttendanceImport, ParseState
from convene.attendance.parsers import AttendanceParseError
from convene.attendance.parsers.text import decode
from convene.attendance.parsers.workbook import is_zip, to_text
from convene.attendance.services.import_types import ImportOptions, content_hash
from convene.attendance.services.imports import AttendanceImporter
from convene.attendance.services.upload import preview_rows
from convene.core.mail import OutboxMessage, outbox_dir
from convene.core.tables import TableError, read_table
from convene.privacy.services.scrub import Needles
from convene.registrations.models import RegistrationImport

logger = logging.getLogger(__name__)


def _mentions(people: Sequence[Needles], text: str) -> bool:
    return any(needles.found_in(text) for needles in people)


def outbox_forget(people: Sequence[Needles]) -> int:
    """Remove every mail in the outbox addressed to or mentioning one of ``people``; the
    number removed. The headers and the decoded text and HTML parts are searched."""
    removed = 0
    for path in sorted(outbox_dir().glob("*.eml")):
        raw = path.read_bytes()
        try:
            message = OutboxMessage.parse(path.name, raw)
            text = "\n".join(
                [message.to, message.sender, message.subject, message.text, message.html]
            )
        except Exception:  # an unreadable file is searched as it is
            text = ""
        if _mentions(people, text + "\n" + raw.decode("utf-8", "replace")):
            path.unlink(missing_ok=True)
            removed += 1
    return removed


def _without_lines(text: str, people: Sequence[Needles]) -> str:
    lines = text.splitlines(keepends=True)
    return "".join(line for line in lines if not _mentions(people, line))


def _attendance_import_rewrite(item: AttendanceImport, people: Sequence[Needles]) -> bool:
    """Rewrite one stored report without the rows of ``people``; True when it changed. The
    rewritten file replaces the old one in the storage (deleted once the erasure commits)."""
    with item.file.open("rb") as stored:
        data = stored.read()
    try:
        text = to_text(data) if is_zip(data) else decode(data)[0]
    except AttendanceParseError:
        text = data.decode("utf-8", "replace")
    if not _mentions(people, text):
        return False
    old_name = item.file.name
    transaction.on_commit(partial(default_storage.delete, old_name or ""))
    rewritten = _without_lines(text, people).encode("utf-8")
    importer = AttendanceImporter(
        session=item.session,
        data=rewritten,
        file_name=item.file_name,
        options=ImportOptions.from_json({**item.options, "timezone": item.timezone}),
    )
    try:
        preview = importer.preview()
    except AttendanceParseError:
        # Nothing of the file is left to read (the person was its only attendee, or the line
        # removed was one the format needs): keep none of it.
        AttendanceImport.objects.filter(pk=item.pk).update(
            file="",
            preview_rows=[],
            errors=[],
            skipped=[],
            parse_state=ParseState.FAILED,
            problem=_("This file was removed when a person in it was erased."),
        )
        return True
    item.file.save(item.file_name or "report", ContentFile(rewritten), save=False)
    AttendanceImport.objects.filter(pk=item.pk).update(
        file=item.file.name,
        content_sha256=content_hash(rewritten),
        counts=preview.counts,
        errors=preview.errors,
        skipped=preview.skipped,
        preview_rows=preview_rows(preview),
    )
    return True


def attendance_files_forget(people: Sequence[Needles]) -> int:
    """Rewrite every stored attendance report (kept while it waits in preview) without the
    rows of ``people``, and scrub what every import kept of its rows (errors, skipped rows,
    preview); the number of files rewritten or dropped."""
    touched = 0
    stored = AttendanceImport.objects.exclude(file="").select_related("session")
    for item in stored:
        touched += _attendance_import_rewrite(item, people)
    condition = Q(pk__in=[])
    for needles in people:
        condition |= needles.q(
            "problem", json_fields=["errors", "skipped", "warnings", "preview_rows"]
        )
    for item in AttendanceImport.objects.filter(condition):
        for needles in people:
            item.errors = needles.json(item.errors)
            item.skipped = needles.json(item.skipped)
            item.warnings = needles.json(item.warnings)
            item.preview_rows = needles.json(item.preview_rows)
            item.problem = needles.text(item.problem)
        item.save(update_fields=["errors", "skipped", "warnings", "preview_rows", "problem"])
    return touched


def _csv_bytes(headers: list[str], rows: list[list[str]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(headers)
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


def registration_files_forget(people: Sequence[Needles]) -> int:
    """Rewrite every stored registration file without the rows of ``people`` (as CSV: the
    column mapping names headers, which stay); the number rewritten. A committed file keeps
    its counts, which describe what was imported then."""
    touched = 0
    for item in RegistrationImport.objects.all().iterator(chunk_size=50):
        data = bytes(item.content)
        try:
            table = read_table(data)
        except TableError:
            if _mentions(people, data.decode("utf-8", "replace")):
                item.content = b""
                item.save(update_fields=["content"])
                touched += 1
            continue
        kept = [cells for _line, cells in table.rows if not _mentions(people, "\t".join(cells))]
        if len(kept) == len(table.rows):
            continue
        item.content = _csv_bytes(table.headers, kept)
        item.save(update_fields=["content"])
        touched += 1
    return touched
