"""The person's own privacy page and the staff pages: consents, export, erasure confirmed
twice, retention dry run then apply; staff reading personal data is written to the audit log."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.test import Client
from django.urls import reverse

from convene.core.models import AuditLog
from convene.directory.models import ConsentPurpose, Person
from convene.directory.selectors import people_who_agreed
from convene.privacy.models import ErasureRecord
from convene.registrations.links import manage_token

pytestmark = pytest.mark.django_db


def _opened(client: Client, person: Person) -> str:
    token = manage_token(person)
    url = reverse("privacy:person", args=[token])
    page = client.get(url)
    assert person.email not in page.content.decode()  # a mail scanner sees nothing
    client.post(url)
    return token


def test_the_person_withdraws_and_gives_consents(client: Client, two_people) -> None:
    alice, _bruno, _sessions = two_people
    token = _opened(client, alice)
    page = client.get(reverse("privacy:person", args=[token]))
    assert alice.email in page.content.decode()
    consent_url = reverse("privacy:person-consent", args=[token])
    client.post(consent_url, {"purpose": "participant_directory", "action": "give"})
    alice.refresh_from_db()
    assert alice.listed_in_directory
    assert list(people_who_agreed(ConsentPurpose.PARTICIPANT_DIRECTORY)) == [alice]
    client.post(consent_url, {"purpose": "participant_directory", "action": "withdraw"})
    alice.refresh_from_db()
    assert not alice.listed_in_directory
    assert (
        client.post(consent_url, {"purpose": "privacy_notice", "action": "withdraw"}).status_code
        == 400
    )


def test_the_person_downloads_their_data(client: Client, two_people) -> None:
    alice, _bruno, _sessions = two_people
    token = _opened(client, alice)
    response = client.post(reverse("privacy:person-export", args=[token]))
    assert response["Content-Type"] == "application/zip"
    with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
        assert "registrations.json" in archive.namelist()


def test_erasure_asks_twice_then_the_link_dies(client: Client, two_people) -> None:
    alice, _bruno, _sessions = two_people
    token = _opened(client, alice)
    url = reverse("privacy:person-erase", args=[token])
    assert client.get(url).status_code == 200  # the first confirmation
    refused = client.post(url, {})  # the box not ticked
    assert refused.status_code == 400 and not ErasureRecord.objects.exists()
    done = client.post(url, {"understand": "on"})
    assert done.status_code == 200
    assert ErasureRecord.objects.get().reason == "person"
    assert client.get(reverse("privacy:person", args=[token])).status_code == 404
    assert not Person.objects.filter(email=alice.email).exists()


def test_a_page_not_opened_refuses_actions(client: Client, two_people) -> None:
    alice, _bruno, _sessions = two_people
    token = manage_token(alice)
    assert client.post(reverse("privacy:person-export", args=[token])).status_code == 404
    assert client.post(reverse("privacy:person-erase", args=[token])).status_code == 404


def test_staff_erase_on_behalf_and_views_are_logged(
    staff_client: Client, staff, two_people
) -> None:
    alice, _bruno, _sessions = two_people
    assert staff_client.get(reverse("privacy_staff:person", args=[alice.pk])).status_code == 200
    viewed = AuditLog.objects.get(code="directory.person.viewed")
    assert viewed.actor == staff and viewed.details["people"] == [alice.pk]
    export = staff_client.post(reverse("privacy_staff:person-export", args=[alice.pk]))
    assert export["Content-Type"] == "application/zip"
    url = reverse("privacy_staff:person-erase", args=[alice.pk])
    assert staff_client.post(url, {}).status_code == 400
    assert staff_client.post(url, {"understand": "on"}).status_code == 302
    assert ErasureRecord.objects.get().reason == "staff"
    erased = AuditLog.objects.get(code="privacy.person.erased")
    assert erased.actor == staff and alice.email not in erased.object_repr


def test_staff_find_a_person_and_run_retention(staff_client: Client, two_people) -> None:
    alice, _bruno, _sessions = two_people
    index = reverse("privacy_staff:index")
    found = staff_client.get(index, {"email": alice.email.upper()})
    assert found.status_code == 302 and found["Location"].endswith(f"/people/{alice.pk}/")
    assert staff_client.get(index, {"email": "nobody@x.example"}).status_code == 400
    dry = staff_client.post(index, {"action": "dry-run"})
    assert "People to anonymise" in dry.content.decode()
    applied = staff_client.post(index, {"action": "apply"})
    assert "Retention applied: 0 people" in applied.content.decode()


def test_registrant_exports_are_logged(staff_client: Client, staff, two_people) -> None:
    alice, bruno, sessions = two_people
    url = reverse("registrations_staff:session-registrations", args=[sessions[1].slug])
    staff_client.get(url, {"format": "csv"})
    staff_client.get(url, {"format": "xlsx"})
    entries = AuditLog.objects.filter(code="registrations.registrants.exported")
    assert entries.count() == 2
    assert all(e.details["people"] == sorted([alice.pk, bruno.pk]) for e in entries)


def test_the_staff_person_page_is_logged(staff_client: Client, staff, two_people) -> None:
    alice, _bruno, _sessions = two_people
    staff_client.get(reverse("directory_pages:person", args=[alice.pk]))
    assert AuditLog.objects.filter(code="directory.person.viewed", actor=staff).count() == 1


def test_the_notice_page_shows_the_stored_version(client: Client) -> None:
    body = client.get("/privacy/").content.decode()
    assert "Version 2026-11" in body and "only if you ask to" in body
