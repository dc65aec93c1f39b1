import datetime as dt
import re

import pytest
from django.core.cache import cache
from django.utils import timezone

from convene.core.mail import outbox_list
from convene.registrations.join_tokens import join_secret
from convene.registrations.links import manage_token
from convene.registrations.models import JoinClick, Registration, RegistrationStatus
from convene.registrations.services import registration_request_confirm, registration_request_create
from tests import factories as f

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _clear_rate_limits():
    cache.clear()


def form_data(sessions, **kw):
    data = {
        "sessions": [s.pk for s in sessions],
        "name": "Pieter Van den Berg",
        "email": "pieter@gent.example",
        "organisation": "Stad Gent",
        "job_title": "Prevention officer",
        "country": "BE",
        "language": "en",
        "consent": "on",
    }
    data.update(kw)
    return data


def test_form_lists_open_sessions_only(client):
    series = f.series()
    f.session(series, title="Open one")
    f.session(series, title="Already held", days=-2)
    body = client.get(f"/series/{series.slug}/register/").content.decode()
    assert "Open one" in body and "Already held" not in body


def test_register_then_confirm_through_the_pages(client):
    series = f.series()
    a, b = f.session(series), f.session(series)
    response = client.post(f"/series/{series.slug}/register/", form_data([a, b]))
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "Check your email" in page and "seat held" in page
    [mail] = outbox_list()
    link = re.search(r"http://\S+/r/(\S+)/confirm/", mail.text)
    assert link is not None
    confirm_path = link.group(0).split("127.0.0.1:8000", 1)[1]
    # Opening the link (as a mail scanner would) confirms nothing.
    assert client.get(confirm_path).status_code == 200
    assert set(Registration.objects.values_list("status", flat=True)) == {"pending"}
    response = client.post(confirm_path)
    assert response.status_code == 302 and "/me/" in response["Location"]
    assert set(Registration.objects.values_list("status", flat=True)) == {"confirmed"}
    manage = client.get(response["Location"]).content.decode()
    assert str(a.title) in manage and str(b.title) in manage and "Confirmed" in manage


def test_errors_are_shown_inline_and_nothing_is_lost(client):
    series = f.series()
    session = f.session(series)
    response = client.post(
        f"/series/{series.slug}/register/",
        form_data([session], email="not-an-email", consent=""),
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert 'aria-invalid="true"' in body and 'id="id_email-error"' in body
    assert "You must accept the privacy notice" in body
    assert 'value="Pieter Van den Berg"' in body and 'value="Stad Gent"' in body
    assert not Registration.objects.exists()


def test_members_only_refusal_is_a_form_error(client):
    series = f.series(audience_policy="members_only")
    session = f.session(series)
    response = client.post(f"/series/{series.slug}/register/", form_data([session]))
    assert response.status_code == 400
    assert "members of the network only" in response.content.decode()


def test_honeypot_pretends_success_and_creates_nothing(client):
    series = f.series()
    session = f.session(series)
    response = client.post(
        f"/series/{series.slug}/register/", form_data([session], website="http://spam.example")
    )
    assert response.status_code == 302
    assert not Registration.objects.exists() and outbox_list() == []


def test_rate_limit_is_a_form_error(client, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "register_ip": (1, 600)}
    series = f.series()
    session = f.session(series)
    client.post(f"/series/{series.slug}/register/", form_data([session]))
    response = client.post(
        f"/series/{series.slug}/register/", form_data([session], email="other@gent.example")
    )
    assert response.status_code == 400
    assert "Too many attempts" in response.content.decode()
    assert Registration.objects.count() == 1


def test_french_registrant_gets_french_mail(client):
    series = f.series()
    session = f.session(series)
    client.post(f"/series/{series.slug}/register/", form_data([session], language="fr"))
    [mail] = outbox_list()
    assert mail.subject.startswith("Veuillez confirmer")


def _confirmed(session, **kw):
    request = registration_request_create(
        series=session.series, sessions=[session], registrant=f.registrant(**kw)
    )
    registration_request_confirm(request=request)
    return request.registrations.get()


def test_manage_page_cancels(client):
    session = f.session(f.series())
    registration = _confirmed(session)
    token = manage_token(registration.person)
    response = client.post(f"/me/{token}/cancel/{registration.pk}/")
    assert response.status_code == 302
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.CANCELLED
    assert "is cancelled" in client.get(response["Location"]).content.decode()


def test_manage_token_is_personal(client):
    session = f.session(f.series())
    mine = _confirmed(session, email="me@x.example")
    theirs = _confirmed(session, email="them@x.example")
    token = manage_token(mine.person)
    assert client.post(f"/me/{token}/cancel/{theirs.pk}/").status_code == 404
    assert client.get("/me/forged-token/").status_code == 404
    theirs.refresh_from_db()
    assert theirs.status == RegistrationStatus.CONFIRMED


def test_magic_link_request_does_not_tell_who_is_registered(client):
    session = f.session(f.series())
    _confirmed(session, email="known@x.example")
    before = len(outbox_list())
    known = client.post("/me/", {"email": "known@x.example"}).content.decode()
    unknown = client.post("/me/", {"email": "unknown@x.example"}).content.decode()
    assert "If this address has registrations" in known and "If this address" in unknown
    mails = outbox_list()[: len(outbox_list()) - before]
    assert [m.to for m in mails] == ["known@x.example"]
    assert "/me/" in mails[0].text


@pytest.mark.parametrize(
    ("offset_minutes", "redirects"),
    [(-30, False), (-14, True), (60, True), (95, False)],
)
def test_join_link_window(client, offset_minutes, redirects):
    start = timezone.now() - dt.timedelta(minutes=offset_minutes)
    session = f.session(f.series(), days=1)
    registration = _confirmed(session)
    session.starts_at, session.ends_at = start, start + dt.timedelta(minutes=90)
    session.save(update_fields=["starts_at", "ends_at"])
    response = client.get(f"/j/{join_secret(registration.join_salt)}")
    if redirects:
        assert response.status_code == 302 and response["Location"] == session.join_url
    else:
        assert response.status_code == 200 and session.join_url not in response.content.decode()
    assert JoinClick.objects.get().redirected is redirects


def test_join_link_of_waitlisted_registrant_does_not_reveal_the_room(client):
    session = f.session(f.series(), capacity=0)
    request = registration_request_create(
        series=session.series, sessions=[session], registrant=f.registrant()
    )
    registration = request.registrations.get()
    session.starts_at = timezone.now() + dt.timedelta(minutes=5)
    session.save(update_fields=["starts_at"])
    response = client.get(f"/j/{join_secret(registration.join_salt)}")
    assert response.status_code == 200
    assert "video.example" not in response.content.decode()
    assert client.get("/j/unknown-token").status_code == 404
