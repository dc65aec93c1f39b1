"""``convene orgs import FILE [--dry-run]``: import the member list (CSV or XLSX).

The same service as the staff page: every row is checked first, and the file is written in
one transaction, or not at all. A row the resolution engine matches only by similarity is left
in review (confirm it on the staff page). ``--dry-run`` prints what would be created, updated,
left unchanged and left in review, and writes nothing. A bad file prints one line naming the
file, the row and the reason, with exit status 2.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from convene.directory.services.member_import import member_list_import

EXIT_BAD_INPUT = 2


class Command(BaseCommand):
    help = _("Import the member list (CSV or XLSX) into the directory, in one transaction.")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help=_("the member list, CSV or XLSX"))
        parser.add_argument(
            "--dry-run", action="store_true", help=_("print what would change; write nothing")
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise CommandError(f"{path}: {exc.strerror or exc}", returncode=EXIT_BAD_INPUT) from exc
        try:
            plan, counts = member_list_import(
                actor=None, file_name=path.name, data=data, dry_run=options["dry_run"]
            )
        except ValidationError as exc:
            raise CommandError(
                f"{path}: {' '.join(exc.messages)}", returncode=EXIT_BAD_INPUT
            ) from exc
        would = options["dry_run"]
        lines = (
            (_("would create") if would else _("created"), counts["create"]),
            (_("would update") if would else _("updated"), counts["update"]),
            (_("unchanged"), counts["unchanged"]),
            (_("left in review"), counts["review"]),
        )
        for label, count in lines:
            self.stdout.write(f"{label}: {count}")
        for row in plan.review:
            self.stdout.write(
                _(
                    "line %(line)d: “%(name)s” looks like “%(candidate)s”; "
                    "confirm it on the staff page."
                )
                % {
                    "line": row.line,
                    "name": row.row.name,
                    "candidate": row.candidate.name if row.candidate else "",
                }
            )
