"""What the privacy commands share: finding the person an email names."""

from __future__ import annotations

from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from convene.core.commandline import EXIT_BAD_INPUT
from convene.directory.models import Person
from convene.directory.selectors import person_get_by_email


def person_by_email(email: str) -> Person:
    """The person with ``email``, or one line and exit status 2."""
    person = person_get_by_email(email=email) if "@" in email else None
    if person is None:
        raise CommandError(
            _("No person has the email %(email)s.") % {"email": email},
            returncode=EXIT_BAD_INPUT,
        )
    return person
