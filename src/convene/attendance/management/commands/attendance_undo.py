"""``convene attendance-undo IMPORT_ID``: undo an attendance import.

Its rows go, the session's attendance is rebuilt from the imports that remain, and the audit
log records it. An unknown id is one line on stderr with exit status 2.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from convene.attendance.models import AttendanceImport
from convene.attendance.services import attendance_import_undo

EXIT_BAD_INPUT = 2


class Command(BaseCommand):
    help = _("Undo an attendance import: the session's figures are rebuilt without it.")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("import_id", help=_("the import's number (see the staff pages)"))

    def handle(self, *args: Any, **options: Any) -> None:
        raw = str(options["import_id"])
        found = (
            AttendanceImport.objects.select_related("session").filter(pk=int(raw)).first()
            if raw.isdigit()
            else None
        )
        if found is None:
            raise CommandError(
                _("No attendance import %(id)s.") % {"id": raw}, returncode=EXIT_BAD_INPUT
            )
        name, session = found.file_name, found.session.slug
        attendance_import_undo(actor=None, attendance_import=found)
        self.stdout.write(
            _("Import %(id)s (%(file)s) undone; the attendance of %(session)s is rebuilt.")
            % {"id": raw, "file": name, "session": session}
        )
