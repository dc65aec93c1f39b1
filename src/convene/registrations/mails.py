"""Building the registrant mails. Called by tasks; every mail carries the magic link."""

from __future__ import annotations

from django.core.mail import EmailMessage

from convene.core.mail import render_mail
from convene.directory.models import Person
from convene.registrations.calendar import calendar_bytes, session_filename
from convene.registrations.links import confirm_url, feed_url, join_url, manage_url
from convene.registrations.models import Registration, RegistrationRequest, RegistrationStatus


def _message(prefix: str, context: dict, language: str, to: str) -> EmailMessage:
    subject, body = render_mail(f"registrations/mail/{prefix}", context, language)
    return EmailMessage(subject=subject, body=body, to=[to])


def request_mail(request: RegistrationRequest) -> EmailMessage:
    """The double opt-in: the sessions asked for and the confirmation link."""
    registrations = list(request.registrations.select_related("session__series"))
    context = {
        "person": request.person,
        "series": request.series,
        "registrations": registrations,
        "confirm_url": confirm_url(request),
        "manage_url": manage_url(request.person),
    }
    return _message("request", context, request.language, request.person.email)


def confirmed_mail(request: RegistrationRequest) -> EmailMessage:
    """After confirming: one .ics per session, and join links for confirmed sessions."""
    registrations = list(request.registrations.select_related("session__series"))
    rows = [
        (r, join_url(r) if r.status == RegistrationStatus.CONFIRMED else "") for r in registrations
    ]
    context = {
        "person": request.person,
        "series": request.series,
        "rows": rows,
        "manage_url": manage_url(request.person),
        "feed_url": feed_url(request.person),
    }
    message = _message("confirmed", context, request.language, request.person.email)
    for registration in registrations:
        if registration.status in (RegistrationStatus.CONFIRMED, RegistrationStatus.WAITLISTED):
            message.attach(
                session_filename(registration.session),
                calendar_bytes(
                    [registration.session], registrations={registration.session_id: registration}
                ),
                "text/calendar",
            )
    return message


def registration_mail(kind: str, registration: Registration) -> EmailMessage:
    """Promotion off the waitlist, or cancellation, of one session."""
    context = {
        "person": registration.person,
        "session": registration.session,
        "join_url": join_url(registration),
        "manage_url": manage_url(registration.person),
    }
    message = _message(kind, context, registration.request.language, registration.person.email)
    message.attach(
        session_filename(registration.session),
        calendar_bytes(
            [registration.session], registrations={registration.session_id: registration}
        ),
        "text/calendar",
    )
    return message


def manage_link_mail(person: Person) -> EmailMessage:
    context = {"person": person, "manage_url": manage_url(person)}
    return _message("manage_link", context, person.preferred_language, person.email)
