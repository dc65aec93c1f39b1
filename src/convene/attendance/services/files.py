"""Uploaded reports in the file storage: kept while in preview, deleted once committed.

An upload is streamed to storage (a large upload Django already spooled to a temporary file is
moved there, not copied) and read back in passes by the parser, so neither the web worker nor
the task worker ever holds a 20 MB export whole, nor sends it to the database as one SQL value
(issue #16).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from typing import IO

from django.core.files import File
from django.core.files.storage import default_storage
from django.db import transaction

from convene.attendance.models import AttendanceImport
from convene.attendance.parsers.text import Opener
from convene.attendance.services.import_types import stream_hash


def file_digest(file: File) -> tuple[str, int]:
    """(SHA-256, size) of an uploaded file, read in chunks."""
    file.seek(0)
    found = stream_hash(file.chunks())
    file.seek(0)
    return found


@contextmanager
def kept_file(attendance_import: AttendanceImport, file: File, file_name: str) -> Iterator[None]:
    """Store ``file`` for this unsaved import; the block saves the row. If the block fails, the
    file is deleted again, so a refused upload leaves nothing behind."""
    attendance_import.file.save(file_name or "report", file, save=False)
    try:
        yield
    except BaseException:
        attendance_import.file.storage.delete(attendance_import.file.name or "")
        raise


def opener_for(attendance_import: AttendanceImport) -> Opener:
    """Opens the stored file from its start, once per pass."""
    name = attendance_import.file.name or ""
    storage = attendance_import.file.storage

    def open_file() -> IO[bytes]:
        return storage.open(name, "rb")

    return open_file


def drop_file(attendance_import: AttendanceImport) -> None:
    """Delete the import's stored file once the current transaction commits."""
    name = attendance_import.file.name
    if not name:
        return
    storage = attendance_import.file.storage
    attendance_import.file.name = ""
    AttendanceImport.objects.filter(pk=attendance_import.pk).update(file="")
    transaction.on_commit(lambda: storage.delete(name))


def drop_imports(imports: list[AttendanceImport]) -> None:
    """Delete imports (stale or scratch previews) and, after the commit, their files."""
    names = [i.file.name for i in imports if i.file.name]
    AttendanceImport.objects.filter(pk__in=[i.pk for i in imports]).delete()
    for name in names:
        transaction.on_commit(partial(default_storage.delete, name))
