"""Cancelling, promoting from the waitlist, lapsing unconfirmed holds."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from convene.core.audit import audit_record
from convene.core.models import User
from convene.programme.models import Session
from convene.registrations import notify
from convene.registrations.models import (
    Registration,
    RegistrationStatus,
)
from convene.registrations.services.seats import HOLD, _promote, lock_sessions


def session_waitlist_promote(*, session: Session) -> list[Registration]:
    with transaction.atomic():
        [locked] = lock_sessions([session.pk])
        return _promote(locked, timezone.now())


def registration_promote(*, actor: User | None, registration: Registration) -> Registration:
    """Staff move someone off the waitlist, even past capacity (their call, audited)."""
    with transaction.atomic():
        lock_sessions([registration.session_id])
        registration = Registration.objects.select_for_update().get(pk=registration.pk)
        if registration.status != RegistrationStatus.WAITLISTED:
            raise ValidationError(
                _("Only a waitlisted registration can be moved off the waitlist.")
            )
        registration.status = RegistrationStatus.CONFIRMED
        registration.confirmed_at = registration.confirmed_at or timezone.now()  # staff vouch
        registration.waitlisted_at = None
        registration.save(update_fields=["status", "confirmed_at", "waitlisted_at"])
        audit_record(actor=actor, code="registrations.registration.promoted", obj=registration)
        notify.on_commit_promoted(registration.pk)
    return registration


def registration_cancel(*, actor: User | None, registration: Registration) -> Registration:
    """Cancel one session; a freed seat goes to the first person on the waitlist."""
    now = timezone.now()
    with transaction.atomic():
        [session] = lock_sessions([registration.session_id])
        registration = Registration.objects.select_for_update().get(pk=registration.pk)
        if registration.status in (RegistrationStatus.CANCELLED, RegistrationStatus.LAPSED):
            return registration
        seat = registration.status == RegistrationStatus.CONFIRMED
        registration.status = RegistrationStatus.CANCELLED
        registration.cancelled_at = now
        registration.hold_until = None
        registration.save(update_fields=["status", "cancelled_at", "hold_until"])
        audit_record(
            actor=actor,
            code="registrations.registration.cancelled",
            obj=registration,
            details={"by": "staff" if actor else "registrant"},
        )
        notify.on_commit_cancelled(registration.pk, seat=seat)
        _promote(session, now)
    return registration


def _unconfirmed_too_long(now: dt.datetime) -> Q:
    """Registrations not confirmed in time: a pending one whose 48-hour hold ran out, or an
    unconfirmed place on the waitlist whose request is older than 48 hours."""
    return Q(status=RegistrationStatus.PENDING, hold_until__lte=now) | Q(
        status=RegistrationStatus.WAITLISTED,
        confirmed_at__isnull=True,
        request__created_at__lte=now - HOLD,
    )


def registrations_lapse(*, now: dt.datetime | None = None) -> int:
    """Mark registrations not confirmed within 48 hours as ``lapsed`` and refill seats.

    Counting already ignores an expired hold; this makes the state visible, ends the
    "awaiting confirmation" of unconfirmed places on the waitlist, and promotes the waitlist.
    Confirming later still works (``registration_request_confirm``), from the back of the
    line. Safe to run from several workers at once.
    """
    now = now or timezone.now()
    session_ids = set(
        Registration.objects.filter(_unconfirmed_too_long(now)).values_list("session_id", flat=True)
    )
    lapsed = 0
    for session_id in sorted(session_ids):
        with transaction.atomic():
            [session] = lock_sessions([session_id])
            lapsed += Registration.objects.filter(
                _unconfirmed_too_long(now), session=session
            ).update(status=RegistrationStatus.LAPSED, hold_until=None, waitlisted_at=None)
            _promote(session, now)
    return lapsed


def waitlists_refill(*, now: dt.datetime | None = None) -> int:
    """Promote where seats are free: after a members-first release date, say."""
    now = now or timezone.now()
    promoted = 0
    ids = (
        Registration.objects.filter(status=RegistrationStatus.WAITLISTED, session__ends_at__gt=now)
        .values_list("session_id", flat=True)
        .distinct()
    )
    for session_id in sorted(set(ids)):
        with transaction.atomic():
            [session] = lock_sessions([session_id])
            promoted += len(_promote(session, now))
    return promoted
