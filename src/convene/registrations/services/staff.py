"""Registration writes that only staff make: adding someone by hand, mailing a session."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from convene.core.audit import audit_record
from convene.core.models import User
from convene.directory.selectors import privacy_notice_version
from convene.programme.models import Session
from convene.registrations import notify
from convene.registrations.models import Registration, RegistrationStatus
from convene.registrations.services.requests import (
    RegistrantIn,
    registration_request_confirm,
    registration_request_create,
)

#: Recorded as the consent version of people staff add by hand: they did not tick the box
#: themselves, staff vouch for them under this version of the notice.
STAFF_CONSENT_PREFIX = "staff:"

SUBJECT_MAX = 200
MESSAGE_MAX = 10_000


def registration_staff_add(
    *,
    actor: User,
    session: Session,
    name: str,
    email: str,
    organisation: str = "",
    country: str = "",
    language: str = "en",
) -> Registration:
    """Register someone for ``session`` on their behalf, email confirmed (staff vouch for it).

    The seat is taken like any other: ``confirmed`` if one is free, else ``waitlisted``. Raises
    ``ValidationError`` (bad input, session closed) or ``MembersOnlyRefused``.
    """
    registrant = RegistrantIn(
        name=name,
        email=email,
        organisation=organisation,
        country=country,
        language=language,
        consent_version=f"{STAFF_CONSENT_PREFIX}{privacy_notice_version()}",
    )
    with transaction.atomic():
        request = registration_request_create(
            series=session.series,
            sessions=[session],
            registrant=registrant,
            actor=actor,
            source="staff",
            send_request_mail=False,
        )
        registration_request_confirm(request=request)
        registration = Registration.objects.select_related("person", "session").get(
            request=request, session=session
        )
        audit_record(
            actor=actor,
            code="registrations.registration.added",
            obj=registration,
            details={"status": registration.status, "email_vouched": True},
        )
    return registration


def session_confirmed_email(*, actor: User, session: Session, subject: str, message: str) -> int:
    """Queue one mail per confirmed registrant of ``session`` (with the transaction); count them.

    Each task takes the registration id and plain strings, and sends only if the registration is
    still confirmed when it runs.
    """
    subject = " ".join(subject.split())
    message = message.strip()
    errors = {}
    if not subject:
        errors["subject"] = _("Write a subject.")
    elif len(subject) > SUBJECT_MAX:
        errors["subject"] = _("Keep the subject under %(max)d characters.") % {"max": SUBJECT_MAX}
    if not message:
        errors["message"] = _("Write a message.")
    elif len(message) > MESSAGE_MAX:
        errors["message"] = _("Keep the message under %(max)d characters.") % {"max": MESSAGE_MAX}
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        ids = list(
            Registration.objects.filter(session=session, status=RegistrationStatus.CONFIRMED)
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        if not ids:
            return 0
        audit_record(
            actor=actor,
            code="registrations.session.emailed",
            obj=session,
            details={"subject": subject, "recipients": len(ids)},
        )
        for registration_id in ids:
            notify.on_commit_session_message(registration_id, subject=subject, message=message)
    return len(ids)
