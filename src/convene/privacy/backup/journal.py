"""The erasure journal: one JSON line per erased person, kept outside the database.

A restore goes into an empty database, so the erasures made after the backup was taken cannot
be read from the database being replaced: they are read from this file, which erasure appends
to once its transaction has committed. A line holds no personal data: the person's id, the
anonymous token that replaced their name and email, when, and why. ``convene backup`` first
appends any erasure the journal misses (a crash between commit and append), so the journal is
never behind a backup. Keep it on storage that outlives the database
(``PRIVACY_ERASURE_JOURNAL``).
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from django.conf import settings

from convene.privacy.backup.errors import BackupError

FIELDS = ("person_id", "anonymous_token", "erased_at", "reason")


def journal_path() -> Path:
    return Path(settings.PRIVACY_ERASURE_JOURNAL)


def journal_append(entries: Iterable[dict[str, Any]], *, path: Path | None = None) -> None:
    """Append erasures (``ErasureRecord.as_dict()``) and flush them to disk."""
    lines = [json.dumps({key: entry[key] for key in FIELDS}) + "\n" for entry in entries]
    if not lines:
        return
    target = path or journal_path()
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("a", encoding="utf-8") as journal:
        journal.writelines(lines)
        journal.flush()
        os.fsync(journal.fileno())


def journal_read(path: Path | None = None) -> list[dict[str, Any]]:
    """Every erasure in the journal, oldest first; none when there is no journal yet."""
    source = path or journal_path()
    if not source.exists():
        return []
    entries: list[dict[str, Any]] = []
    with source.open(encoding="utf-8") as journal:
        for number, line in enumerate(journal, start=1):
            if not line.strip():
                continue
            try:
                entry = json.loads(line)
                entries.append({key: entry[key] for key in FIELDS})
            except (ValueError, KeyError, TypeError) as exc:
                raise BackupError(f"{source}: line {number} is not an erasure entry") from exc
    return entries


def journal_sync(records: Iterable[dict[str, Any]], *, path: Path | None = None) -> int:
    """Append the erasures of ``records`` the journal does not hold yet; how many."""
    known = {entry["anonymous_token"] for entry in journal_read(path)}
    missing = [record for record in records if record["anonymous_token"] not in known]
    journal_append(missing, path=path)
    return len(missing)
