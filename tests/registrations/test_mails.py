"""Every mail Convene sends, read as a strict client would: parsed with Python's strict email
policy (any defect raises), with a text and an HTML part, the headers mail clients and spam
filters expect, and each calendar part checked with libical (tests/libical.py)."""

from __future__ import annotations

import email
import email.policy
import re
from email.message import EmailMessage as StdEmailMessage
from typing import Any

import pytest
from django.core.mail import EmailMessage
from django.test import Client

from convene.core.mail import ConveneMail, add_list_unsubscribe, compose_mail
from convene.directory.models import Person
from convene.registrations import mails
from convene.registrations.models import Registration, RegistrationStatus
from convene.registrations.services import (
    registration_cancel,
    registration_request_confirm,
    registration_request_create,
    session_cancel_notify,
    session_update_notify,
)
from convene.registrations.services.reminders import reminder_mail
from convene.registrations.tasks import send_session_message_task
from tests import factories as f
from tests.libical import itip_errors

pytestmark = pytest.mark.django_db(transaction=True)

LONG_SUBJECT = (
    "Sécurité urbaine et prévention de la délinquance : séance du 14 avril à Liège, "
    "Ajuntament de Barcelona – Gerència de Seguretat"
)


def strict(raw: bytes) -> StdEmailMessage:
    """Parse as a strict client: any defect in any header or part raises."""
    parsed: Any = email.message_from_bytes(raw, policy=email.policy.strict)
    for part in parsed.walk():
        assert part.defects == [], part.defects
        for name, value in part.items():
            assert getattr(value, "defects", ()) == (), (name, value.defects)
    return parsed


def check(raw: bytes, *, automatic: bool = True) -> StdEmailMessage:
    """What every mail must hold; returns the parsed message."""
    message = strict(raw)
    text = message.get_body(preferencelist=("plain",))
    html = message.get_body(preferencelist=("html",))
    assert text is not None and html is not None, "a text and an HTML part"
    html_source = html.get_content()
    assert re.search(r'<html lang="(en|fr)">', html_source)
    assert "<title>" in html_source
    # no request to any host: no image, style sheet, script or frame
    assert not re.search(r"<(img|link|script|iframe|style)\b", html_source)
    assert "src=" not in html_source
    # every link of the text is a link in the HTML part
    for url in re.findall(r"https?://\S+", text.get_content()):
        assert f'href="{url}"' in html_source, url
    assert message["Message-ID"].endswith("@testserver>")
    assert re.search(r"[+-]\d{4}$", str(message["Date"]))
    assert not str(message["Date"]).endswith("-0000")
    assert (message["Auto-Submitted"] == "auto-generated") is automatic
    assert not str(message["Subject"]).startswith(" ")
    for part in message.iter_attachments():
        if part.get_content_type() == "text/calendar":
            content = part.get_payload(decode=True)
            method = re.search(rb"^METHOD:(\w+)\r$", content, re.MULTILINE)
            assert method is not None
            assert part.get_param("method") == method.group(1).decode()
            assert itip_errors(content) == []
    return message


def outbox(outbox_dir) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(outbox_dir.glob("*.eml"))}


def calendar_methods(message: StdEmailMessage) -> list[str]:
    return [
        str(part.get_param("method"))
        for part in message.iter_attachments()
        if part.get_content_type() == "text/calendar"
    ]


@pytest.fixture(autouse=True)
def site(settings):
    settings.SITE_URL = "https://testserver"
    settings.DEFAULT_FROM_EMAIL = "Forum des villes <convene@testserver>"


def register(session, *, confirm=True) -> Registration:
    request = registration_request_create(
        series=session.series, sessions=[session], registrant=f.registrant()
    )
    if confirm:
        registration_request_confirm(request=request)
    return request.registrations.get()


def test_every_registrant_mail_passes_the_strict_policy(outbox_dir):
    series = f.series()
    session = f.session(series, capacity=1)
    seated = register(session)  # request + confirmed
    waiting = register(session)  # request + waitlisted
    session_update_notify(actor=None, session=session, title="Moved")  # session changed
    registration_cancel(actor=None, registration=seated)  # cancelled; waiting is promoted
    session_cancel_notify(actor=None, session=session)  # session cancelled
    sent = outbox(outbox_dir)
    subjects = sorted(str(strict(raw)["Subject"]).split(":")[0] for raw in sent.values())
    assert subjects == [
        "A seat is yours",  # promoted
        "Please confirm your registration",  # request
        "Please confirm your registration",
        "Registration cancelled",
        "Session cancelled",
        "Session updated",  # one per confirmed registrant
        "Session updated",
        "You are on the waitlist",
        "You are registered",  # confirmed
    ]
    methods = []
    for raw in sent.values():
        methods += calendar_methods(check(raw))
    assert "PUBLISH" in methods and "CANCEL" in methods
    waiting.refresh_from_db()
    assert waiting.status == RegistrationStatus.CONFIRMED  # promoted, then told of the cancel


def test_cancellation_mail_carries_a_cancel_and_the_confirmation_a_publish(outbox_dir):
    session = f.session()
    registration = register(session)
    confirmed = [check(r) for r in outbox(outbox_dir).values()]
    assert [m for m in confirmed if calendar_methods(m) == ["PUBLISH"]]
    for path in outbox_dir.glob("*.eml"):
        path.unlink()
    registration_cancel(actor=None, registration=registration)
    [cancelled] = [check(r) for r in outbox(outbox_dir).values()]
    assert calendar_methods(cancelled) == ["CANCEL"]


def test_reminder_manage_link_and_staff_message(outbox_dir):
    registration = register(f.session())
    registration = Registration.objects.select_related("session__series", "person").get(
        pk=registration.pk
    )
    check(reminder_mail(registration=registration, kind="day").message().as_bytes())
    check(mails.manage_link_mail(registration.person).message().as_bytes())
    for path in outbox_dir.glob("*.eml"):
        path.unlink()
    send_session_message_task.call(
        registration_id=registration.pk, subject="Slides", message="The slides are online."
    )
    [raw] = outbox(outbox_dir).values()
    message = check(raw, automatic=False)
    assert message["List-Unsubscribe"].startswith("<https://testserver/")
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    # a scanner's GET changes nothing; the mail client's one-click POST leaves the session
    url = str(message["List-Unsubscribe"]).strip("<>").removeprefix("https://testserver")
    client = Client(enforce_csrf_checks=True)
    assert client.get(url).status_code == 302
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.CONFIRMED
    assert client.post(url, {"List-Unsubscribe": "One-Click"}).status_code == 302
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.CANCELLED


def test_long_non_ascii_subject_reads_back_unchanged():
    message = ConveneMail(subject=LONG_SUBJECT, body="Bonjour", to=["m@x.example"])
    raw = message.message().as_bytes()
    assert max(len(line) for line in raw.split(b"\n")) <= 78
    assert str(strict(raw)["Subject"]) == LONG_SUBJECT


def test_compose_mail_in_french_has_both_parts():
    message = compose_mail(
        "registrations/mail/manage_link",
        {"person": Person(name="Élodie Dupré"), "manage_url": "https://testserver/me/x/"},
        language="fr",
        to=["e@x.example"],
    )
    parsed = check(message.message().as_bytes())
    html = parsed.get_body(preferencelist=("html",))
    assert html is not None and '<html lang="fr">' in html.get_content()
    assert "Élodie Dupré" in html.get_content()


def test_add_list_unsubscribe():
    message = EmailMessage(subject="News", body="…", to=["m@x.example"])
    add_list_unsubscribe(message, url="https://testserver/u/abc", mailto="leave@testserver")
    parsed = strict(message.message().as_bytes())
    assert parsed["List-Unsubscribe"] == (
        "<https://testserver/u/abc>, <mailto:leave@testserver?subject=unsubscribe>"
    )
    assert parsed["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
