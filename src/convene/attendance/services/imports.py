"""The attendance import: parse and preview a report, then commit it in one transaction.

Three steps, as in pretix's ``modelimport``:

1. :meth:`AttendanceImporter.parse` reads the file with the pure engine; row problems are
   collected with their line numbers, an unreadable file raises ``AttendanceParseError``.
2. :meth:`AttendanceImporter.preview` merges the rows per person and matches them to the
   session's registrants, without writing anything.
3. :meth:`AttendanceImporter.commit` writes everything in one transaction, holding a lock on
   the session row: the import, one :class:`Attendance` per person (merged with what earlier
   files for the session said, by the union of intervals) and the audit entry. A file with
   row errors commits nothing unless staff chose to skip the bad rows. The same content
   committed twice for a session changes nothing.

What an import takes and gives back (options, preview, outcome) is in :mod:`.import_types`;
who it is matched against, in :mod:`.registrants`; how matches are stored, in :mod:`.store`.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
from collections import Counter
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from convene.attendance import selectors
from convene.attendance.matching import Match, MatchResult, match_attendees, match_known
from convene.attendance.merge import MergeResult, merge_records
from convene.attendance.models import AttendanceImport, ImportStatus
from convene.attendance.parsers import (
    AttendanceParseError,
    ColumnMapping,
    ParseResult,
)
from convene.attendance.parsers.records import ATTENDEE
from convene.attendance.parsers.sniff import parse_opener
from convene.attendance.parsers.text import Opener
from convene.attendance.selectors import session_registrants
from convene.attendance.services.files import drop_file, drop_imports, opener_for
from convene.attendance.services.import_types import (
    CommitOutcome,
    ImportOptions,
    Preview,
    stream_hash,
)
from convene.attendance.services.store import session_policy, store_matches
from convene.core.audit import audit_record
from convene.core.models import User
from convene.programme.models import Session

MAX_FILE_BYTES = 20 * 1024 * 1024
PREVIEW_KEPT = dt.timedelta(days=7)
_MATCH_METHODS = ("token", "email", "alternate_email", "name")


class AttendanceImporter:
    """Parse, preview and commit one report for one session. Views, the CLI and the API
    all use it; see ``services.upload`` for storing a preview.

    The report is ``data`` (bytes, for scripts and tests) or a file ``opener`` opens again for
    each pass (a stored upload): the parser then reads it in passes and the merge keeps one
    aggregate per person, so a 20 MB export is never held whole (issue #16). The merge is
    kept, so a commit that matches again inside its lock does not read the file again.

    Peak memory the task worker gains reading and committing the benchmark's 19.9 MB Zoom export
    (``benchmarks/bench_upload.py``, 224,069 rows, 6,001 people), before and after letting each
    person's aggregate go once its attendee is made, holding line numbers as machine integers,
    folding intervals sooner and writing the attendees in batches (``store.WRITE_BATCH``):
    SQLite 52.8 MB (2.66x the file) -> 35.8 MB (1.80x); PostgreSQL 69.0 MB (3.47x) -> 30.6 MB
    (1.54x). Committed after 16-28 s (21-33 s before; a shared machine, so times are noisy).
    """

    def __init__(
        self,
        *,
        session: Session,
        file_name: str,
        options: ImportOptions,
        data: bytes | None = None,
        opener: Opener | None = None,
    ) -> None:
        self.session = session
        if opener is None:
            content = data or b""
            opener = lambda: io.BytesIO(content)  # noqa: E731
        self.opener = opener
        self.file_name = file_name
        self.options = options
        self._parsed: ParseResult | None = None
        self._merged: MergeResult | None = None
        self._identity: tuple[str, int] | None = None

    @property
    def timezone(self) -> str:
        return self.options.timezone or self.session.timezone

    @property
    def session_date(self) -> dt.date:
        """Completes date-less clock times (Google Meet): by default the session's own day."""
        return (
            self.options.session_date or self.session.starts_at.astimezone(self.session.zone).date()
        )

    def _hash(self) -> tuple[str, int]:
        if self._identity is None:
            with self.opener() as stream:
                self._identity = stream_hash(iter(lambda: stream.read(1 << 20), b""))
        return self._identity

    @property
    def sha256(self) -> str:
        return self._hash()[0]

    def parse(self) -> ParseResult:
        """Read the file. Raises ``AttendanceParseError`` for a file that cannot be read."""
        if self._parsed is None:
            size = self._hash()[1]
            if not size:
                raise AttendanceParseError("the file is empty")
            if size > MAX_FILE_BYTES:
                raise AttendanceParseError("the file is larger than 20 MB")
            mapping = (
                ColumnMapping.from_dict(self.options.mapping) if self.options.mapping else None
            )
            self._parsed = parse_opener(
                self.opener,
                format=self.options.format,
                tz=self.timezone,
                session_date=self.session_date,
                date_style=self.options.date_style,
                mapping=mapping,
            )
        return self._parsed

    @property
    def file_date(self) -> dt.date | None:
        """The meeting's day by the file (its summary block, else the first join), in the
        session's time zone; None when the file gives no date."""
        result = self.parse()
        moment = result.meeting_start or result.first_join
        if moment is None:
            return None
        return (moment.astimezone(self.session.zone) if moment.tzinfo else moment).date()

    def date_mismatch(self) -> list[str] | None:
        """[file's day, session's day] in ISO (as stored in JSON) when they differ, else None."""
        day, expected = self.file_date, self.session.starts_at.astimezone(self.session.zone).date()
        if day is None or day == expected:
            return None
        return [day.isoformat(), expected.isoformat()]

    def merge(self, result: ParseResult) -> MergeResult:
        """One person per group of rows (staff and the network's domains are the organising
        team); made once per importer, as it reads the whole file."""
        if self._merged is None:
            self._merged = merge_records(
                result.records,
                host_emails=selectors.staff_emails(),
                organiser_domains=selectors.organiser_domain_list().values_list(
                    "domain", flat=True
                ),
            )
        return self._merged

    def match(self, result: ParseResult) -> tuple[tuple[Match, ...], MergeResult]:
        """Merge per person, match to the session's registrants, then to known people;
        speakers are participants."""
        merged = self.merge(result)
        policy = session_policy(self.session)
        first = match_attendees(
            merged.attendees,
            session_registrants(session=self.session),
            policy=policy,
            session_minutes=self.session.duration_minutes,
        )
        people, by_domain = selectors.known_people(
            session=self.session, attendees=[m.attendee for m in first.unmatched]
        )
        known = match_known(first.matches, people, organisation_by_domain=by_domain, policy=policy)
        speakers = selectors.speaker_keys(session=self.session)
        matches = tuple(
            _as_participant(m) if _is_speaker(m, speakers) else m for m in known.matches
        )
        return matches, merged

    def preview(self) -> Preview:
        result = self.parse()
        matches, merged = self.match(result)
        methods: Counter[str] = Counter(m.method for m in matches if m.is_matched)
        counts: dict[str, Any] = {
            "rows": merged.lines + len(result.errors),
            "people": len(merged.attendees),
            "hosts": sum(1 for m in matches if m.attendee.is_host),
            "audience": MatchResult(matches).audience,
            "attended": sum(1 for m in matches if m.attended),
            "matched": {method: methods.get(method, 0) for method in _MATCH_METHODS},
            "known": sum(1 for m in matches if m.person is not None),
            "unmatched": sum(1 for m in matches if not m.is_matched),
            "errors": len(result.errors),
            "skipped": len(result.skipped) + len(merged.dropped),
            "date_mismatch": self.date_mismatch(),
        }
        already = (
            AttendanceImport.objects.filter(
                session=self.session,
                content_sha256=self.sha256,
                status=ImportStatus.COMMITTED,
            )
            .order_by("pk")
            .first()
        )
        dropped = tuple({"line": d.line, "message": d.reason} for d in merged.dropped)
        return Preview(result, matches, dropped, counts, already)

    def commit(
        self, *, actor: User | None, attendance_import: AttendanceImport | None = None
    ) -> CommitOutcome:
        """Write the import in one transaction. Raises ``ValidationError`` (nothing written)
        when the file has bad rows and ``skip_bad_rows`` is off."""
        preview = self.preview()  # parse and validate before taking any lock
        check_started(self.session)
        mismatch = date_mismatch_message(preview.counts)
        if mismatch and not self.options.force:
            raise ValidationError(f"{mismatch} {_('Nothing was imported.')}", code="wrong_date")
        if preview.result.errors and not self.options.skip_bad_rows:
            first = preview.result.errors[0]
            raise ValidationError(
                _(
                    "%(count)d rows have errors (the first on line %(line)d: %(message)s). "
                    "Nothing was imported; correct the file or choose to skip the bad rows."
                )
                % {
                    "count": len(preview.result.errors),
                    "line": first.line,
                    "message": first.message,
                }
            )
        with transaction.atomic():
            Session.objects.select_for_update().filter(pk=self.session.pk).first()
            existing = AttendanceImport.objects.filter(
                session=self.session, content_sha256=self.sha256, status=ImportStatus.COMMITTED
            ).first()
            if existing is not None:
                if attendance_import is not None and attendance_import.pk != existing.pk:
                    drop_imports([attendance_import])  # a scratch preview of a file already in
                return CommitOutcome(existing, unchanged=True)
            # Match again inside the lock, so registrations added meanwhile are seen.
            preview = self.preview()
            skipped = sorted(
                [*preview.errors, *preview.skipped], key=lambda row: (row["line"], row["message"])
            )
            record = self._import_row(attendance_import, preview, skipped, actor)
            created, updated = store_matches(self.session, record, preview.matches)
            audit_record(
                actor=actor,
                code="attendance.import.committed",
                obj=record,
                details={
                    "session": self.session.slug,
                    "file": self.file_name,
                    "sha256": self.sha256,
                    "format": preview.result.format,
                    "people": preview.counts["people"],
                    "created": created,
                    "updated": updated,
                    "skipped_lines": [row["line"] for row in skipped],
                },
            )
        return CommitOutcome(record, created=created, updated=updated, skipped=skipped)

    def _import_row(
        self,
        attendance_import: AttendanceImport | None,
        preview: Preview,
        skipped: list[dict[str, Any]],
        actor: User | None,
    ) -> AttendanceImport:
        values: dict[str, Any] = {
            "format": preview.result.format,
            "timezone": self.timezone,
            "options": self.options.to_json(),
            "status": ImportStatus.COMMITTED,
            "counts": preview.counts,
            "errors": preview.errors,
            "skipped": skipped,
            "warnings": list(preview.result.warnings),
            "committed_at": timezone.now(),
        }
        try:
            with transaction.atomic():
                if attendance_import is None:
                    return AttendanceImport.objects.create(
                        session=self.session,
                        file_name=self.file_name[:255],
                        content_sha256=self.sha256,
                        created_by=actor if actor is not None and actor.pk else None,
                        **values,
                    )
                for name, value in values.items():
                    setattr(attendance_import, name, value)
                attendance_import.save(update_fields=list(values))
                drop_file(attendance_import)  # the rows are what is kept, not the file
                return attendance_import
        except IntegrityError as exc:  # the same file committed by a concurrent request
            raise ValidationError(_("This file has just been imported for this session.")) from exc


def date_mismatch_message(counts: dict[str, Any]) -> str | None:
    """The preview's sentence naming both dates when the file is not from the session's day."""
    mismatch = counts.get("date_mismatch")
    if not mismatch:
        return None
    file_day, session_day = (dt.date.fromisoformat(day) for day in mismatch)
    return _(
        "This file is from %(file_date)s, but the session is on %(session_date)s: "
        "check that it is the right session."
    ) % {"file_date": date_format(file_day), "session_date": date_format(session_day)}


def check_started(session: Session) -> None:
    """A session that has not started cannot receive attendance."""
    if session.starts_at > timezone.now():
        raise ValidationError(
            _("This session has not started yet: it cannot receive attendance before it starts.")
        )


def _is_speaker(match: Match, speakers: set[str]) -> bool:
    keys = {f"email:{e.lower()}" for e in (match.attendee.email, *match.attendee.emails) if e}
    if match.registrant is not None:
        keys.add(f"registration:{match.registrant.id}")
    if match.person is not None:
        keys.add(f"person:{match.person.id}")
    return not keys.isdisjoint(speakers)


def _as_participant(match: Match) -> Match:
    """The session's speakers are participants, whatever role the tool gave them."""
    if not match.attendee.is_host:
        return match
    return dataclasses.replace(match, attendee=dataclasses.replace(match.attendee, role=ATTENDEE))


def attendance_import_file(
    *, actor: User | None, session: Session, data: bytes, file_name: str, options: ImportOptions
) -> CommitOutcome:
    """Parse and commit a file in one step (the API and scripts; the page previews first). A file
    that cannot be read is a ValidationError on ``file``."""
    importer = AttendanceImporter(session=session, data=data, file_name=file_name, options=options)
    try:
        return importer.commit(actor=actor)
    except AttendanceParseError as exc:
        raise ValidationError({"file": str(exc)}) from exc


def attendance_import_commit(
    *,
    actor: User | None,
    attendance_import: AttendanceImport,
    skip_bad_rows: bool,
    force: bool = False,
) -> CommitOutcome:
    """Commit a stored preview (the page's commit button)."""
    if attendance_import.is_committed:
        return CommitOutcome(attendance_import, unchanged=True)
    stored = ImportOptions.from_json(attendance_import.options)
    options = ImportOptions(
        format=stored.format,
        timezone=attendance_import.timezone,
        date_style=stored.date_style,
        session_date=stored.session_date,
        mapping=stored.mapping,
        skip_bad_rows=skip_bad_rows,
        force=force,
    )
    importer = AttendanceImporter(
        session=attendance_import.session,
        opener=opener_for(attendance_import) if attendance_import.file else None,
        file_name=attendance_import.file_name,
        options=options,
    )
    try:
        return importer.commit(actor=actor, attendance_import=attendance_import)
    except AttendanceParseError as exc:
        raise ValidationError(str(exc)) from exc
