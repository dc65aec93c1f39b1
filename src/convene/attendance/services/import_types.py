"""What an attendance import takes and gives back: the options staff chose on the upload
form, the preview the page shows, and the outcome of a commit. Plain data, no writes."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from convene.attendance.matching import Match
from convene.attendance.models import AttendanceImport
from convene.attendance.parsers import ParseResult


@dataclass(frozen=True)
class ImportOptions:
    """What staff chose on the upload form. ``timezone`` blank means the session's."""

    format: str = "auto"
    timezone: str = ""
    date_style: str = "auto"
    session_date: dt.date | None = None
    mapping: dict[str, Any] | None = None
    skip_bad_rows: bool = False
    force: bool = False  # import even though the file's date is not the session's

    def to_json(self) -> dict[str, Any]:
        return {
            "format": self.format,
            "timezone": self.timezone,
            "date_style": self.date_style,
            "session_date": self.session_date.isoformat() if self.session_date else None,
            "mapping": self.mapping,
            "skip_bad_rows": self.skip_bad_rows,
            "force": self.force,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ImportOptions:
        day = data.get("session_date")
        return cls(
            format=data.get("format") or "auto",
            timezone=data.get("timezone") or "",
            date_style=data.get("date_style") or "auto",
            session_date=dt.date.fromisoformat(day) if day else None,
            mapping=data.get("mapping"),
            skip_bad_rows=bool(data.get("skip_bad_rows")),
            force=bool(data.get("force")),
        )


@dataclass(frozen=True)
class Preview:
    """Everything the preview page shows; nothing of it is written."""

    result: ParseResult
    matches: tuple[Match, ...]
    dropped: tuple[dict[str, Any], ...]
    counts: dict[str, Any]
    already_imported: AttendanceImport | None = None

    @property
    def errors(self) -> list[dict[str, Any]]:
        return [{"line": e.line, "message": e.message} for e in self.result.errors]

    @property
    def unmatched(self) -> list[Match]:
        return [m for m in self.matches if not m.is_matched]

    @property
    def skipped(self) -> list[dict[str, Any]]:
        """Rows left out even without errors (absentees, non-people), by line."""
        rows = [{"line": s.line, "message": s.reason} for s in self.result.skipped]
        return sorted([*rows, *self.dropped], key=lambda row: row["line"])


@dataclass
class CommitOutcome:
    attendance_import: AttendanceImport
    unchanged: bool = False
    created: int = 0
    updated: int = 0
    skipped: list[dict[str, Any]] = field(default_factory=list)


def content_hash(data: bytes) -> str:
    """The file's identity: the same content committed twice for a session changes nothing."""
    return hashlib.sha256(data).hexdigest()


def stream_hash(chunks: Iterable[bytes]) -> tuple[str, int]:
    """:func:`content_hash` and the size of a file read in chunks."""
    digest = hashlib.sha256()
    size = 0
    for chunk in chunks:
        digest.update(chunk)
        size += len(chunk)
    return digest.hexdigest(), size
