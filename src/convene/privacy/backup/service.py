"""Making, listing and restoring backups: what the CLI, the staff page and the task call."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connections
from django.utils import timezone

from convene.core.audit import audit_record
from convene.core.models import User
from convene.privacy.backup import database, files, journal
from convene.privacy.backup.errors import BackupError
from convene.privacy.models import ErasureRecord

MANIFEST = "manifest.json"
FORMAT = 1


@dataclass(frozen=True)
class BackupSummary:
    """What a backup's manifest says, for the staff page and the CLI."""

    path: Path
    created_at: dt.datetime
    engine: str
    tables: int
    rows: int
    files: int
    size: int


@dataclass
class RestoreOutcome:
    manifest: dict[str, Any]
    counts: dict[str, int]
    replayed: int = 0
    mismatched: dict[str, tuple[int, int]] = field(default_factory=dict)


def backup_dir() -> Path:
    return Path(settings.BACKUP_DIR)


def backup_create(*, path: Path, actor: User | None = None, using: str = "default") -> Path:
    """Write a backup into ``path`` (a new or empty folder) and return its manifest's path.

    The erasure journal is brought up to date first, so that it holds every erasure this
    backup could be older than."""
    path = Path(path)
    if path.exists() and (not path.is_dir() or any(path.iterdir())):
        raise BackupError(f"{path} exists and is not an empty folder")
    journal.journal_sync(record.as_dict() for record in ErasureRecord.objects.using(using))
    path.mkdir(parents=True, exist_ok=True)
    try:
        created_at = timezone.now()
        name, counts = database.dump(path, using)
        stored = files.copy_out(path)
        manifest = {
            "convene_backup": FORMAT,
            "created_at": created_at.isoformat(),
            "engine": database.engine(connections[using]),
            "database": {
                "file": name,
                "sha256": files.file_sha256(path / name),
                "size": (path / name).stat().st_size,
            },
            "tables": counts,
            "files": stored,
        }
        (path / MANIFEST).write_text(json.dumps(manifest, indent=2, sort_keys=True))
    except BaseException:
        shutil.rmtree(path, ignore_errors=True)
        raise
    audit_record(
        actor=actor,
        code="privacy.backup.created",
        obj=None,
        details={"path": str(path), "tables": len(counts), "files": len(stored)},
    )
    return path / MANIFEST


def read_manifest(path: Path) -> dict[str, Any]:
    source = Path(path) / MANIFEST
    try:
        manifest = json.loads(source.read_text())
    except FileNotFoundError as exc:
        raise BackupError(f"{path} is not a backup: it has no {MANIFEST}") from exc
    except (OSError, ValueError) as exc:
        raise BackupError(f"{source} cannot be read: {exc}") from exc
    if not isinstance(manifest, dict) or manifest.get("convene_backup") != FORMAT:
        raise BackupError(f"{source} is not a Convene backup manifest (format {FORMAT})")
    return manifest


def verify(path: Path, manifest: dict[str, Any]) -> None:
    """Check the database copy and every file against the manifest's checksums."""
    database_file = manifest["database"]["file"]
    files.safe_name(database_file)
    checks = [(database_file, manifest["database"]["sha256"])]
    checks += [
        (f"{files.FILES_DIR}/{files.safe_name(name)}", entry["sha256"])
        for name, entry in manifest["files"].items()
    ]
    for relative, expected in checks:
        target = Path(path) / relative
        if not target.is_file():
            raise BackupError(f"{relative} is missing from the backup")
        if files.file_sha256(target) != expected:
            raise BackupError(f"{relative} does not match its checksum: the backup is damaged")


def backup_restore(
    *, path: Path, journal_file: Path | None = None, using: str = "default"
) -> RestoreOutcome:
    """Restore the backup at ``path`` into an empty database, then replay the erasures of the
    journal (``journal_file``, by default ``PRIVACY_ERASURE_JOURNAL``) that the backup predates.

    Nothing is changed when the manifest, a checksum or the journal is wrong, or when the
    database is not empty. Rows that differ from the manifest's counts are returned in
    ``mismatched`` (the CLI fails on them)."""
    from convene.privacy.services.erasure import erasure_replay

    path = Path(path)
    manifest = read_manifest(path)
    verify(path, manifest)
    entries = journal.journal_read(journal_file)
    connection = connections[using]
    if manifest["engine"] != database.engine(connection):
        raise BackupError(
            f"this backup is of a {manifest['engine']} database; this site uses "
            f"{database.engine(connection)}"
        )
    if not database.is_empty(using):
        raise BackupError(
            "the database is not empty: restore only into a new, empty database "
            "(created, not migrated)"
        )
    database.load(path / manifest["database"]["file"], using)
    files.copy_in(path, sorted(manifest["files"]))
    counts = database.row_counts(using)
    outcome = RestoreOutcome(manifest=manifest, counts=counts)
    for table, expected in manifest["tables"].items():
        if counts.get(table) != expected:
            outcome.mismatched[table] = (expected, counts.get(table, 0))
    for entry in entries:
        outcome.replayed += erasure_replay(
            person_id=int(entry["person_id"]),
            anonymous_token=entry["anonymous_token"],
            erased_at=dt.datetime.fromisoformat(entry["erased_at"]),
            reason=entry["reason"],
        )
    audit_record(
        actor=None,
        code="privacy.backup.restored",
        obj=None,
        details={"path": str(path), "replayed": outcome.replayed},
    )
    return outcome


def backup_list() -> list[BackupSummary]:
    """The backups in ``BACKUP_DIR`` (the staff page's), newest first."""
    found = []
    root = backup_dir()
    if not root.is_dir():
        return []
    for folder in root.iterdir():
        try:
            manifest = read_manifest(folder)
        except BackupError:
            continue
        found.append(
            BackupSummary(
                path=folder,
                created_at=dt.datetime.fromisoformat(manifest["created_at"]),
                engine=manifest["engine"],
                tables=len(manifest["tables"]),
                rows=sum(manifest["tables"].values()),
                files=len(manifest["files"]),
                size=int(manifest["database"]["size"])
                + sum(int(entry["size"]) for entry in manifest["files"].values()),
            )
        )
    return sorted(found, key=lambda summary: summary.created_at, reverse=True)


def backup_create_in_dir(*, actor: User | None = None) -> Path:
    """A new backup in ``BACKUP_DIR``, named by its time (the staff page's task)."""
    stamp = timezone.now().strftime("%Y%m%d-%H%M%S-%f")
    return backup_create(path=backup_dir() / f"convene-{stamp}", actor=actor)
