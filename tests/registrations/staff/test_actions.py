"""Staff actions on registrations: add by hand, promote from the waitlist, email all confirmed."""

from __future__ import annotations

import pytest

from convene.core.mail import outbox_list
from convene.core.models import AuditLog
from convene.registrations.models import Registration, RegistrationStatus
from convene.registrations.services import (
    registration_cancel,
)
from convene.registrations.tasks import send_session_message_task
from tests import factories as f
from tests.registrations.staff.conftest import (
    register,
    series_url,
    session_url,
)

pytestmark = pytest.mark.django_db


# --- Add by hand -------------------------------------------------------------------------------


def add_data(**kw: str) -> dict[str, str]:
    data = {
        "add-name": "Hélène Dubois",
        "add-email": "helene@mairie.example",
        "add-organisation": "Mairie de Lyon",
        "add-country": "FR",
        "add-language": "fr",
    }
    data.update({f"add-{k}": v for k, v in kw.items()})
    return data


def test_add_by_hand_confirms_at_once(staff_client, staff, session):
    response = staff_client.post(f"{session_url(session)}add/", add_data())
    assert response.status_code == 302 and response["Location"] == session_url(session)
    registration = Registration.objects.select_related("person", "request").get(session=session)
    assert registration.status == RegistrationStatus.CONFIRMED
    assert registration.source == "staff"
    assert registration.request.confirmed_at is not None
    assert registration.request.language == "fr"
    assert registration.request.consent_version.startswith("staff:")
    person = registration.person
    assert (person.name, person.email, person.organisation_text, person.country) == (
        "Hélène Dubois",
        "helene@mairie.example",
        "Mairie de Lyon",
        "FR",
    )
    entry = AuditLog.objects.get(code="registrations.registration.added")
    assert entry.actor == staff and entry.object_id == str(registration.pk)
    created = AuditLog.objects.get(code="registrations.request.created")
    assert created.actor == staff and created.details["source"] == "staff"
    page = staff_client.get(response["Location"]).content.decode()
    assert "Hélène Dubois is registered and confirmed." in page


def test_add_by_hand_to_a_full_session_waitlists(staff_client, session):
    full = f.session(session.series, capacity=0)
    response = staff_client.post(f"{session_url(full)}add/", add_data(), follow=True)
    assert Registration.objects.get(session=full).status == RegistrationStatus.WAITLISTED
    assert "is on the waitlist: the session is full." in response.content.decode()


def test_add_by_hand_shows_errors_and_keeps_input(staff_client, session):
    response = staff_client.post(f"{session_url(session)}add/", add_data(email="not-an-email"))
    assert response.status_code == 400
    body = response.content.decode()
    assert 'id="id_add-email-error"' in body and 'aria-invalid="true"' in body
    assert 'value="Hélène Dubois"' in body and 'id="error-summary"' in body
    assert not Registration.objects.exists()


def test_add_by_hand_reports_a_closed_session(staff_client, session):
    past = f.session(session.series, days=-1)
    response = staff_client.post(f"{session_url(past)}add/", add_data())
    assert response.status_code == 400
    assert "it has started" in response.content.decode()
    assert not Registration.objects.exists()


def test_add_by_hand_respects_members_only(staff_client):
    members = f.session(f.series(audience_policy="members_only"))
    response = staff_client.post(f"{session_url(members)}add/", add_data())
    assert response.status_code == 400
    body = response.content.decode()
    assert "is for members of the network only" in body and 'id="id_add-organisation-error"' in body
    assert not Registration.objects.exists()


# --- Promote -----------------------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_promote_moves_off_the_waitlist_and_tells_them(staff_client, staff):
    full = f.session(f.series(), capacity=0)
    waiting = register(full, name="Wim Wachter", email="wim@stad.example")
    next_url = f"{session_url(full)}?status=waitlisted"
    response = staff_client.post(f"/staff/registrations/{waiting.pk}/promote/", {"next": next_url})
    assert response.status_code == 302 and response["Location"] == next_url
    waiting.refresh_from_db()
    assert waiting.status == RegistrationStatus.CONFIRMED
    entry = AuditLog.objects.get(code="registrations.registration.promoted")
    assert entry.actor == staff
    assert any(m.to == "wim@stad.example" and str(full.title) in m.subject for m in outbox_list())
    page = staff_client.get(session_url(full)).content.decode()
    assert "Wim Wachter is moved off the waitlist and confirmed." in page


def test_promote_refuses_what_is_not_waitlisted(staff_client, session):
    confirmed = register(session)
    response = staff_client.post(
        f"/staff/registrations/{confirmed.pk}/promote/",
        {"next": "https://evil.example/"},
        follow=True,
    )
    assert response.redirect_chain[0][0] == session_url(session)  # not the foreign next
    assert "Only a waitlisted registration" in response.content.decode()
    assert not AuditLog.objects.filter(code="registrations.registration.promoted").exists()


def test_promote_button_only_on_waitlisted_rows(staff_client, session):
    register(session)
    full = f.session(session.series, capacity=0)
    waiting = register(full)
    body = staff_client.get(series_url(session)).content.decode()
    assert body.count("/promote/") == 1
    assert f"/staff/registrations/{waiting.pk}/promote/" in body


# --- Email all confirmed -----------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_email_goes_to_each_confirmed_registrant_only(staff_client, staff):
    session = f.session(f.series(), capacity=2)
    register(session, name="Ana Confirmed", email="ana@one.example")
    register(session, name="Ben Confirmed", email="ben@two.example")
    register(session, confirm=False, email="pending@three.example")
    register(session, email="waiting@four.example")  # full: waitlisted
    register(f.session(session.series), email="other@five.example")  # another session
    before = {m.name for m in outbox_list()}
    response = staff_client.post(
        f"{session_url(session)}email/",
        {"mail-subject": "Slides and  agenda", "mail-message": "The slides are attached.\n"},
    )
    assert response.status_code == 302
    sent = [m for m in outbox_list() if m.name not in before]
    assert sorted(m.to for m in sent) == ["ana@one.example", "ben@two.example"]
    assert {m.subject for m in sent} == {"Slides and agenda"}
    ana = next(m for m in sent if m.to == "ana@one.example")
    assert "Hello Ana Confirmed" in ana.text and "The slides are attached." in ana.text
    assert str(session.title) in ana.text and "/me/" in ana.text  # the management link
    entry = AuditLog.objects.get(code="registrations.session.emailed")
    assert entry.actor == staff and entry.details == {
        "subject": "Slides and agenda",
        "recipients": 2,
    }
    page = staff_client.get(response["Location"]).content.decode()
    assert "Your message is queued for 2 confirmed registrants." in page


@pytest.mark.django_db(transaction=True)
def test_email_with_nobody_confirmed_sends_nothing(staff_client, session):
    register(session, confirm=False)
    before = len(outbox_list())
    response = staff_client.post(
        f"{session_url(session)}email/",
        {"mail-subject": "Hi", "mail-message": "Hello"},
        follow=True,
    )
    assert "Nobody is confirmed for this session yet" in response.content.decode()
    assert len(outbox_list()) == before
    assert not AuditLog.objects.filter(code="registrations.session.emailed").exists()


def test_email_form_errors_are_shown(staff_client, session):
    register(session)
    response = staff_client.post(
        f"{session_url(session)}email/", {"mail-subject": "", "mail-message": "Hello"}
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert 'id="id_mail-subject-error"' in body and "Hello</textarea>" in body
    assert not AuditLog.objects.filter(code="registrations.session.emailed").exists()


@pytest.mark.django_db(transaction=True)
def test_message_task_skips_a_registration_cancelled_meanwhile(session):
    registration = register(session)
    registration_cancel(actor=None, registration=registration)
    before = len(outbox_list())
    result = send_session_message_task.enqueue(
        registration_id=registration.pk, subject="Hi", message="Hello"
    )
    assert result.return_value == 0
    assert len(outbox_list()) == before
