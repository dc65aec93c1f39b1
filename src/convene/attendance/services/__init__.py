"""Attendance writes: imports (parse, preview, commit), the unmatched queue, mapping presets."""

from convene.attendance.services.files import file_digest
from convene.attendance.services.import_types import (
    CommitOutcome,
    ImportOptions,
    Preview,
    content_hash,
)
from convene.attendance.services.imports import (
    AttendanceImporter,
    attendance_import_commit,
    attendance_import_file,
)
from convene.attendance.services.queue import (
    attendance_link_person,
    attendance_person_create,
    mapping_preset_save,
)
from convene.attendance.services.store import attendance_recompute, session_policy
from convene.attendance.services.undo import (
    attendance_import_undo,
    organiser_domain_add,
    organiser_domain_remove,
)
from convene.attendance.services.upload import (
    attendance_import_commit_queue,
    attendance_import_read,
    attendance_import_start,
    attendance_import_upload,
)

__all__ = [
    "AttendanceImporter",
    "CommitOutcome",
    "ImportOptions",
    "Preview",
    "attendance_import_commit",
    "attendance_import_commit_queue",
    "attendance_import_file",
    "attendance_import_read",
    "attendance_import_upload",
    "attendance_import_start",
    "attendance_import_undo",
    "attendance_link_person",
    "attendance_person_create",
    "attendance_recompute",
    "content_hash",
    "file_digest",
    "mapping_preset_save",
    "organiser_domain_add",
    "organiser_domain_remove",
    "session_policy",
]
