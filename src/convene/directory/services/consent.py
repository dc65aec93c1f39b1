"""Consents: a person agrees to the privacy notice, to news from the network, to a listing in
the participant directory, and may withdraw. Every path that records one comes through here:
the registration form, imports, staff, and the person's own page (``privacy.services.consent``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db import transaction
from django.db.models import Subquery
from django.utils import timezone

from convene.core.audit import audit_entry, audit_record_many
from convene.core.models import AuditLog, User
from convene.directory.models import Consent, ConsentChannel, ConsentPurpose, Person, PrivacyNotice
from convene.directory.selectors import open_consent_q, privacy_notice_version


def _set_listed(person: Person, listed: bool) -> None:
    """Keep ``Person.listed_in_directory`` (the current state) in step with the
    participant-directory consent."""
    if person.listed_in_directory != listed:
        person.listed_in_directory = listed
        person.save(update_fields=["listed_in_directory"])


def _check(purposes: Iterable[str], channel: str) -> list[str]:
    if channel not in ConsentChannel.values:
        raise ValueError(f"Unknown consent channel {channel!r}.")
    wanted = list(dict.fromkeys(purposes))
    for purpose in wanted:
        if purpose not in ConsentPurpose.values:
            raise ValueError(f"Unknown consent purpose {purpose!r}.")
    return wanted


def consent_entries(
    *,
    person: Person,
    purposes: Iterable[str],
    channel: str,
    notice_version: str = "",
    actor: User | None = None,
    at: dt.datetime | None = None,
    person_is_new: bool = False,
) -> list[AuditLog]:
    """Write the consents ``person`` gave through ``channel`` and return their audit entries,
    for the caller to write with its own (call inside its transaction).

    Consent to the privacy notice is to ``notice_version`` (the version the person was shown;
    the one in force by default). A consent that already stands is not repeated. At most two
    queries: the standing consents (none for a person just created), one INSERT.
    """
    wanted = _check(purposes, channel)
    version = notice_version or privacy_notice_version()
    standing: set[tuple[str, str | None]] = set()
    if not person_is_new:
        rows = Consent.objects.filter(
            open_consent_q(""), person=person, purpose__in=wanted
        ).values_list("purpose", "notice__version")
        standing = set(rows)
    now = at or timezone.now()
    new = []
    for purpose in wanted:
        notice = version if purpose == ConsentPurpose.PRIVACY_NOTICE else None
        if (purpose, notice) in standing:
            continue
        consent = Consent(person=person, purpose=purpose, given_at=now, channel=channel)
        if notice is not None:
            consent.notice_id = Subquery(  # the notice shown, found in the INSERT
                PrivacyNotice.objects.filter(version=notice).values("pk")[:1]
            )
        new.append(consent)
    if not new:
        return []
    # A concurrent registration, or a version no notice was stored for (its consent has no
    # notice): the one-open-consent constraint keeps the first, this one is not repeated.
    Consent.objects.bulk_create(new, ignore_conflicts=True)
    if any(c.purpose == ConsentPurpose.PARTICIPANT_DIRECTORY for c in new):
        _set_listed(person, True)
    return [
        audit_entry(
            actor=actor,
            code="directory.consent.given",
            obj=person,
            details={
                "purposes": [c.purpose for c in new],
                "channel": channel,
                "notice": version if any(c.purpose == "privacy_notice" for c in new) else None,
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
    """Record that ``person`` agreed to each of ``purposes`` through ``channel`` (consent to
    the privacy notice is to its current version), with its audit entry."""
    with transaction.atomic():
        audit_record_many(
            consent_entries(person=person, purposes=purposes, channel=channel, actor=actor, at=at)
        )


def consent_withdraw(
    *, person: Person, purpose: str, channel: str, actor: User | None = None
) -> int:
    """Withdraw ``person``'s standing consents for ``purpose``; the number withdrawn (0 when
    there was none). Withdrawing the directory listing takes the person off the directory."""
    _check([purpose], channel)
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
