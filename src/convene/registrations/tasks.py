"""Background jobs of registrations: registrant mails, staff messages to a session, and the
periodic jobs (for a scheduler that queues tasks rather than running ``convene tick``; they
take no arguments: the time is when the worker runs them). Tasks take ids and plain strings."""

from __future__ import annotations

from django_tasks import task

from convene.core.mail import add_list_unsubscribe, compose_mail
from convene.directory.models import Person
from convene.registrations import mails
from convene.registrations.links import leave_url, manage_url
from convene.registrations.models import (
    Registration,
    RegistrationRequest,
    RegistrationStatus,
    confirmed_q,
)


@task()
def send_registration_mail_task(*, kind: str, object_id: int, seat: bool = True) -> int:
    """Send a registrant mail: ``request``, ``confirmed`` (by request id), ``promoted`` or
    ``cancelled`` (by registration id; ``seat``: the cancelled registration held a seat, so the
    mail carries the calendar file that removes it). A row deleted meanwhile sends nothing."""
    if kind in {"request", "confirmed"}:
        request = (
            RegistrationRequest.objects.select_related("person", "series")
            .filter(pk=object_id)
            .first()
        )
        if request is None:
            return 0
        message = (
            mails.request_mail(request) if kind == "request" else mails.confirmed_mail(request)
        )
    else:
        registration = (
            Registration.objects.select_related("person", "session__series", "request")
            .filter(pk=object_id)
            .first()
        )
        if registration is None:
            return 0
        held = seat if kind == "cancelled" else registration.status == RegistrationStatus.CONFIRMED
        message = mails.registration_mail(kind, registration, seat=held)
    return message.send()


@task()
def send_manage_link_task(*, person_id: int) -> int:
    """Mail a fresh magic link to "my registrations"."""
    person = Person.objects.filter(pk=person_id).first()
    if person is None:
        return 0
    return mails.manage_link_mail(person).send()


@task()
def send_session_change_mails_task(*, session_id: int, cancelled: bool) -> int:
    """One mail per confirmed registration (``confirmed_q``: nobody who never confirmed). A
    seat holder's carries the updated calendar file (SEQUENCE bumped, or METHOD:CANCEL when the
    session was cancelled); a confirmed place on the waitlist gets the news without one."""
    registrations = (
        Registration.objects.filter(confirmed_q(), session_id=session_id)
        .select_related("person", "session__series", "request")
        .order_by("pk")
    )
    kind = "session_cancelled" if cancelled else "session_changed"
    return sum(
        mails.registration_mail(kind, r, seat=r.status == RegistrationStatus.CONFIRMED).send()
        for r in registrations.iterator()
    )


@task()
def send_session_message_task(*, registration_id: int, subject: str, message: str) -> int:
    """Mail staff's message to one registrant of a session, in the registrant's language for the
    framing. Nothing is sent if the registration was cancelled or deleted meanwhile."""
    registration = (
        Registration.objects.select_related("person", "session", "request")
        .filter(pk=registration_id, status=RegistrationStatus.CONFIRMED)
        .first()
    )
    if registration is None:
        return 0
    context = {
        "subject": subject,
        "message": message,
        "person": registration.person,
        "session": registration.session,
        "manage_url": manage_url(registration.person),
    }
    # Written by staff, so not Auto-Submitted.
    mail = compose_mail(
        "registrations/staff/mail/session_message",
        context,
        language=registration.request.language,
        to=[registration.person.email],
        automatic=False,
    )
    add_list_unsubscribe(mail, url=leave_url(registration))
    return mail.send()


@task()
def send_reminders_task() -> int:
    """Send the 24-hour and 1-hour reminders that are due; returns how many were sent."""
    # Imported here: services queue these tasks, so tasks import services only when they run.
    from convene.registrations.services.reminders import reminders_send

    return reminders_send()


@task()
def run_periodic_jobs_task() -> dict[str, int]:
    """Lapse expired holds, refill waitlists and send due reminders; returns the counts."""
    from convene.registrations.services.periodic import periodic_run

    return periodic_run()
