"""Erasure: a person's personal data replaced by a stable anonymous token, every figure kept.

What goes: the name, email and job title of the person's record (the organisation as typed,
the organisation, the country and the preferred language stay, so every report figure is
the same); the names and emails their attendance rows were reported under; every link they
were sent; their consents (withdrawn); their sign-in account; what the audit log, stored
files and the outbox say about them; their place in the network platform (practice contacts,
authorship of proposals and supports, their name in practice, proposal and minutes texts:
``erasure_knowledge``). Registrations and attendance stay as anonymous rows.

An :class:`ErasureRecord` is written, with no personal data, so a restore from an earlier
backup replays the erasure (:func:`erasure_replay`).
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.db.models.fields import TextField
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.translation import gettext as _

from convene.attendance.models import Attendance, AttendanceSource
from convene.core.audit import audit_record
from convene.core.models import AuditLog, LinkPurpose, LinkToken, User
from convene.directory.models import Consent, ConsentChannel, Person
from convene.privacy.backup.journal import journal_append, journal_read
from convene.privacy.models import ErasureReason, ErasureRecord
from convene.privacy.selectors import person_is_erased
from convene.privacy.services.erasure_files import (
    attendance_files_forget,
    outbox_forget,
    registration_files_forget,
)
from convene.privacy.services.scrub import Needles
from convene.privacy.services.storage import storage_forget
from convene.programme.models import Speaker
from convene.registrations.models import (
    Registration,
    RegistrationRequest,
    new_join_salt,
    new_token,
)

#: The domain of erased people's addresses: reserved, it can never receive mail (RFC 2606).
ERASED_DOMAIN = "erased.invalid"
#: Link purposes whose subject is a person.
PERSON_LINKS = (
    LinkPurpose.MANAGE,
    LinkPurpose.MANAGE_ON_DEMAND,
    LinkPurpose.FEED,
    LinkPurpose.SIGN_IN,
)


#: Further steps for other apps (knowledge's is ``privacy.services.erasure_knowledge``): each
#: takes the person (not yet renamed) and the needles, inside the erasure's transaction. Add
#: with :func:`erasure_step`; the module is imported by ``PrivacyConfig.ready``.
ERASURE_STEPS: list[Callable[[Person, Needles], None]] = []


def erasure_step(function: Callable[[Person, Needles], None]) -> Callable[[Person, Needles], None]:
    """Register ``function`` as an erasure step (usable as a decorator)."""
    ERASURE_STEPS.append(function)
    return function


def anonymous_token_new() -> str:
    return f"erased-{secrets.token_hex(6)}"


def erased_email(token: str) -> str:
    return f"{token}@{ERASED_DOMAIN}"


def _linked_user(person: Person) -> User | None:
    """The person's sign-in account, when accounts are linked to people."""
    user = getattr(person, "user", None)
    return user if isinstance(user, User) else None


def _needles(person: Person, token: str, user: User | None) -> Needles:
    attendance = Attendance.objects.filter(
        Q(person=person) | Q(email__iexact=person.email)
    ).values_list("name", "email")
    sources = AttendanceSource.objects.filter(
        Q(attendance__person=person) | Q(email__iexact=person.email)
    ).values_list("name", "email")
    values = [person.email, person.name]
    # What the video tool reported: emails, and names of two words or more ("Guest" or
    # "iPad" would match other people's text too).
    values += [v for pair in [*attendance, *sources] for v in pair if "@" in v or " " in v.strip()]
    if user is not None:
        values += [user.email, user.name]
    return Needles.of(token, values)


def _attendance_forget(person: Person, email: str, needles: Needles) -> None:
    """Attendance rows stay (the audience figures count them) under the token: each merge key
    that named the person becomes ``erased:<token>:<n>``, one per distinct key, so rows that
    were distinct stay distinct and rows that were one stay one."""
    rows = list(Attendance.objects.filter(Q(person=person) | Q(email__iexact=email)))
    sources = list(
        AttendanceSource.objects.filter(
            Q(attendance__in=[r.pk for r in rows]) | Q(email__iexact=email)
        )
    )
    old_keys = sorted(
        {r.key for r in rows if not r.key.startswith("person:")}
        | {k for r in rows for k in r.source_keys if not str(k).startswith("person:")}
        | {s.key for s in sources if not s.key.startswith("person:")}
    )
    keys = {key: f"erased:{needles.token}:{n}" for n, key in enumerate(old_keys, start=1)}
    for row in rows:
        row.name, row.email = needles.token, ""
        row.key = keys.get(row.key, row.key)
        row.source_keys = [keys.get(k, k) for k in row.source_keys]
    Attendance.objects.bulk_update(rows, ["name", "email", "key", "source_keys"])
    for source in sources:
        source.name, source.email = needles.token, ""
        source.key = keys.get(source.key, source.key)
    AttendanceSource.objects.bulk_update(sources, ["name", "email", "key"])


def _audit_forget(person: Person, user: User | None, people_needles: Needles) -> None:
    """Every audit entry stays (what happened, when, to which row) without the personal data:
    the actor's label, the object's label and the details lose the person's name and email."""
    person_type = ContentType.objects.get_for_model(Person)
    about = Q(content_type=person_type, object_id=str(person.pk))
    if user is not None:
        about |= Q(actor=user)
    entries = AuditLog.objects.annotate(details_text=Cast("details", TextField())).filter(
        about | people_needles.q("actor_label", "object_repr", json_fields=["details_text"])
    )
    changed = []
    for entry in entries:
        entry.actor_label = people_needles.text(entry.actor_label)
        if user is not None and entry.actor_id == user.pk:
            entry.actor_label = people_needles.token
        if entry.content_type_id == person_type.pk and entry.object_id == str(person.pk):
            entry.object_repr = people_needles.token
        entry.object_repr = people_needles.text(entry.object_repr)
        entry.details = people_needles.json(entry.details)
        changed.append(entry)
    AuditLog.objects.bulk_update(changed, ["actor_label", "object_repr", "details"])


def _person_forget(
    person: Person, token: str, needles: Needles, user: User | None, channel: str
) -> None:
    email = person.email
    for step in ERASURE_STEPS:
        step(person, needles)
    _attendance_forget(person, email, needles)
    _audit_forget(person, user, needles)
    now = timezone.now()
    Consent.objects.filter(person=person, withdrawn_at__isnull=True).update(
        withdrawn_at=now, withdrawn_channel=channel
    )
    LinkToken.objects.filter(purpose__in=PERSON_LINKS, subject_id=person.pk).delete()
    if user is not None:  # a sign-in link may name the account rather than the person
        LinkToken.objects.filter(purpose=LinkPurpose.SIGN_IN, subject_id=user.pk).delete()
    # Old links in old mails stop working: new secrets nobody knows.
    for registration in Registration.objects.filter(person=person).only("pk"):
        registration.join_salt, registration.join_legacy_digest = new_join_salt(), ""
        registration.save(update_fields=["join_salt", "join_legacy_digest"])
    for request in RegistrationRequest.objects.filter(person=person).only("pk"):
        request.token = new_token()
        request.save(update_fields=["token"])
    for speaker in Speaker.objects.filter(person=person):
        speaker.role, speaker.affiliation = needles.text(speaker.role), ""
        speaker.save(update_fields=["role", "affiliation"])
    fields: dict[str, Any] = {
        "name": token,
        "email": erased_email(token),
        "job_title": "",
        "resolution_explanation": needles.text(person.resolution_explanation),
    }
    if hasattr(person, "listed_in_directory"):
        fields["listed_in_directory"] = False
    for field, value in fields.items():
        setattr(person, field, value)
    person.save(update_fields=list(fields))
    if user is not None and not user.is_staff:
        user.delete()


def _check(person: Person) -> None:
    if person_is_erased(person=person):
        raise ValidationError(_("This person was erased already."))


def erase_person(
    person: Person,
    *,
    actor: User | None = None,
    reason: str = ErasureReason.STAFF,
    anonymous_token: str | None = None,
    erased_at: dt.datetime | None = None,
) -> ErasureRecord:
    """Erase ``person`` for good and return the record written. Raises ``ValidationError``
    when the person was erased already.

    ``anonymous_token`` and ``erased_at`` are given only when replaying an erasure after a
    restore, so the anonymous rows read the same as before.
    """
    return erase_people(
        [person], actor=actor, reason=reason, tokens=[anonymous_token], erased_at=erased_at
    )[0]


def erase_people(
    people: Sequence[Person],
    *,
    actor: User | None = None,
    reason: str = ErasureReason.STAFF,
    tokens: Sequence[str | None] | None = None,
    erased_at: dt.datetime | None = None,
) -> list[ErasureRecord]:
    """Erase several people in one transaction, reading the outbox and the stored files once.

    The database changes commit together; the outbox files are removed after the commit, and
    on SQLite the write-ahead log is then checkpointed so no old page keeps the bytes."""
    if reason not in ErasureReason.values:
        raise ValueError(f"Unknown erasure reason {reason!r}.")
    tokens = list(tokens) if tokens is not None else [None] * len(people)
    channel = ConsentChannel.PERSON if reason == ErasureReason.PERSON else ConsentChannel.STAFF
    records: list[ErasureRecord] = []
    all_needles: list[Needles] = []
    with transaction.atomic():
        for person, given in zip(people, tokens, strict=True):
            person = Person.objects.select_for_update().get(pk=person.pk)
            _check(person)
            token = given or anonymous_token_new()
            user = _linked_user(person)
            needles = _needles(person, token, user)
            all_needles.append(needles)
            _person_forget(person, token, needles, user, channel)
            record = ErasureRecord.objects.create(
                anonymous_token=token,
                person_id=person.pk,
                erased_at=erased_at or timezone.now(),
                reason=reason,
            )
            records.append(record)
            audit_record(
                actor=actor,
                code="privacy.person.erased",
                obj=person,
                details={"token": token, "reason": reason},
            )
        attendance_files_forget(all_needles)
        registration_files_forget(all_needles)
        journal = [record.as_dict() for record in records]
        transaction.on_commit(lambda: _after_commit(all_needles, journal))
    return records


def _after_commit(people: Iterable[Needles], journal: list[dict[str, Any]]) -> None:
    erasure_journal_append(journal)
    outbox_forget(list(people))
    storage_forget()


def erasure_journal_append(records: list[dict[str, Any]]) -> None:
    """Append the records (no personal data) to the erasure journal, a JSON-lines file beside
    the database (``PRIVACY_ERASURE_JOURNAL``): a restore into an empty database replays the
    erasures made after its backup from it, as the database that knew them may be lost
    (``privacy.backup.journal``)."""
    journal_append(records)


def erasure_journal_read() -> list[dict[str, Any]]:
    """Every record in the erasure journal, oldest first."""
    return journal_read()


def erasure_replay(
    *,
    person_id: int,
    anonymous_token: str,
    erased_at: dt.datetime,
    reason: str = ErasureReason.STAFF,
) -> bool:
    """Erase again, after a restore, a person erased after the backup was taken: the same
    token and time. False when there is nothing to do (the person is not in this database, or
    was erased already: the backup was taken after the erasure)."""
    if ErasureRecord.objects.filter(anonymous_token=anonymous_token).exists():
        return False
    person = Person.objects.filter(pk=person_id).first()
    if person is None or person_is_erased(person=person):
        return False
    erase_person(
        person,
        reason=reason,
        anonymous_token=anonymous_token,
        erased_at=erased_at,
    )
    return True
