"""Backups that restore: ``convene backup PATH`` and ``convene restore PATH`` (issue #21).

A backup is a folder: a consistent copy of the database (SQLite's online backup API, or
``pg_dump`` in its custom format inside one repeatable-read snapshot), the uploaded files of the
file storage, and ``manifest.json`` with the row count of every table and the SHA-256 of every
file. A restore checks every checksum before it touches anything, goes into an empty database
only, compares the row counts, and then replays the erasures made after the backup was taken,
read from the erasure journal (``journal``), so that a restore never brings an erased person
back. See docs/backup.md.
"""

from convene.privacy.backup.errors import BackupError
from convene.privacy.backup.service import (
    BackupSummary,
    RestoreOutcome,
    backup_create,
    backup_list,
    backup_restore,
)

__all__ = [
    "BackupError",
    "BackupSummary",
    "RestoreOutcome",
    "backup_create",
    "backup_list",
    "backup_restore",
]
