"""``convene privacy export EMAIL PATH``: everything Convene holds about a person, as a ZIP."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from convene.core.commandline import EXIT_BAD_INPUT
from convene.directory.models import ConsentChannel
from convene.privacy.management.commands._people import person_by_email
from convene.privacy.services.export import person_export_zip


class Command(BaseCommand):
    help = _(
        "Write everything Convene holds about a person (profile, registrations, attendance, "
        "consents, mails, audit entries) to PATH as a ZIP of JSON and CSV files."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("email", help=_("the person's email"))
        parser.add_argument("path", help=_("the ZIP file to write"))

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["path"])
        if path.is_dir():
            raise CommandError(
                _("%(path)s: is a folder, not a file") % {"path": path}, returncode=EXIT_BAD_INPUT
            )
        if not path.parent.is_dir():
            raise CommandError(
                _("%(path)s: no such folder") % {"path": path.parent}, returncode=EXIT_BAD_INPUT
            )
        person = person_by_email(options["email"])
        content = person_export_zip(person=person, channel=ConsentChannel.STAFF)
        try:
            path.write_bytes(content)
        except OSError as exc:
            raise CommandError(
                f"{path}: {(exc.strerror or str(exc)).lower()}", returncode=EXIT_BAD_INPUT
            ) from exc
        self.stdout.write(
            _("Wrote the data of person %(id)d to %(path)s (%(size)d bytes).")
            % {"id": person.pk, "path": path, "size": len(content)}
        )
