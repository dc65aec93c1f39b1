"""Consents given and withdrawn from the person's own page, by staff, or by an import: the
directory services record them (``directory.services.consent``), and keep
``Person.listed_in_directory`` in step with the participant-directory consent."""

from __future__ import annotations

from convene.core.models import User
from convene.directory.models import Person
from convene.directory.services.consent import consent_withdraw, consents_give


def give(person: Person, purpose: str, channel: str, *, actor: User | None = None) -> None:
    """``person`` agrees to ``purpose`` (a ``ConsentPurpose``) through ``channel``."""
    consents_give(person=person, purposes=[purpose], channel=channel, actor=actor)


def withdraw(person: Person, purpose: str, channel: str, *, actor: User | None = None) -> int:
    """``person`` withdraws ``purpose``; the number of consents withdrawn."""
    return consent_withdraw(person=person, purpose=purpose, channel=channel, actor=actor)
