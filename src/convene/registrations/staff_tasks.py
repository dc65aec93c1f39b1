"""Background jobs of the staff registration pages. Tasks take ids and plain strings."""

from __future__ import annotations

from django.core.mail import EmailMessage
from django_tasks import task

from convene.core.mail import render_mail
from convene.registrations.links import manage_url
from convene.registrations.models import Registration, RegistrationStatus


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
    rendered_subject, body = render_mail(
        "registrations/staff/mail/session_message", context, registration.request.language
    )
    return EmailMessage(subject=rendered_subject, body=body, to=[registration.person.email]).send()
