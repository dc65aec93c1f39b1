"""Announcing a series: to chosen people who agreed to hear from the network, once, through the
task queue, with an unsubscribe link and List-Unsubscribe headers; bounces and unsubscribes
recorded."""

from __future__ import annotations

import datetime as dt
import email
import email.policy
import json

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from convene.announcements import selectors, services
from convene.announcements.models import (
    Announcement,
    AnnouncementRecipient,
    AnnouncementStatus,
    BouncedAddress,
)
from convene.core.models import AuditLog
from convene.directory.models import Consent, Person
from convene.directory.selectors import people_who_agreed
from convene.directory.services import organisation_create, person_create
from convene.directory.services.consent import consents_give
from convene.programme.models import Session
from convene.registrations.services import registration_staff_add
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def site(settings):
    settings.SITE_URL = "https://testserver"


NEWS = "network_news"


def person(name: str, *, agreed: bool = True, **kw) -> Person:
    p = person_create(actor=None, email=f"{name.lower()}@example.org", name=name, **kw)
    if agreed:
        consents_give(person=p, purposes=[NEWS], channel="staff")
    return p


@pytest.fixture
def people():
    city = f.member_city()
    ngo = organisation_create(actor=None, name="Safer Streets", kind="ngo", country="FR")
    member = person("Mia", organisation=city, country="BE")
    outsider = person("Noe", organisation=ngo, country="FR")
    silent = person("Sam", organisation=city, country="BE", agreed=False)
    past = person("Pia", country="DE")
    old = f.session(days=2)
    registration_staff_add(actor=None, session=old, name="Pia", email="pia@example.org")
    starts = timezone.now() - dt.timedelta(days=30)
    Session.objects.filter(pk=old.pk).update(
        starts_at=starts, ends_at=starts + dt.timedelta(hours=1)
    )
    return {"member": member, "outsider": outsider, "silent": silent, "past": past}


def _mails(outbox_dir) -> list[email.message.EmailMessage]:
    return [
        email.message_from_bytes(p.read_bytes(), policy=email.policy.default)  # type: ignore[misc]
        for p in sorted(outbox_dir.glob("*.eml"))
    ]


def test_the_audience_is_who_agreed_in_the_chosen_groups(people):
    def names(**kw) -> set[str]:
        return set(selectors.audience(**kw).values_list("name", flat=True))

    assert names(groups=["members"]) == {"Mia"}
    assert names(groups=["past_participants"]) == {"Pia"}
    assert names(groups=["members", "past_participants"]) == {"Mia", "Pia"}
    assert names(groups=["everyone"]) == {"Mia", "Noe", "Pia"}  # never Sam: no consent
    assert names(groups=["everyone"], countries=["FR"]) == {"Noe"}
    assert names(groups=["everyone"], kinds=["local_authority"]) == {"Mia"}
    Consent.objects.filter(person=people["member"]).update(withdrawn_at=timezone.now())
    assert names(groups=["members"]) == set()


def test_a_bounced_address_is_left_out(people):
    services.bounce_record(actor=None, email="NOE@example.org", reason="mailbox unknown")
    assert "Noe" not in set(selectors.audience(groups=["everyone"]).values_list("name", flat=True))


def test_sending_mails_each_recipient_once_with_an_unsubscribe_link(
    people, outbox_dir, staff, django_capture_on_commit_callbacks
):
    series = f.series(title={"en": "Spring exchanges", "fr": "Échanges de printemps"})
    people["outsider"].preferred_language = "fr"
    people["outsider"].save(update_fields=["preferred_language"])
    announcement = services.announcement_create(
        actor=staff,
        series=series,
        subject={"en": "Spring exchanges", "fr": "Échanges de printemps"},
        body={"en": "Three sessions this spring.", "fr": "Trois séances ce printemps."},
        groups=["everyone"],
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert services.announcement_send(actor=staff, announcement=announcement) == 3
    with pytest.raises(ValidationError):  # a double click sends nothing more
        services.announcement_send(actor=staff, announcement=announcement)
    mails = _mails(outbox_dir)
    assert sorted(m["To"] for m in mails) == [
        "mia@example.org",
        "noe@example.org",
        "pia@example.org",
    ]
    french = next(m for m in mails if m["To"] == "noe@example.org")
    assert french["Subject"] == "Échanges de printemps"
    assert "Trois séances" in french.get_body(("plain",)).get_content()
    for message in mails:
        assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        assert message["List-Unsubscribe"].startswith("<https://testserver/news/unsubscribe/")
        assert message["Auto-Submitted"] is None  # written by staff
        url = message["List-Unsubscribe"].strip("<>")
        assert url in message.get_body(("plain",)).get_content()
    announcement.refresh_from_db()
    assert announcement.status == AnnouncementStatus.SENT and announcement.recipient_count == 3
    assert AnnouncementRecipient.objects.filter(mailed_at__isnull=False).count() == 3
    assert AuditLog.objects.filter(code="announcements.announcement.sent").count() == 1
    assert selectors.first_sent_by_series(series_ids=[series.pk]) == {
        series.pk: announcement.sent_at
    }


def test_one_click_unsubscribe_withdraws_the_consent(
    people, outbox_dir, django_capture_on_commit_callbacks
):
    announcement = services.announcement_create(
        actor=None, series=f.series(), subject="News", body="Body", groups=["members"]
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.announcement_send(actor=None, announcement=announcement)
    [message] = _mails(outbox_dir)
    path = message["List-Unsubscribe"].strip("<>").removeprefix("https://testserver")
    client = Client(enforce_csrf_checks=True)
    page = client.get(path)  # a scanner's GET changes nothing
    assert page.status_code == 200 and "Stop the announcements" in page.content.decode()
    assert people["member"] in people_who_agreed(NEWS)
    response = client.post(path, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert people["member"] not in people_who_agreed(NEWS)
    recipient = AnnouncementRecipient.objects.get()
    assert recipient.unsubscribed_at is not None
    assert client.post(path).status_code == 200  # again: nothing more to do
    assert Client().get("/news/unsubscribe/not-a-token/").status_code == 404


def test_staff_pages_preview_send_once_and_record_a_bounce(
    people, staff_client, outbox_dir, django_capture_on_commit_callbacks
):
    series = f.series()
    new = f"/staff/announcements/series/{series.slug}/new/"
    assert staff_client.get(new).status_code == 200
    data = {
        "subject_en": "Autumn series",
        "body_en": "Four sessions.",
        "groups": ["members", "past_participants"],
    }
    response = staff_client.post(new, data)
    assert response.status_code == 302
    announcement = Announcement.objects.get()
    page = staff_client.get(response["Location"]).content.decode()
    assert "It reaches 2 people" in page and "Mia" in page and "Sam" not in page
    assert "Four sessions." in page  # the mail's preview
    assert not list(outbox_dir.glob("*.eml"))  # nothing sent yet
    send = f"/staff/announcements/{announcement.pk}/send/"
    with django_capture_on_commit_callbacks(execute=True):
        assert staff_client.post(send).status_code == 302
        second = staff_client.post(send, follow=True)  # the double click
    assert "already sent" in second.content.decode()
    assert len(list(outbox_dir.glob("*.eml"))) == 2
    edit = staff_client.get(f"/staff/announcements/{announcement.pk}/edit/")
    assert edit.status_code == 302  # a sent announcement cannot change
    bounce = f"/staff/announcements/{announcement.pk}/bounces/"
    assert staff_client.post(bounce, {"email": "nope"}).status_code == 400
    response = staff_client.post(bounce, {"email": "mia@example.org", "reason": "550 unknown"})
    assert response.status_code == 302
    assert BouncedAddress.objects.get().reason == "550 unknown"
    assert AnnouncementRecipient.objects.get(email="mia@example.org").bounced_at is not None
    page = staff_client.get(f"/staff/announcements/{announcement.pk}/").content.decode()
    assert "Bounced" in page
    series_page = staff_client.get(f"/staff/programme/series/{series.slug}/").content.decode()
    assert "Autumn series" in series_page


def test_an_announcement_needs_a_group_and_a_subject(staff_client):
    series = f.series()
    response = staff_client.post(
        f"/staff/announcements/series/{series.slug}/new/", {"subject_en": "", "body_en": "x"}
    )
    assert response.status_code == 400
    assert not Announcement.objects.exists()
    with pytest.raises(ValidationError):
        services.announcement_create(actor=None, series=series, subject="S", body="B", groups=[])
    with pytest.raises(ValidationError):
        services.announcement_create(
            actor=None, series=series, subject="S", body="B", groups=["all"], countries=["XX"]
        )


def test_the_preview_queries_do_not_grow_with_the_audience(staff_client, people):
    announcement = services.announcement_create(
        actor=None, series=f.series(), subject="S", body="B", groups=["everyone"]
    )
    url = f"/staff/announcements/{announcement.pk}/"

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert staff_client.get(url).status_code == 200
        return len(queries)

    few = count()
    for i in range(25):
        person(f"Extra{i}", organisation=people["member"].organisation)
    assert count() == few


@pytest.fixture
def hook(settings):
    settings.BOUNCE_HOOK_SECRET = "s3cret-hook"
    return "/news/bounces/"


def test_the_bounce_hook_marks_the_address(hook, client, people):
    body = json.dumps({"email": "pia@example.org", "reason": "mailbox full"})
    auth = {"Authorization": "Bearer s3cret-hook"}
    response = client.post(hook, body, content_type="application/json", headers=auth)
    assert response.status_code == 204
    assert BouncedAddress.objects.get().source == "provider"
    client.post(hook, body, content_type="application/json", headers=auth)
    assert BouncedAddress.objects.get().count == 2


@pytest.mark.parametrize(
    ("body", "auth", "status"),
    [
        ('{"email": "a@example.org"}', "Bearer wrong", 401),
        ('{"email": "a@example.org"}', "", 401),
        ("not json", "Bearer s3cret-hook", 400),
        ('["a@example.org"]', "Bearer s3cret-hook", 400),
        ('{"email": "not an address"}', "Bearer s3cret-hook", 400),
        ('{"email": "a@example.org", "reason": 5}', "Bearer s3cret-hook", 400),
    ],
)
def test_the_bounce_hook_refuses_bad_calls_with_a_detail(hook, client, body, auth, status):
    headers = {"Authorization": auth} if auth else {}
    response = client.post(hook, body, content_type="application/json", headers=headers)
    assert response.status_code == status
    assert "detail" in response.json()
    assert not BouncedAddress.objects.exists()


def test_the_bounce_hook_is_off_without_a_secret(client, settings):
    settings.BOUNCE_HOOK_SECRET = ""
    response = client.post("/news/bounces/", "{}", content_type="application/json")
    assert response.status_code == 404 and "detail" in response.json()


def test_recipients_at_a_past_moment_are_kept_after_the_consent_changes(people):
    announcement = services.announcement_create(
        actor=None, series=f.series(), subject="S", body="B", groups=["everyone"]
    )
    services.announcement_send(actor=None, announcement=announcement)
    Consent.objects.update(withdrawn_at=timezone.now() + dt.timedelta(seconds=1))
    assert AnnouncementRecipient.objects.count() == 3


def test_a_job_run_again_mails_nobody_twice(people, outbox_dir, django_capture_on_commit_callbacks):
    from convene.announcements.tasks import send_announcement_task

    announcement = services.announcement_create(
        actor=None, series=f.series(), subject="S", body="B", groups=["everyone"]
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.announcement_send(actor=None, announcement=announcement)
    assert len(list(outbox_dir.glob("*.eml"))) == 3
    assert send_announcement_task.call(announcement_id=announcement.pk) == 0
    AnnouncementRecipient.objects.filter(email="pia@example.org").update(mailed_at=None)
    assert send_announcement_task.call(announcement_id=announcement.pk) == 1
    assert len(list(outbox_dir.glob("*.eml"))) == 4
