"""The plain records every attendance parser returns, and the one error class they raise.

Every source (Zoom, Teams, Webex, BigBlueButton, Meet, Jitsi, a mapped CSV) is reduced to
the same :class:`AttendanceRecord`, so merging, matching and the Django import service never
need to know which tool produced a file. Row problems are *collected* in
:class:`ParseResult.errors` with their line numbers, so staff can preview every problem of a
file at once; only a file that cannot be read at all raises :class:`AttendanceParseError`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal

Role = Literal["host", "attendee"]

HOST: Role = "host"
ATTENDEE: Role = "attendee"


class AttendanceParseError(ValueError):
    """A file (or one row of it) that cannot be read, with the line it failed on.

    ``line`` is 1-based and counts physical lines of the decoded text, as an editor shows
    them; it is ``None`` when the problem concerns the file as a whole (empty, binary,
    unknown format, ambiguous date style).
    """

    def __init__(self, message: str, *, line: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line

    def __str__(self) -> str:
        if self.line is None:
            return self.message
        return f"line {self.line}: {self.message}"


@dataclass(frozen=True, slots=True)
class AttendanceRecord:
    """One connection (or one per-person total) as the source reported it.

    ``join`` and ``leave`` are aware datetimes. ``total_minutes`` is set when the source
    reports time in the room that is not the span ``join``-``leave``: a duration with no
    times (Zoom "unique users"), or a tool's own duration shorter than the span because the
    person left and came back (Teams' participants table, BigBlueButton, Google Meet). It is
    then authoritative, and ``join``/``leave`` (if present) only bound it.
    ``meeting_minutes`` is the meeting's length when the file states it: no person's total
    may exceed it. ``lines`` are the 1-based source lines the record came from.
    """

    name: str
    email: str | None
    role: Role
    join: datetime | None
    leave: datetime | None
    lines: tuple[int, ...]
    total_minutes: float | None = None
    original_name: str | None = None
    participant_id: str | None = None
    alt_emails: tuple[str, ...] = ()
    source_role: str = ""
    meeting_minutes: float | None = None

    @property
    def minutes(self) -> float:
        """Connected minutes of this record alone (for display; merging uses the union)."""
        if self.total_minutes is not None:
            return self.total_minutes
        if self.join is not None and self.leave is not None:
            return max(0.0, (self.leave - self.join).total_seconds() / 60.0)
        return 0.0


@dataclass(frozen=True, slots=True)
class RowError:
    """A row that could not be read; the import service lists these in its preview."""

    line: int
    message: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.message}"


@dataclass(frozen=True, slots=True)
class SkippedRow:
    """A row deliberately left out (not an error), e.g. a webinar registrant who never came."""

    line: int
    reason: str


@dataclass(frozen=True, slots=True)
class ParseResult:
    """What a parser returns: records, row errors, and what it noticed about the file.

    ``records`` is a tuple, or for a table read in passes a ``table.TableRecords`` that makes
    them again from the file each time it is iterated (and knows its length and first join).
    """

    format: str
    records: Sequence[AttendanceRecord]
    errors: tuple[RowError, ...] = ()
    skipped: tuple[SkippedRow, ...] = ()
    warnings: tuple[str, ...] = ()
    meeting: dict[str, str] = field(default_factory=dict)
    #: When the meeting started, as the file says it (a summary block); else None.
    meeting_start: datetime | None = None

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def first_join(self) -> datetime | None:
        """The earliest join in the file: the meeting's date when the file has no summary."""
        known: object = getattr(self.records, "first_join", _UNKNOWN)
        if known is not _UNKNOWN:
            return known  # type: ignore[return-value]
        joins = [r.join for r in self.records if r.join is not None]
        return min(joins) if joins else None


_UNKNOWN = object()
