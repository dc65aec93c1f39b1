"""Registration states say the truth (issue #14, section 5): the waitlist mail and page, the
link of an earlier request, and who hears about a session and with what calendar file."""

import datetime as dt
import re

import pytest
import vobject
from django.core.cache import cache
from django.utils import timezone

from convene.core.mail import outbox_attachment, outbox_list
from convene.registrations.models import Registration, RegistrationStatus
from convene.registrations.services import (
    registration_cancel,
    registration_request_confirm,
    registration_request_create,
    registrations_lapse,
    session_cancel_notify,
    session_update_notify,
)
from tests import factories as f

pytestmark = pytest.mark.django_db(transaction=True)  # mails are queued on commit

P, C, W = RegistrationStatus.PENDING, RegistrationStatus.CONFIRMED, RegistrationStatus.WAITLISTED


@pytest.fixture(autouse=True)
def _clear_rate_limits():
    cache.clear()


def register(series, sessions, **kw):
    return registration_request_create(
        series=series, sessions=sessions, registrant=f.registrant(**kw)
    )


def status(session, email):
    return Registration.objects.get(session=session, person__email=email).status


def mails_to(email, prefix=""):
    return [m for m in outbox_list() if m.to == email and m.subject.startswith(prefix)]


def confirm_path(mail) -> str:
    link = re.search(r"http://\S+/r/(\S+)/confirm/", mail.text)
    assert link is not None
    return link.group(0).split("127.0.0.1:8000", 1)[1]


def form(sessions, email):
    return {
        "sessions": [s.pk for s in sessions],
        "name": "Pieter Van den Berg",
        "email": email,
        "organisation": "Stad Gent",
        "country": "BE",
        "language": "en",
        "consent": "on",
    }


# The waitlist: its own mail and page, no calendar file until a seat is theirs.


def test_a_waitlisted_person_gets_a_waitlist_mail_without_a_calendar_file():
    series = f.series()
    full = f.session(series, capacity=1)
    registration_request_confirm(request=register(series, [full]))  # takes the only seat
    request = register(series, [full], email="wait@gent.example")
    assert status(full, "wait@gent.example") == W
    registration_request_confirm(request=request)

    [mail] = mails_to("wait@gent.example", prefix="You are")
    assert mail.subject == f"You are on the waitlist: {series.title}"
    assert mail.attachments == []
    assert "/j/" not in mail.text  # no join link either
    assert "If a seat frees up" in mail.text and str(full.title) in mail.text

    # The calendar file comes with the promotion.
    holder = Registration.objects.get(session=full, status=C)
    registration_cancel(actor=None, registration=holder)
    assert status(full, "wait@gent.example") == C
    [promoted] = mails_to("wait@gent.example", prefix="A seat is yours")
    [(name, content_type, _size)] = promoted.attachments
    assert (name, content_type) == (f"{full.slug}.ics", "text/calendar")
    event = vobject.readOne(outbox_attachment(name=promoted.name, index=0)[2].decode()).vevent
    assert event.status.value == "CONFIRMED" and event.uid.value == f"{full.uid}@convene"
    assert "/j/" in event.location.value


def test_the_check_your_email_page_says_waitlist_and_what_happens_next(client):
    series = f.series()
    full = f.session(series, capacity=0)
    response = client.post(
        f"/series/{series.slug}/register/", form([full], email="wait@gent.example")
    )
    page = client.get(response["Location"]).content.decode()
    assert "on the waitlist" in page and "in the order they registered" in page
    assert "48 hours" not in page  # no seat is held


def test_a_mixed_request_says_which_session_is_which(client):
    series = f.series()
    full = f.session(series, capacity=0, title="The full one")
    room = f.session(series, title="The open one")
    response = client.post(
        f"/series/{series.slug}/register/", form([full, room], email="mix@gent.example")
    )
    page = client.get(response["Location"]).content.decode()
    assert "The full one: <strong>full: you are on the waitlist" in page
    assert "The open one: <strong>seat held, waiting for your confirmation" in page
    assert "held for you for 48 hours" in page and "in the order they registered" in page

    [request_mail] = mails_to("mix@gent.example")
    assert client.post(confirm_path(request_mail)).status_code == 302
    [mail] = mails_to("mix@gent.example", prefix="You are registered")
    assert [name for name, _t, _s in mail.attachments] == [f"{room.slug}.ics"]
    held, waiting = mail.text.split("These sessions are full")
    assert "The open one" in held and "/j/" in held and "The full one" not in held
    assert "The full one" in waiting and "/j/" not in waiting


# Registering again: the earlier link still confirms the sessions it asked for.


@pytest.mark.parametrize("order", ["earlier link first", "newer link first"])
def test_both_links_confirm_what_their_mail_asked_for(client, order):
    series = f.series()
    a, b = f.session(series, title="First asked"), f.session(series, title="Added later")
    email = "twice@gent.example"
    client.post(f"/series/{series.slug}/register/", form([a], email=email))
    client.post(f"/series/{series.slug}/register/", form([a, b], email=email))
    newer, earlier = mails_to(email, prefix="Please confirm")  # newest first
    assert "Added later" not in earlier.text and "Added later" in newer.text

    if order == "earlier link first":
        response = client.post(confirm_path(earlier))
        assert response.status_code == 302 and "/me/" in response["Location"]
        # It confirmed the session its mail asked for, not the one only the newer mail lists.
        assert (status(a, email), status(b, email)) == (C, P)
        assert client.post(confirm_path(newer)).status_code == 302
    else:
        assert client.post(confirm_path(newer)).status_code == 302
        assert (status(a, email), status(b, email)) == (C, C)
        assert client.post(confirm_path(earlier)).status_code == 302  # changes nothing
    assert (status(a, email), status(b, email)) == (C, C)

    # Nothing is left to lapse: the seats stay confirmed two days later.
    assert registrations_lapse(now=timezone.now() + dt.timedelta(hours=49)) == 0
    assert (status(a, email), status(b, email)) == (C, C)


def test_the_earlier_link_page_lists_the_sessions_it_confirms(client):
    series = f.series()
    a = f.session(series, title="First asked")
    email = "twice@gent.example"
    client.post(f"/series/{series.slug}/register/", form([a], email=email))
    client.post(f"/series/{series.slug}/register/", form([a], email=email))
    _newer, earlier = mails_to(email, prefix="Please confirm")
    page = client.get(confirm_path(earlier)).content.decode()
    assert "First asked" in page


def test_a_confirmed_place_on_the_waitlist_survives_registering_again():
    """Registering again moves the row to the newer, unconfirmed request; the place stays
    confirmed, so it is still promoted."""
    series = f.series()
    full, other = f.session(series, capacity=1), f.session(series)
    holder = register(series, [full])
    registration_request_confirm(request=holder)
    registration_request_confirm(request=register(series, [full], email="w@gent.example"))
    register(series, [full, other], email="w@gent.example")  # not confirmed
    registration_cancel(actor=None, registration=holder.registrations.get())
    assert status(full, "w@gent.example") == C
    assert status(other, "w@gent.example") == P


def test_an_unconfirmed_place_on_the_waitlist_lapses_and_a_late_click_still_counts():
    series = f.series()
    full = f.session(series, capacity=0)
    request = register(series, [full], email="late@gent.example")
    assert registrations_lapse(now=timezone.now() + dt.timedelta(hours=47)) == 0
    assert registrations_lapse(now=timezone.now() + dt.timedelta(hours=49)) == 1
    assert status(full, "late@gent.example") == RegistrationStatus.LAPSED
    registration_request_confirm(request=request)
    registration = Registration.objects.get(session=full)
    assert registration.status == W and registration.confirmed_at is not None


# Mails about a session go to people who confirmed; calendar files to seat holders only.


def _people_in_every_state(series, session):
    """A confirmed seat, a confirmed place on the waitlist, an unconfirmed place on the
    waitlist and an unconfirmed (pending) seat, for ``session`` of capacity 2."""
    registration_request_confirm(request=register(series, [session], email="seat@x.example"))
    register(series, [session], email="pending@x.example")
    registration_request_confirm(request=register(series, [session], email="wait@x.example"))
    register(series, [session], email="unconfirmed@x.example")
    assert [
        status(session, e)
        for e in ("seat@x.example", "pending@x.example", "wait@x.example", "unconfirmed@x.example")
    ] == [C, P, W, W]


def test_a_session_change_reaches_only_people_who_confirmed():
    series = f.series()
    session = f.session(series, capacity=2)
    _people_in_every_state(series, session)
    session_update_notify(
        actor=None,
        session=session,
        starts_at=session.starts_at + dt.timedelta(hours=2),
        ends_at=session.ends_at + dt.timedelta(hours=2),
    )
    updates = {m.to: m for m in outbox_list() if m.subject.startswith("Session updated")}
    assert set(updates) == {"seat@x.example", "wait@x.example"}

    seat = updates["seat@x.example"]
    [(name, content_type, _size)] = seat.attachments
    assert (name, content_type) == (f"{session.slug}.ics", "text/calendar")
    event = vobject.readOne(outbox_attachment(name=seat.name, index=0)[2].decode()).vevent
    assert event.status.value == "CONFIRMED" and int(event.sequence.value) == 1
    moved = (session.starts_at + dt.timedelta(hours=2)).replace(microsecond=0)
    assert event.dtstart.value.astimezone(dt.UTC) == moved

    waiting = updates["wait@x.example"]
    assert waiting.attachments == []  # the news, without a file for a seat they do not hold
    assert "on the waitlist" in waiting.text and "attached" not in waiting.text


def test_a_session_cancellation_reaches_only_people_who_confirmed():
    series = f.series()
    session = f.session(series, capacity=2)
    _people_in_every_state(series, session)
    session_cancel_notify(actor=None, session=session)
    cancelled = {m.to: m for m in outbox_list() if m.subject.startswith("Session cancelled")}
    assert set(cancelled) == {"seat@x.example", "wait@x.example"}
    seat = cancelled["seat@x.example"]
    calendar = vobject.readOne(outbox_attachment(name=seat.name, index=0)[2].decode())
    assert calendar.method.value == "CANCEL" and calendar.vevent.status.value == "CANCELLED"
    assert cancelled["wait@x.example"].attachments == []


def test_leaving_the_waitlist_sends_no_calendar_file():
    series = f.series()
    session = f.session(series, capacity=2)
    _people_in_every_state(series, session)
    for email in ("wait@x.example", "seat@x.example"):  # waiting first: not promoted
        registration_cancel(actor=None, registration=Registration.objects.get(person__email=email))
    [seat] = mails_to("seat@x.example", prefix="Registration cancelled")
    [waiting] = mails_to("wait@x.example", prefix="Registration cancelled")
    assert [t for _n, t, _s in seat.attachments] == ["text/calendar"]
    assert waiting.attachments == [] and "calendar" not in waiting.text


def test_the_manage_page_offers_a_calendar_file_only_for_a_seat(client):
    from convene.registrations.links import manage_token

    series = f.series()
    full, room = f.session(series, capacity=0), f.session(series)
    request = register(series, [full, room], email="m@x.example")
    registration_request_confirm(request=request)
    page = client.post(f"/me/{manage_token(request.person)}/", follow=True).content.decode()
    assert f"/sessions/{room.slug}.ics" in page and f"/sessions/{full.slug}.ics" not in page
