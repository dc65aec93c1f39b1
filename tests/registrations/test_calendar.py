"""Every calendar Convene serves, read back with vobject and checked with libical: two
libraries independent of the icalendar package that writes them, so a file they agree on is one
calendars read. libical also checks the iTIP rules (RFC 5546) of each file's METHOD.

Times are written in UTC (see convene.registrations.calendar for why), so vobject's reading of
each DTSTART is compared with the instant directly.
"""

import datetime as dt

import pytest
import vobject
from django.test import Client

from convene.core.mail import outbox_attachment, outbox_list
from convene.core.models import LinkPurpose, LinkToken
from convene.programme.services import session_cancel, session_update
from convene.registrations.join_tokens import join_secret
from convene.registrations.links import feed_token, join_url, manage_token
from convene.registrations.models import Registration, RegistrationStatus
from convene.registrations.services import (
    registration_cancel,
    registration_request_confirm,
    registration_request_create,
)
from tests import factories as f
from tests.libical import itip_errors

pytestmark = pytest.mark.django_db(transaction=True)

SUMMER = dt.datetime(2031, 7, 1, 14, 0, tzinfo=dt.UTC)  # 10:00 in New York (EDT)
WINTER = dt.datetime(2031, 1, 15, 8, 30, tzinfo=dt.UTC)  # 09:30 in Brussels (CET)
ABSTRACT = "Public spaces, safety; and trust.\nA session with Ville de Liège."


def register(session, *, confirm=True, **kw) -> Registration:
    request = registration_request_create(
        series=session.series, sessions=[session], registrant=f.registrant(**kw)
    )
    if confirm:
        registration_request_confirm(request=request)
    return Registration.objects.select_related("person", "session").get(
        pk=request.registrations.get().pk
    )


def instant(prop) -> dt.datetime:
    """The UTC instant a DTSTART/DTEND stands for, as vobject reads it."""
    assert prop.value.utcoffset() == dt.timedelta(0), "times are written in UTC"
    return prop.value.astimezone(dt.UTC)


def parse(content: bytes):
    """Parse with vobject and check what every Convene calendar must hold; libical finds no
    error in it."""
    assert itip_errors(content) == []
    calendar = vobject.readOne(content.decode("utf-8"))
    assert calendar.name == "VCALENDAR"
    assert calendar.version.value == "2.0"
    assert calendar.prodid.value
    events = calendar.contents.get("vevent", [])
    assert calendar.method.value in {"PUBLISH", "CANCEL"}
    for event in events:
        assert event.uid.value and event.dtstamp.value
        assert event.organizer.value.startswith("mailto:")
        assert event.sequence.value.isdigit()
        if calendar.method.value == "CANCEL":
            assert event.status.value == "CANCELLED"
        for prop in (event.dtstart, event.dtend):
            assert prop.value.utcoffset() == dt.timedelta(0)
    assert len({e.uid.value for e in events}) == len(events)
    return calendar


def get(url: str, status: int = 200) -> bytes:
    response = Client().get(url)
    assert response.status_code == status, url
    if status == 200:
        assert response["Content-Type"].startswith("text/calendar")
    return response.content


def public_file(session):
    return parse(get(f"/sessions/{session.slug}/calendar.ics"))


def personal_file(registration):
    token = manage_token(registration.person)
    return parse(get(f"/me/{token}/sessions/{registration.session.slug}.ics"))


def events(calendar) -> dict:
    return {e.uid.value: e for e in calendar.contents.get("vevent", [])}


def test_public_file_time_zone_instant_description_and_no_location():
    session = f.session(
        title="Safer squares", starts_at=SUMMER, timezone="America/New_York", abstract=ABSTRACT
    )
    calendar = parse(get(f"/sessions/{session.slug}/calendar.ics"))
    assert calendar.method.value == "PUBLISH"
    [event] = calendar.vevent_list
    assert event.uid.value == f"{session.uid}@convene"
    assert event.sequence.value == "0"
    assert event.status.value == "CONFIRMED"
    assert instant(event.dtstart) == SUMMER
    assert instant(event.dtend) == SUMMER + dt.timedelta(hours=1, minutes=30)
    # the session's own wall time and zone are named for people reading the description
    assert event.description.value == f"{ABSTRACT}\n\n2031-07-01 10:00 (America/New_York)"
    assert "Safer squares" in event.summary.value
    assert "location" not in event.contents


def test_winter_time_in_another_zone():
    session = f.session(starts_at=WINTER, timezone="Europe/Brussels")
    [event] = public_file(session).vevent_list
    assert instant(event.dtstart) == WINTER
    assert "2031-01-15 09:30 (Europe/Brussels)" in event.description.value


def test_uid_stays_and_sequence_grows_when_the_session_changes():
    session = f.session(starts_at=SUMMER, timezone="America/New_York")
    registration = register(session)
    before_public = public_file(session).vevent
    before_personal = personal_file(registration).vevent
    session = session_update(
        actor=None,
        session=session,
        title="Moved",
        starts_at=SUMMER + dt.timedelta(hours=2),
        ends_at=SUMMER + dt.timedelta(hours=3),
    )
    registration.refresh_from_db()
    after_public = public_file(session).vevent
    after_personal = personal_file(registration).vevent
    for before, after in ((before_public, after_public), (before_personal, after_personal)):
        assert after.uid.value == before.uid.value == f"{session.uid}@convene"
        assert int(after.sequence.value) > int(before.sequence.value)
        assert instant(after.dtstart) == SUMMER + dt.timedelta(hours=2)
        assert "Moved" in after.summary.value
    session_update(actor=None, session=session, abstract="New abstract")
    assert int(public_file(session).vevent.sequence.value) > int(after_public.sequence.value)


def test_cancelled_session_is_a_cancel_with_the_same_uid():
    series = f.series()
    session = f.session(series, starts_at=SUMMER, timezone="America/New_York")
    other = f.session(series)
    registration = register(session)
    uid = public_file(session).vevent.uid.value
    session_cancel(actor=None, session=session)
    # downloads stay PUBLISH with the event marked CANCELLED (the mail's file is a CANCEL:
    # tests/registrations/test_mails.py)
    for calendar in (public_file(session), personal_file(registration)):
        assert calendar.method.value == "PUBLISH"
        [event] = calendar.vevent_list
        assert event.uid.value == uid
        assert event.status.value == "CANCELLED"
        assert int(event.sequence.value) >= 1
        assert instant(event.dtstart) == SUMMER
    feed = parse(get(f"/series/{series.slug}/calendar.ics"))
    assert feed.method.value == "PUBLISH"  # a feed keeps the other sessions
    assert events(feed)[uid].status.value == "CANCELLED"
    assert events(feed)[f"{other.uid}@convene"].status.value == "CONFIRMED"


def test_cancelled_registration_file_is_a_cancel_without_the_join_link():
    session = f.session()
    registration = register(session)
    registration_cancel(actor=None, registration=registration)
    registration.refresh_from_db()
    calendar = personal_file(registration)
    assert calendar.method.value == "PUBLISH"  # a download: the event shown as cancelled
    [event] = calendar.vevent_list
    assert event.status.value == "CANCELLED"
    assert event.uid.value == f"{session.uid}@convene"
    assert "location" not in event.contents
    # the cancellation mail carries the same CANCEL
    [mail] = [m for m in outbox_list() if m.subject.startswith("Registration cancelled")]
    attachment = outbox_attachment(name=mail.name, index=0)
    assert attachment is not None
    attached = parse(attachment[2])
    assert attached.method.value == "CANCEL"
    assert attached.vevent.status.value == "CANCELLED"


def test_join_link_is_the_location_only_for_a_confirmed_registrant():
    series = f.series()
    session = f.session(series, capacity=1, abstract=ABSTRACT)
    confirmed = register(session)
    waitlisted = register(session)
    pending = register(f.session(series), confirm=False)
    assert (confirmed.status, waitlisted.status, pending.status) == (
        "confirmed",
        "waitlisted",
        "pending",
    )

    [event] = personal_file(confirmed).vevent_list
    assert event.location.value == join_url(confirmed)
    assert join_url(confirmed) in event.description.value
    assert event.description.value.startswith(ABSTRACT)

    for registration in (waitlisted, pending):
        content = get(
            f"/me/{manage_token(registration.person)}/sessions/{registration.session.slug}.ics"
        )
        [event] = parse(content).vevent_list
        assert "location" not in event.contents
        assert b"/j/" not in content
    for content in (
        get(f"/sessions/{session.slug}/calendar.ics"),
        get(f"/series/{series.slug}/calendar.ics"),
    ):
        assert all("location" not in e.contents for e in parse(content).vevent_list)
        assert b"/j/" not in content
        assert join_secret(confirmed.join_salt).encode() not in content


def test_series_feed_holds_one_event_per_public_session():
    series = f.series()
    brussels = f.session(series, starts_at=WINTER, timezone="Europe/Brussels")
    new_york = f.session(series, starts_at=SUMMER, timezone="America/New_York")
    called_off = f.session(series)
    session_cancel(actor=None, session=called_off)
    f.session(series, status="draft")
    f.session()  # another series
    feed = parse(get(f"/series/{series.slug}/calendar.ics"))
    assert feed.method.value == "PUBLISH"
    assert feed.contents["x-wr-calname"][0].value == str(series.title)
    found = events(feed)
    assert set(found) == {f"{s.uid}@convene" for s in (brussels, new_york, called_off)}
    assert instant(found[f"{brussels.uid}@convene"].dtstart) == WINTER
    assert instant(found[f"{new_york.uid}@convene"].dtstart) == SUMMER


def test_personal_feed_holds_only_the_persons_sessions():
    first, second = f.series(), f.series()
    a = f.session(first, starts_at=WINTER, timezone="Europe/Brussels")
    b = f.session(second, starts_at=SUMMER, timezone="America/New_York", capacity=1)
    mine_a = register(a, email="marie@bordeaux.example")
    register(b, email="someone@else.example")  # takes b's only seat
    mine_b = register(b, email="marie@bordeaux.example")  # so Marie waits
    dropped = register(f.session(first), email="marie@bordeaux.example")
    registration_cancel(actor=None, registration=dropped)
    register(f.session(first), email="someone@else.example")
    assert mine_b.status == RegistrationStatus.WAITLISTED

    feed = parse(get(f"/calendar/{feed_token(mine_a.person)}.ics"))
    assert feed.method.value == "PUBLISH"
    found = events(feed)
    assert set(found) == {f"{a.uid}@convene", f"{b.uid}@convene"}
    assert found[f"{a.uid}@convene"].location.value == join_url(mine_a)
    assert "location" not in found[f"{b.uid}@convene"].contents
    assert found[f"{a.uid}@convene"].status.value == "CONFIRMED"
    assert found[f"{b.uid}@convene"].status.value == "TENTATIVE"  # on the waitlist: no seat
    assert instant(found[f"{b.uid}@convene"].dtstart) == SUMMER
    assert instant(found[f"{a.uid}@convene"].dtstart) == WINTER


def test_confirmation_mail_attachments_read_back():
    series = f.series()
    full = f.session(series, capacity=0)
    open_one = f.session(series, starts_at=SUMMER, timezone="America/New_York")
    request = registration_request_create(
        series=series, sessions=[full, open_one], registrant=f.registrant()
    )
    registration_request_confirm(request=request)
    [mail] = [m for m in outbox_list() if m.subject.startswith("You are registered")]
    by_uid = {}
    for index in range(len(mail.attachments)):
        attachment = outbox_attachment(name=mail.name, index=index)
        assert attachment is not None
        calendar = parse(attachment[2])
        by_uid[calendar.vevent.uid.value] = calendar.vevent
    confirmed = request.registrations.get(session=open_one)
    assert by_uid[f"{open_one.uid}@convene"].location.value == join_url(confirmed)
    assert instant(by_uid[f"{open_one.uid}@convene"].dtstart) == SUMMER
    assert by_uid[f"{open_one.uid}@convene"].status.value == "CONFIRMED"
    assert set(by_uid) == {f"{open_one.uid}@convene"}  # no file for the waitlisted session


@pytest.mark.parametrize(
    "token",
    [
        "nonsense",
        "1.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        "",
    ],
)
def test_bad_feed_token_is_404(token):
    person = register(f.session()).person
    good = feed_token(person)
    assert get(f"/calendar/{good}.ics")  # the real one works
    if token:
        get(f"/calendar/{token}.ics", status=404)
    else:
        get(f"/calendar/{good[:-2]}xx.ics", status=404)  # tampered


def test_other_signed_tokens_are_not_feed_tokens():
    person = register(f.session()).person
    get(f"/calendar/{manage_token(person)}.ics", status=404)
    get(f"/me/{feed_token(person)}/sessions/anything.ics", status=404)


def test_feed_token_of_a_person_who_no_longer_exists_is_404():
    person = register(f.session()).person
    token = feed_token(person)
    LinkToken.objects.filter(purpose=LinkPurpose.FEED).update(subject_id=999999)
    get(f"/calendar/{token}.ics", status=404)


def test_personal_file_of_a_session_not_registered_for_is_404():
    registration = register(f.session())
    other = f.session()
    get(f"/me/{manage_token(registration.person)}/sessions/{other.slug}.ics", status=404)
