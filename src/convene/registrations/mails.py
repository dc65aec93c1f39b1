"""Building the registrant mails. Called by tasks; every mail carries the magic link."""

from __future__ import annotations

from email.mime.text import MIMEText

from convene.core.mail import ConveneMail, compose_mail
from convene.directory.models import Person
from convene.registrations.calendar import calendar_bytes, calendar_method, session_filename
from convene.registrations.links import (
    confirm_url,
    feed_url,
    join_url,
    manage_url,
    manage_url_on_demand,
)
from convene.registrations.models import Registration, RegistrationRequest, RegistrationStatus
from convene.registrations.selectors import registrations_of_request


def _message(prefix: str, context: dict, language: str, to: str) -> ConveneMail:
    return compose_mail(f"registrations/mail/{prefix}", context, language=language, to=[to])


def request_mail(request: RegistrationRequest) -> ConveneMail:
    """The double opt-in: the sessions asked for and the confirmation link."""
    registrations = list(registrations_of_request(request=request))
    context = {
        "person": request.person,
        "series": request.series,
        "registrations": registrations,
        "confirm_url": confirm_url(request),
        "manage_url": manage_url(request.person),
    }
    return _message("request", context, request.language, request.person.email)


def _attach_calendar(message: ConveneMail, registration: Registration) -> None:
    """The session's calendar file as a ``text/calendar`` part whose ``method`` parameter
    repeats the file's METHOD (RFC 6047), so clients update or remove the event they hold."""
    method = calendar_method(registration.session, registration)
    content = calendar_bytes(
        [registration.session],
        registrations={registration.session_id: registration},
        method=method,
    )
    part = MIMEText(content.decode("utf-8"), "calendar", "utf-8")
    part.set_param("method", method)
    part.add_header(
        "Content-Disposition", "attachment", filename=session_filename(registration.session)
    )
    message.attach(part)


def confirmed_mail(request: RegistrationRequest) -> ConveneMail:
    """After confirming: the sessions with a seat (a join link and a calendar file each) and
    the sessions on the waitlist (no calendar file: the seat is not theirs yet). When every
    session is on the waitlist, it is a waitlist mail ("You are on the waitlist")."""
    registrations = list(registrations_of_request(request=request))
    held = [r for r in registrations if r.status == RegistrationStatus.CONFIRMED]
    waiting = [r for r in registrations if r.status == RegistrationStatus.WAITLISTED]
    context = {
        "person": request.person,
        "series": request.series,
        "held": [(r, join_url(r)) for r in held],
        "waiting": waiting,
        "others": [r for r in registrations if r not in held and r not in waiting],
        "manage_url": manage_url(request.person),
        "feed_url": feed_url(request.person),
    }
    prefix = "waitlisted" if waiting and not held else "confirmed"
    message = _message(prefix, context, request.language, request.person.email)
    for registration in held:
        _attach_calendar(message, registration)
    return message


def registration_mail(kind: str, registration: Registration, *, seat: bool) -> ConveneMail:
    """A mail about one session: promotion off the waitlist, cancellation of the registration,
    or the session changed or cancelled. ``seat``: the person holds (or, cancelling, held) a
    seat; only then does the mail carry a calendar file."""
    context = {
        "person": registration.person,
        "session": registration.session,
        "join_url": join_url(registration),
        "manage_url": manage_url(registration.person),
        "calendar": seat,
        "waitlisted": registration.status == RegistrationStatus.WAITLISTED,
    }
    message = _message(kind, context, registration.request.language, registration.person.email)
    if seat:
        _attach_calendar(message, registration)
    return message


def manage_link_mail(person: Person) -> ConveneMail:
    context = {"person": person, "manage_url": manage_url_on_demand(person)}
    return _message("manage_link", context, person.preferred_language, person.email)
