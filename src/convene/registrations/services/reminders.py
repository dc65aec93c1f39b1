"""Reminders 24 hours and 1 hour before a session, each sent at most once.

Claim, then send. A worker claims a reminder by inserting its ``ReminderSent`` row in a
transaction of its own; the unique constraint on (registration, kind) lets exactly one worker
win, and the others get an ``IntegrityError`` and skip it. The mail goes out only after the
claim has committed, so two workers (a cron job and a task, say) never both send it. A mail that
cannot be handed to the mail backend gives its claim back, so the next run tries again.
"""

from __future__ import annotations

import datetime as dt
import logging

from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, QuerySet
from django.utils import timezone

from convene.core.mail import ConveneMail, compose_mail
from convene.programme.models import SessionStatus
from convene.registrations.links import join_url, manage_url
from convene.registrations.models import (
    Registration,
    RegistrationStatus,
    ReminderKind,
    ReminderSent,
)

logger = logging.getLogger(__name__)

#: How long before the start each reminder's window opens; it closes when the session starts.
WINDOWS = {
    ReminderKind.DAY: dt.timedelta(hours=24),
    ReminderKind.HOUR: dt.timedelta(hours=1),
}


def _due(kind: ReminderKind, now: dt.datetime) -> QuerySet[Registration]:
    """Confirmed registrations of published sessions in ``kind``'s window, not yet reminded.

    A window runs from 24 hours (or 1 hour) before the start until the start. Once the 1-hour
    window has begun only the 1-hour reminder is due: someone who confirms 40 minutes before
    the start gets one reminder, not two at once.
    """
    earliest = now  # the session has not started…
    latest = now + WINDOWS[kind]  # …and starts within the window
    if kind == ReminderKind.DAY:
        earliest = now + WINDOWS[ReminderKind.HOUR]  # inside the hour only the 1-hour one
    return (
        Registration.objects.filter(
            status=RegistrationStatus.CONFIRMED,
            session__status=SessionStatus.PUBLISHED,
            session__starts_at__gt=earliest,
            session__starts_at__lte=latest,
        )
        .exclude(Exists(ReminderSent.objects.filter(registration=OuterRef("pk"), kind=kind)))
        .select_related("session__series", "person", "request")
        .order_by("session__starts_at", "pk")
    )


def reminders_due(*, now: dt.datetime) -> list[tuple[Registration, ReminderKind]]:
    """Every reminder due at ``now`` and not yet claimed, soonest session first."""
    return [(r, ReminderKind.HOUR) for r in _due(ReminderKind.HOUR, now)] + [
        (r, ReminderKind.DAY) for r in _due(ReminderKind.DAY, now)
    ]


def reminder_mail(*, registration: Registration, kind: str) -> ConveneMail:
    """The reminder in the registrant's language, with the time in the session's time zone."""
    context = {
        "kind": kind,
        "person": registration.person,
        "session": registration.session,
        "series": registration.session.series,
        "join_url": join_url(registration),
        "manage_url": manage_url(registration.person),
    }
    return compose_mail(
        "registrations/mail/reminder",
        context,
        language=registration.request.language,
        to=[registration.person.email],
    )


def _claim(registration: Registration, kind: ReminderKind) -> bool:
    """Insert the ``ReminderSent`` row and commit; False when it is not ours to send.

    The registration row is locked and read again, so a cancellation that committed after the
    list was read is seen, and one that comes later waits for the claim.
    """
    try:
        with transaction.atomic(durable=True):
            still_due = (
                Registration.objects.select_for_update(of=("self",))
                .filter(
                    pk=registration.pk,
                    status=RegistrationStatus.CONFIRMED,
                    session__status=SessionStatus.PUBLISHED,
                )
                .exists()
            )
            if not still_due:
                return False
            ReminderSent.objects.create(registration=registration, kind=kind)
    except IntegrityError:
        return False  # another worker claimed it first
    return True


def _release(registration: Registration, kind: ReminderKind) -> None:
    ReminderSent.objects.filter(registration=registration, kind=kind).delete()


def reminders_send(*, now: dt.datetime | None = None) -> int:
    """Send every reminder due at ``now``; return how many were sent.

    Safe to run from several workers at once. Call it outside a transaction (a cron job, a
    task): each claim must commit before its mail goes out.
    """
    now = now or timezone.now()
    sent = 0
    for registration, kind in reminders_due(now=now):
        if not _claim(registration, kind):
            continue
        try:
            delivered = reminder_mail(registration=registration, kind=kind).send()
        except Exception:
            logger.exception("Reminder %s for registration %s not sent", kind, registration.pk)
            _release(registration, kind)
            continue
        sent += delivered
    return sent
