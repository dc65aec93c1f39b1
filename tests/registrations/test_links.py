"""Links that grant something are random secrets stored as digests, revocable one by one, and
a mail scanner that opens them changes nothing and sees nothing (issue #16)."""

from __future__ import annotations

import datetime as dt
import importlib
import re

import pytest
from django.apps import apps
from django.core.cache import cache
from django.utils import timezone

from convene.core.mail import outbox_list
from convene.core.models import LinkPurpose, LinkToken
from convene.programme.models import Session
from convene.registrations.models import Registration, RegistrationRequest, RegistrationStatus
from convene.registrations.services import registration_request_confirm, registration_request_create
from tests import factories as f

pytestmark = pytest.mark.django_db(transaction=True)

EMAIL = "ines@porto.example"


@pytest.fixture(autouse=True)
def _clear_rate_limits():
    cache.clear()


def _path(mail_text: str, pattern: str) -> str:
    found = re.search(rf"http://127\.0\.0\.1:8000({pattern})", mail_text)
    assert found is not None, mail_text
    return found.group(1)


def _newest_mail_to(email: str):
    return next(m for m in outbox_list() if m.to == email)


def _confirmed(email: str = EMAIL):
    session = f.session(f.series())
    request = registration_request_create(
        series=session.series, sessions=[session], registrant=f.registrant(email)
    )
    registration_request_confirm(request=request)
    return request.registrations.get()


def _ask_for_link(client, email: str = EMAIL) -> str:
    assert client.post("/me/", {"email": email}).status_code == 200
    return _path(_newest_mail_to(email).text, r"/me/[^/\s]+/")


def test_confirmation_secret_is_stored_as_a_digest_and_the_mailed_link_confirms(client):
    session = f.session(f.series())
    request = registration_request_create(
        series=session.series, sessions=[session], registrant=f.registrant(EMAIL)
    )
    path = _path(_newest_mail_to(EMAIL).text, r"/r/[^/\s]+/confirm/")
    raw = path.split("/")[2]
    request.refresh_from_db()
    assert request.token != raw and len(request.token) == 64
    assert raw not in str(list(RegistrationRequest.objects.values_list("token", flat=True)))
    assert client.post(path).status_code == 302
    assert Registration.objects.get().status == RegistrationStatus.CONFIRMED


def test_migration_hashes_stored_confirmation_tokens_so_sent_links_keep_working(client):
    session = f.session(f.series())
    request = registration_request_create(
        series=session.series, sessions=[session], registrant=f.registrant(EMAIL)
    )
    old_raw = "legacy-token-sent-before-the-upgrade-1234"
    RegistrationRequest.objects.filter(pk=request.pk).update(token=old_raw)  # as stored before
    migration = importlib.import_module(
        "convene.registrations.migrations.0003_hash_confirmation_tokens"
    )
    migration.hash_tokens(apps, None)
    migration.hash_tokens(apps, None)  # running twice hashes once
    request.refresh_from_db()
    assert request.token != old_raw and len(request.token) == 64
    assert client.post(f"/r/{old_raw}/confirm/").status_code == 302
    assert Registration.objects.get().status == RegistrationStatus.CONFIRMED


def test_opening_a_my_registrations_link_shows_a_button_and_nothing_personal(client):
    registration = _confirmed()
    path = _path(_newest_mail_to(EMAIL).text, r"/me/[^/\s]+/")
    scanner = client.get(path)
    assert scanner.status_code == 200
    body = scanner.content.decode()
    assert "Show my registrations" in body
    assert EMAIL not in body and str(registration.session.title) not in body
    opened = client.post(path)
    assert opened.status_code == 302
    page = client.get(opened["Location"]).content.decode()
    assert EMAIL in page and str(registration.session.title) in page


def test_the_link_carries_no_id_and_only_its_digest_is_stored(client):
    registration = _confirmed()
    path = _path(_newest_mail_to(EMAIL).text, r"/me/[^/\s]+/")
    raw = path.split("/")[2]
    assert len(raw) >= 43 and str(registration.person_id) not in raw.split("-")
    digests = list(LinkToken.objects.values_list("digest", flat=True))
    assert digests and raw not in digests


def test_email_me_my_link_revokes_the_link_asked_for_before(client):
    """Fails on the code before issue #16: the earlier link worked for 180 days whatever
    happened after."""
    _confirmed()
    first = _ask_for_link(client)
    second = _ask_for_link(client)
    assert first != second
    stale = client.get(first)
    assert stale.status_code == 410
    body = stale.content.decode()
    assert "newer link was sent" in body and 'name="email"' in body
    assert client.post(first).status_code == 410
    assert client.get(second).status_code == 200
    assert "Show my registrations" in client.get(second).content.decode()


def test_the_link_in_a_registration_mail_still_works_after_a_new_one_was_asked_for(client):
    registration = _confirmed()
    from_mail = _path(_newest_mail_to(EMAIL).text, r"/me/[^/\s]+/")
    _ask_for_link(client)
    _ask_for_link(client)
    # Cancelling from the old confirmation mail works.
    assert client.post(f"{from_mail}cancel/{registration.pk}/").status_code == 302
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.CANCELLED


def test_the_link_stops_working_when_the_last_session_has_ended(client):
    registration = _confirmed()
    path = _path(_newest_mail_to(EMAIL).text, r"/me/[^/\s]+/")
    assert client.get(path).status_code == 200
    past = timezone.now() - dt.timedelta(hours=1)
    Session.objects.filter(pk=registration.session_id).update(
        starts_at=past - dt.timedelta(hours=2), ends_at=past
    )
    response = client.get(path)
    assert response.status_code == 410
    assert "expired" in response.content.decode()


def test_a_link_asked_for_after_the_last_session_works_for_a_week(client):
    """Someone whose sessions are over asks for their link to export or erase their data: the
    link works for ON_DEMAND_LIFETIME, then expires like the others."""
    registration = _confirmed()
    from_mail = _path(_newest_mail_to(EMAIL).text, r"/me/[^/\s]+/")
    past = timezone.now() - dt.timedelta(days=30)
    Session.objects.filter(pk=registration.session_id).update(
        starts_at=past - dt.timedelta(hours=2), ends_at=past
    )
    assert client.get(from_mail).status_code == 410
    asked = _ask_for_link(client)
    assert client.get(asked).status_code == 200
    token = LinkToken.objects.get(purpose=LinkPurpose.MANAGE_ON_DEMAND)
    LinkToken.objects.filter(pk=token.pk).update(
        created_at=timezone.now() - dt.timedelta(days=7, minutes=1)
    )
    assert client.get(asked).status_code == 410


def test_an_unknown_confirmation_link_explains_and_offers_a_new_link(client):
    response = client.get("/r/no-such-token/confirm/")
    assert response.status_code == 404
    body = response.content.decode()
    assert "We do not know this confirmation link" in body
    assert 'action="/me/"' in body and 'name="email"' in body


def test_calendar_feed_link_can_be_reset_from_the_persons_page(client):
    _confirmed()
    mail = _newest_mail_to(EMAIL).text
    feed = _path(mail, r"/calendar/[^/\s]+\.ics")
    manage = _path(mail, r"/me/[^/\s]+/")
    assert client.get(feed).status_code == 200
    client.post(manage)
    page = client.post(f"{manage}calendar/")
    assert page.status_code == 200
    new_feed = re.search(r"http://127\.0\.0\.1:8000(/calendar/[^<\s]+\.ics)", page.content.decode())
    assert new_feed is not None
    assert client.get(feed).status_code == 404
    assert client.get(new_feed.group(1)).status_code == 200
    assert LinkToken.objects.filter(purpose=LinkPurpose.FEED, revoked_at__isnull=True).count() == 1
