"""A person's access facts: their sign-in account, verified email, staff approval of their link
to an organisation, and their participant-directory listing. See ``convene.core.access`` for the
rule these facts feed."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from convene.core.audit import audit_record
from convene.core.models import User
from convene.directory.models import Person


def person_email_verify(*, person: Person, at: dt.datetime | None = None) -> Person:
    """Record that the person opened a link sent to their email (first time only is kept)."""
    if person.email_verified_at is None:
        person.email_verified_at = at or timezone.now()
        Person.objects.filter(pk=person.pk, email_verified_at__isnull=True).update(
            email_verified_at=person.email_verified_at
        )
    return person


@transaction.atomic
def person_user_ensure(*, person: Person) -> User:
    """The person's sign-in account: theirs, or the account with their email, or a new one with
    no usable password. Staff accounts are never reached this way (staff sign in with a
    password), so this raises ``ValidationError`` for them."""
    locked = Person.objects.select_for_update().get(pk=person.pk)
    user = User.objects.filter(pk=locked.user_id).first() if locked.user_id else None
    if user is None:
        user = User.objects.filter(email__iexact=locked.email).first()
    if user is not None and (user.is_staff or user.is_superuser):
        raise ValidationError(_("Staff accounts sign in with their password."))
    if user is None:
        user = User.objects.create_user(locked.email, None, name=locked.name)
        audit_record(actor=None, code="directory.person.account_created", obj=locked)
    if locked.user_id != user.pk:
        Person.objects.filter(user=user).exclude(pk=locked.pk).update(user=None)
        locked.user = user
        locked.save(update_fields=["user", "updated_at"])
    person.user = user
    return user


@transaction.atomic
def person_organisation_approve(
    *, actor: User | None, person: Person, approved: bool = True
) -> Person:
    """Staff approve (or withdraw approval of) the link between a person and their organisation,
    for an email outside the organisation's domains."""
    if approved and person.organisation_id is None:
        raise ValidationError(_("This person has no organisation to approve."))
    person.organisation_approved_at = timezone.now() if approved else None
    person.organisation_approved_for_id = person.organisation_id if approved else None
    person.save(
        update_fields=["organisation_approved_at", "organisation_approved_for", "updated_at"]
    )
    audit_record(
        actor=actor,
        code="directory.person.organisation_approved"
        if approved
        else "directory.person.organisation_unapproved",
        obj=person,
        details={"organisation_id": person.organisation_id},
    )
    return person


@transaction.atomic
def person_directory_listing_set(*, actor: User | None, person: Person, listed: bool) -> Person:
    """List or unlist the person in the participant directory (their current choice)."""
    if person.listed_in_directory != listed:
        person.listed_in_directory = listed
        person.save(update_fields=["listed_in_directory", "updated_at"])
        audit_record(
            actor=actor,
            code="directory.person.listed" if listed else "directory.person.unlisted",
            obj=person,
        )
    return person
