"""Background jobs of registrations."""

from __future__ import annotations

from django_tasks import task

from convene.directory.models import Person
from convene.registrations import mails
from convene.registrations.models import ACTIVE_STATUSES, Registration, RegistrationRequest


@task()
def send_registration_mail_task(*, kind: str, object_id: int) -> int:
    """Send a registrant mail: ``request``, ``confirmed`` (by request id), ``promoted`` or
    ``cancelled`` (by registration id). A row deleted meanwhile sends nothing."""
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
        message = mails.registration_mail(kind, registration)
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
    """One mail per active registration, with the updated calendar file (SEQUENCE bumped, or
    METHOD:CANCEL when the session was cancelled)."""
    registrations = Registration.objects.filter(
        session_id=session_id, status__in=ACTIVE_STATUSES
    ).select_related("person", "session__series", "request")
    kind = "session_cancelled" if cancelled else "session_changed"
    return sum(mails.registration_mail(kind, r).send() for r in registrations.iterator())
