"""Calendar files (RFC 5545) with icalendar: one per session, series feeds, personal feeds.

Each session keeps one UID for life; SEQUENCE grows when it changes. Downloads, feeds and the
confirmation mail's file are METHOD:PUBLISH; the file a mail sends for a cancelled session or
registration is METHOD:CANCEL (STATUS:CANCELLED), so calendars remove the event. Every event has
the properties RFC 5546 requires for both methods (ORGANIZER, DTSTAMP, UID, SEQUENCE), checked
with libical in the tests. Times are written in UTC: every client reads
them the same way, whereas generated VTIMEZONEs (RDATE lists) are misread by some readers
(vobject 0.9.9 takes only the first RDATE and shows summer times an hour off). The session's
own zone is named in the description.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from email.utils import parseaddr

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event, vCalAddress, vText

from convene.programme.models import Session, SessionStatus
from convene.registrations.links import absolute, join_url
from convene.registrations.models import Registration, RegistrationStatus

PRODID = "-//Convene//Web-conference series//EN"


def session_uid(session: Session) -> str:
    return f"{session.uid}@convene"


def organizer() -> vCalAddress:
    """The network, as the sender of its mails (``DEFAULT_FROM_EMAIL``)."""
    name, address = parseaddr(settings.DEFAULT_FROM_EMAIL)
    value = vCalAddress(f"mailto:{address or settings.DEFAULT_FROM_EMAIL}")
    if name:
        value.params["cn"] = vText(name)
    return value


def session_event(session: Session, registration: Registration | None = None) -> Event:
    event = Event()
    event.add("uid", session_uid(session))
    event.add("sequence", session.sequence)
    event.add("dtstamp", timezone.now())
    event.add("organizer", organizer())
    event.add("dtstart", session.starts_at.astimezone(dt.UTC))
    event.add("dtend", session.ends_at.astimezone(dt.UTC))
    event.add("summary", f"{session.series.title}: {session.title}")
    local = session.starts_at.astimezone(session.zone)
    description = (
        f"{str(session.abstract).strip()}\n\n{local:%Y-%m-%d %H:%M} ({session.timezone})".strip()
    )
    confirmed = registration is not None and registration.status == RegistrationStatus.CONFIRMED
    if confirmed and registration is not None:
        link = join_url(registration)
        event.add("location", vText(link))
        event.add("url", link)
        description = f"{description}\n\n{link}".strip()
    else:
        event.add("url", absolute(f"/sessions/{session.slug}/"))
    if description:
        event.add("description", description)
    cancelled = session.status == SessionStatus.CANCELLED or (
        registration is not None and registration.status == RegistrationStatus.CANCELLED
    )
    # A feed shows a place on the waitlist (or a seat not confirmed yet) as TENTATIVE: the
    # person holds no seat, so the event is not confirmed for them.
    unconfirmed = registration is not None and registration.status in (
        RegistrationStatus.PENDING,
        RegistrationStatus.WAITLISTED,
    )
    event.add("status", "CANCELLED" if cancelled else "TENTATIVE" if unconfirmed else "CONFIRMED")
    return event


def calendar_method(session: Session, registration: Registration | None = None) -> str:
    """The METHOD of a mail's file about one session: CANCEL when the session or the
    registration is cancelled (the event leaves the calendar), otherwise PUBLISH."""
    cancelled = session.status == SessionStatus.CANCELLED or (
        registration is not None and registration.status == RegistrationStatus.CANCELLED
    )
    return "CANCEL" if cancelled else "PUBLISH"


def calendar_bytes(
    sessions: Iterable[Session],
    *,
    registrations: dict[int, Registration] | None = None,
    name: str = "",
    method: str = "PUBLISH",
) -> bytes:
    """A VCALENDAR with one VEVENT per session (times in UTC).

    ``method`` is PUBLISH for downloads and feeds, where a cancelled session stays listed as
    STATUS:CANCELLED; a mail about one cancelled session or registration passes CANCEL
    (``calendar_method``).
    """
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    sessions = list(sessions)
    calendar.add("method", method)
    if name:
        calendar.add("x-wr-calname", name)
    for session in sessions:
        registration = (registrations or {}).get(session.pk)
        calendar.add_component(session_event(session, registration))
    return calendar.to_ical()


def session_filename(session: Session) -> str:
    return f"{session.slug}.ics"
