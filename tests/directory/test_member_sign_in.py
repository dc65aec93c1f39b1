"""Member sign-in by magic link (issue #19): the answer never tells whether an address is known,
the link works once within 30 minutes, opening it shows a button (mail scanners sign nobody in),
pressing it verifies the email and signs in a non-staff account with no password."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core.cache import cache
from django.test import Client
from django.utils import timezone

from convene.core.mail import outbox_list
from convene.core.models import User
from convene.core.services import staff_create
from convene.directory.models import Person
from convene.directory.services import person_create
from convene.directory.services.accounts import person_directory_listing_set
from tests import factories as f

pytestmark = pytest.mark.django_db

LINK = re.compile(r"https?://[^\s]+/sign-in/([A-Za-z0-9_-]{20,})/(\?next=[^\s]+)?")


@pytest.fixture(autouse=True)
def _fresh_limits() -> None:
    cache.clear()


@pytest.fixture
def person() -> Person:
    return person_create(
        actor=None, email="ana@liege.example", name="Ana", organisation=f.member_city()
    )


@pytest.fixture
def ask(django_capture_on_commit_callbacks):
    """Ask for a link; the mail goes out when the transaction commits."""

    def ask(client: Client, email: str, **extra: str):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post("/sign-in/", {"email": email, **extra})

    return ask


def link_in_last_mail() -> tuple[str, str]:
    messages = outbox_list()
    assert messages, "no mail was sent"
    found = LINK.search(messages[0].text)
    assert found, messages[0].text
    return found.group(0), found.group(1)


def test_known_and_unknown_addresses_get_the_same_answer(ask, person: Person) -> None:
    known = ask(Client(), "ana@liege.example")
    unknown = ask(Client(), "nobody@liege.example")
    assert known.status_code == unknown.status_code == 200
    strip = lambda r: re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", r.content.decode())  # noqa: E731
    assert strip(known) == strip(unknown)
    assert len(outbox_list()) == 1
    assert outbox_list()[0].to == "ana@liege.example"


def test_the_link_shows_a_button_and_only_the_button_signs_in(ask, person: Person) -> None:
    client = Client()
    ask(client, "ANA@liege.example", next="/network/")
    url, _next = link_in_last_mail()
    path = url.split("://", 1)[1].split("/", 1)[1]
    opened = client.get("/" + path)
    assert opened.status_code == 200
    assert b'type="submit"' in opened.content
    assert "_auth_user_id" not in client.session
    person.refresh_from_db()
    assert person.email_verified_at is None and person.user_id is None

    response = client.post("/" + path.split("?")[0], {"next": "/network/"})
    assert response.status_code == 302 and response["Location"] == "/network/"
    person.refresh_from_db()
    assert person.email_verified_at is not None
    user = User.objects.get(pk=client.session["_auth_user_id"])
    assert person.user_id == user.pk
    assert not user.is_staff and not user.has_usable_password()

    again = Client().post("/" + path.split("?")[0])
    assert again.status_code == 410
    assert "_auth_user_id" not in again.wsgi_request.session


def test_an_outside_next_is_ignored(ask, person: Person) -> None:
    client = Client()
    ask(client, "ana@liege.example", next="//evil.example/")
    url, _next = link_in_last_mail()
    assert "evil" not in url
    path = "/" + url.split("://", 1)[1].split("/", 1)[1]
    response = client.post(path, {"next": "https://evil.example/"})
    assert response["Location"] == "/account/"


def test_a_link_expires_after_thirty_minutes(ask, person: Person) -> None:
    from convene.core.models import LinkToken

    client = Client()
    ask(client, "ana@liege.example")
    url, _next = link_in_last_mail()
    LinkToken.objects.update(expires_at=timezone.now() - dt.timedelta(seconds=1))
    path = "/" + url.split("://", 1)[1].split("/", 1)[1]
    assert client.get(path).status_code == 410
    assert client.post(path).status_code == 410
    assert "_auth_user_id" not in client.session


def test_three_links_per_address_per_ten_minutes(ask, person: Person) -> None:
    client = Client()
    for _ in range(3):
        assert ask(client, "ana@liege.example").status_code == 200
    refused = ask(client, "ana@liege.example")
    assert refused.status_code == 429
    assert len(outbox_list()) == 3
    # An unknown address counts the same way: the limit tells nothing either.
    for _ in range(3):
        ask(client, "ghost@liege.example")
    assert ask(client, "ghost@liege.example").status_code == 429


def test_a_bad_address_is_a_form_error(ask, db: None) -> None:
    response = ask(Client(), "not an address")
    assert response.status_code == 400
    assert b'aria-invalid="true"' in response.content


def test_staff_are_never_signed_in_by_a_link(ask, db: None) -> None:
    staff_create(actor=None, email="staff@network.example", password="pw-1234")
    person_create(actor=None, email="staff@network.example", name="Staff")
    ask(Client(), "staff@network.example")
    assert outbox_list() == []


def test_sign_out(ask, person: Person) -> None:
    client = Client()
    ask(client, "ana@liege.example")
    url, _next = link_in_last_mail()
    client.post("/" + url.split("://", 1)[1].split("/", 1)[1])
    assert "_auth_user_id" in client.session
    assert client.post("/sign-out/").status_code == 302
    assert "_auth_user_id" not in client.session


def test_confirming_a_registration_verifies_the_email_and_lists_the_opt_in(db: None) -> None:
    from convene.registrations.services import (
        registration_request_confirm,
        registration_request_create,
    )

    series = f.series()
    session = f.session(series)
    request = registration_request_create(
        series=series,
        sessions=[session],
        registrant=f.registrant(email="zoe@liege.example", directory_opt_in=True),
    )
    person = request.person
    # The opt-in is recorded as a consent when the form is sent; peers see the person only once
    # the email is verified (knowledge.selectors.peers_listed), which confirming does.
    assert person.email_verified_at is None
    registration_request_confirm(request=request)
    person.refresh_from_db()
    assert person.email_verified_at is not None
    assert person.listed_in_directory


def test_the_account_page_withdraws_the_directory_listing(ask, person: Person) -> None:
    person_directory_listing_set(actor=None, person=person, listed=True)
    client = Client()
    ask(client, "ana@liege.example")
    url, _next = link_in_last_mail()
    client.post("/" + url.split("://", 1)[1].split("/", 1)[1])
    page = client.get("/account/")
    assert page.status_code == 200
    assert "Remove me from the participant directory" in page.content.decode()
    client.post("/account/directory/", {"listed": "0"})
    person.refresh_from_db()
    assert not person.listed_in_directory


def test_the_account_page_asks_anonymous_visitors_to_sign_in(db: None) -> None:
    response = Client().get("/account/")
    assert response.status_code == 302
    assert response["Location"].startswith("/sign-in/?next=")


def test_staff_approve_a_link_to_the_organisation(staff_client: Client) -> None:
    person = person_create(
        actor=None, email="ana@gmail.example", name="Ana", organisation=f.member_city()
    )
    page = staff_client.get(f"/staff/directory/people/{person.pk}/")
    assert "Approve this person" in page.content.decode()
    staff_client.post(f"/staff/directory/people/{person.pk}/approve/", {"approved": "1"})
    person.refresh_from_db()
    assert person.organisation_approved_at is not None
    anonymous = Client().post(f"/staff/directory/people/{person.pk}/approve/", {"approved": "0"})
    assert anonymous.status_code == 302
    person.refresh_from_db()
    assert person.organisation_approved_at is not None
