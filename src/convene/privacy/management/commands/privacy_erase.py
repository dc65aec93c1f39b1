"""``convene privacy erase EMAIL --yes``: erase a person for good (it cannot be undone)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from convene.core.commandline import EXIT_BAD_INPUT
from convene.privacy.management.commands._people import person_by_email
from convene.privacy.models import ErasureReason
from convene.privacy.services.erasure import erase_person


class Command(BaseCommand):
    help = _(
        "Erase a person: their name, email and job title are replaced by an anonymous code "
        "everywhere, and every figure stays the same. It cannot be undone, so --yes is needed."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("email", help=_("the person's email"))
        parser.add_argument(
            "--yes", action="store_true", help=_("confirm the erasure (it cannot be undone)")
        )

    def handle(self, *args: Any, **options: Any) -> None:
        person = person_by_email(options["email"])
        if not options["yes"]:
            raise CommandError(
                _("Erasure cannot be undone: add --yes to erase %(email)s.")
                % {"email": options["email"]},
                returncode=EXIT_BAD_INPUT,
            )
        try:
            record = erase_person(person, reason=ErasureReason.STAFF)
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages), returncode=EXIT_BAD_INPUT) from exc
        self.stdout.write(
            _("Erased person %(id)d; the anonymous code is %(token)s.")
            % {"id": record.person_id, "token": record.anonymous_token}
        )
