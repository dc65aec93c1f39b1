"""``convene attendance-import SESSION_SLUG FILE``: import an attendance report for a session.

The same service as the staff pages: parse and validate every row, then commit in one
transaction. A file with bad rows imports nothing unless ``--skip-bad-rows`` is given (the
skipped lines are printed); a file from another day than the session's, unless ``--force``;
a session that has not started receives nothing. Importing the same file again for the
session changes nothing.
Bad input is one line naming the file, the line and the problem, with exit status 2.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from convene.attendance.models import ColumnMappingPreset
from convene.attendance.parsers import FORMATS, AttendanceParseError
from convene.attendance.services import AttendanceImporter, ImportOptions
from convene.core.commandline import readable_input_file
from convene.programme.models import Session

EXIT_BAD_INPUT = 2


def _progress(on_terminal: bool) -> Progress:
    """A spinner with elapsed time on a terminal; nothing when output goes to a file or pipe."""
    return Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        TimeElapsedColumn(),
        transient=True,
        disable=not on_terminal,
    )


class Command(BaseCommand):
    help = _(
        "Import an attendance report (Zoom, Teams, Webex, BigBlueButton, Google Meet, Jitsi "
        "or a CSV with a saved column mapping) for one session, in one transaction."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("session", help=_("the session's slug"))
        parser.add_argument("file", help=_("the exported report"))
        parser.add_argument(
            "--tz",
            "--timezone",
            dest="tz",
            default="",
            help=_("time zone of the file (default: the session's)"),
        )
        parser.add_argument("--format", default="auto", choices=FORMATS)
        parser.add_argument("--date", default="", help=_("session date, YYYY-MM-DD (Google Meet)"))
        parser.add_argument(
            "--date-style", default="auto", help=_("day-first, month-first or year-first")
        )
        parser.add_argument("--mapping", default="", help=_("name of a saved column mapping"))
        parser.add_argument(
            "--skip-bad-rows", action="store_true", help=_("import the readable rows only")
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help=_("import even though the file's date is not the session's"),
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        readable_input_file(path)  # read in passes by the importer, never whole
        session = Session.objects.select_related("series").filter(slug=options["session"]).first()
        if session is None:
            raise CommandError(
                _("No session with the slug %(slug)s.") % {"slug": options["session"]},
                returncode=EXIT_BAD_INPUT,
            )
        mapping = None
        if options["mapping"]:
            preset = ColumnMappingPreset.objects.filter(name=options["mapping"]).first()
            if preset is None:
                raise CommandError(
                    _("No saved column mapping named %(name)s.") % {"name": options["mapping"]},
                    returncode=EXIT_BAD_INPUT,
                )
            mapping = preset.mapping
        try:
            day = dt.date.fromisoformat(options["date"]) if options["date"] else None
        except ValueError as exc:
            raise CommandError(f"{path}: {exc}", returncode=EXIT_BAD_INPUT) from exc
        importer = AttendanceImporter(
            session=session,
            opener=lambda: path.open("rb"),
            file_name=path.name,
            options=ImportOptions(
                format="generic" if mapping else options["format"],
                timezone=options["tz"],
                date_style=options["date_style"],
                session_date=day,
                mapping=mapping,
                skip_bad_rows=options["skip_bad_rows"],
                force=options["force"],
            ),
        )
        try:
            with _progress(self.stdout.isatty()) as progress:
                progress.add_task(
                    _("Parsing, matching and writing %(file)s") % {"file": path.name}, total=None
                )
                outcome = importer.commit(actor=None)
        except AttendanceParseError as exc:
            raise CommandError(f"{path}: {exc}", returncode=EXIT_BAD_INPUT) from exc
        except ValidationError as exc:
            raise CommandError(
                f"{path}: {' '.join(exc.messages)}", returncode=EXIT_BAD_INPUT
            ) from exc
        if outcome.unchanged:
            self.stdout.write(
                _("%(file)s was already imported for %(session)s: nothing changed.")
                % {"file": path.name, "session": session.slug}
            )
            return
        for row in outcome.skipped:
            self.stderr.write(
                _("%(file)s: line %(line)d skipped: %(message)s")
                % {"file": path.name, "line": row["line"], "message": row["message"]}
            )
        counts = outcome.attendance_import.counts
        self.stdout.write(
            _(
                "%(file)s → %(session)s: %(people)d people (%(created)d new, %(updated)d merged "
                "with earlier files), audience in this file %(audience)d, unmatched %(unmatched)d."
            )
            % {
                "file": path.name,
                "session": session.slug,
                "people": counts.get("people", 0),
                "created": outcome.created,
                "updated": outcome.updated,
                "audience": counts.get("audience", 0),
                "unmatched": counts.get("unmatched", 0),
            }
        )
