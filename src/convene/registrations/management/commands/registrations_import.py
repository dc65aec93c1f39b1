"""``convene registrations import SERIES FILE [--dry-run] [--notify]``: import the registrations
of a past or outside series (Eventbrite, Zoom's registration report, Google Forms, CiviCRM).

The same service as the staff page, with the columns detected from the headers: every row is
checked first, then written in one transaction, or not at all. Imported registrations are
confirmed, may be for past sessions, and nobody is mailed unless ``--notify`` is given.
``--dry-run`` prints what would be created, updated and left in review, and writes nothing.
A bad file prints one line naming the file, the row and the reason, with exit status 2.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from convene.programme.models import Series
from convene.registrations.services.imports import registrations_import

EXIT_BAD_INPUT = 2


class Command(BaseCommand):
    help = _(
        "Import the registrations of a past or outside series (CSV or XLSX), in one transaction."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("series", help=_("the series' slug"))
        parser.add_argument("file", help=_("the registrations, CSV or XLSX"))
        parser.add_argument(
            "--dry-run", action="store_true", help=_("print what would change; write nothing")
        )
        parser.add_argument(
            "--notify",
            action="store_true",
            help=_("mail each person imported their confirmation (default: no mail)"),
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        series = Series.objects.filter(slug=options["series"]).first()
        if series is None:
            raise CommandError(
                _("No series with the slug %(slug)s.") % {"slug": options["series"]},
                returncode=EXIT_BAD_INPUT,
            )
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise CommandError(f"{path}: {exc.strerror or exc}", returncode=EXIT_BAD_INPUT) from exc
        try:
            _plan, counts = registrations_import(
                actor=None,
                series=series,
                file_name=path.name,
                data=data,
                dry_run=options["dry_run"],
                notify=options["notify"],
            )
        except ValidationError as exc:
            raise CommandError(
                f"{path}: {' '.join(exc.messages)}", returncode=EXIT_BAD_INPUT
            ) from exc
        would = options["dry_run"]
        lines = (
            (_("new people"), counts["people_new"]),
            (_("people already known"), counts["people_known"]),
            (
                _("registrations that would be created") if would else _("registrations created"),
                counts["create"],
            ),
            (
                _("registrations that would be confirmed")
                if would
                else _("registrations confirmed"),
                counts["update"],
            ),
            (_("registrations unchanged"), counts["unchanged"]),
            (_("organisations left in review"), counts["review"]),
            (_("rows left out (cancelled or denied)"), counts["left_out"]),
        )
        for label, count in lines:
            self.stdout.write(f"{label}: {count}")
