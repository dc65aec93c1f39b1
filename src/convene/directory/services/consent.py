"""Consents: a person agrees to the privacy notice, to news from the network, to a listing in
the participant directory, and may withdraw. Every path that records one comes through here:
the registration form, imports, staff, and the person's own page (``privacy.services.consent``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone

from convene.core.audit import audit_entry, audit_record_many
from convene.core.models import AuditLog, User
from convene.directory.models import Consent, ConsentChannel, ConsentPurpose, Person
from convene.directory.selectors import open_consent_q, privacy_notice_current


def _set_listed(person: Person, listed: bool) -> None:
    """Keep ``Person.listed_in_directory`` (the current state, when the field exists) in step
    with the participant-directory consent."""
    field = "listed_in_directory"
    if hasattr(person, field) and getattr(person, field) != listed:
        setattr(person, field, listed)
        person.save(update_fields=[field])


def _give(
    person: Person, purpose: str, channel: str, now: dt.datetime, actor: User | None
) -> list[AuditLog]:
    notice = privacy_notice_current() if purpose == ConsentPurpose.PRIVACY_NOTICE else None
    open_ = Consent.objects.filter(open_consent_q(purpose), person=person, notice=notice)
    if open_.exists():
        return []
    consent = Consent.objects.create(
        person=person, purpose=purpose, notice=notice, given_at=now, channel=channel
    )
    if purpose == ConsentPurpose.PARTICIPANT_DIRECTORY:
        _set_listed(person, True)
    return [
        audit_entry(
            actor=actor,
            code="directory.consent.given",
            obj=person,
            details={
                "consent": consent.pk,
                "purpose": purpose,
                "channel": channel,
                "notice": notice.version if notice else None,
            },
        )
    ]


def consents_give(
    *,
    person: Person,
    purposes: Iterable[str],
    channel: str,
    actor: User | None = None,
    at: dt.datetime | None = None,
) -> None:
    """Record that ``person`` agreed to each of ``purposes`` through ``channel``. Consent to the
    privacy notice is to its current version. A consent that already stands is not repeated."""
    if channel not in ConsentChannel.values:
        raise ValueError(f"Unknown consent channel {channel!r}.")
    now = at or timezone.now()
    entries: list[AuditLog] = []
    with transaction.atomic():
        for purpose in dict.fromkeys(purposes):
            if purpose not in ConsentPurpose.values:
                raise ValueError(f"Unknown consent purpose {purpose!r}.")
            entries += _give(person, purpose, channel, now, actor)
        audit_record_many(entries)


def consent_withdraw(
    *, person: Person, purpose: str, channel: str, actor: User | None = None
) -> int:
    """Withdraw ``person``'s standing consents for ``purpose``; the number withdrawn (0 when
    there was none). Withdrawing the directory listing takes the person off the directory."""
    if purpose not in ConsentPurpose.values:
        raise ValueError(f"Unknown consent purpose {purpose!r}.")
    if channel not in ConsentChannel.values:
        raise ValueError(f"Unknown consent channel {channel!r}.")
    now = timezone.now()
    with transaction.atomic():
        withdrawn = Consent.objects.filter(open_consent_q(purpose), person=person).update(
            withdrawn_at=now, withdrawn_channel=channel
        )
        if purpose == ConsentPurpose.PARTICIPANT_DIRECTORY:
            _set_listed(person, False)
        if withdrawn:
            audit_record_many(
                [
                    audit_entry(
                        actor=actor,
                        code="directory.consent.withdrawn",
                        obj=person,
                        details={"purpose": purpose, "channel": channel},
                    )
                ]
            )
    return withdrawn
