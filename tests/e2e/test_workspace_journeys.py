"""Journeys of issue #17 that used to need /admin/, with axe on every page in English and in
French at 390 and 1280 px:

4. staff create an organisation by hand, under a parent, with its first membership;
5. staff announce a series to the people of member organisations who agreed to hear from the
   network, see whom it reaches, send it once, and a recipient leaves the list from the mail.
"""

from __future__ import annotations

import email
import email.policy
import re
from typing import Any

import pytest
from django.conf import settings

from convene.announcements.models import Announcement, AnnouncementRecipient
from convene.directory.models import ConsentPurpose, Organisation
from convene.directory.selectors import people_who_agreed
from convene.directory.services import person_create
from convene.directory.services.consent import consents_give
from tests import factories as f
from tests.e2e.test_directory_imports import again_in_french, no_sideways_scroll, sign_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_create_an_organisation_by_hand(visit):
    f.member_city()  # Ville de Liège
    page = visit.page
    sign_in(visit, "/staff/directory/")
    page.get_by_role("link", name="New organisation").click()
    page.wait_for_url(re.compile(r"/staff/directory/organisations/new/$"))
    visit.check_accessibility()
    form_url = page.url
    page.get_by_label("Name", exact=True).fill("Service de prévention de Liège")
    page.get_by_label("Kind").select_option("public_body")
    page.get_by_label("Country").select_option("BE")
    page.get_by_label(re.compile(r"^Aliases")).fill("Preventiedienst Luik")
    page.get_by_label(re.compile(r"^Email domains")).fill("prevention.liege.example")
    page.get_by_label(re.compile(r"^Parent organisation")).fill("Ville de Liège")
    page.get_by_label(re.compile(r"^Member from")).fill("2024-01-01")
    page.get_by_role("button", name="Add the organisation").click()
    page.wait_for_url(re.compile(r"/staff/directory/organisations/\d+/$"))
    visit.check_accessibility()
    assert "The organisation was added." in page.get_by_role("status").inner_text()
    assert page.get_by_role("heading", name="Service de prévention de Liège", level=1).is_visible()
    facts = page.locator("dl.meta").inner_text()
    assert "Ville de Liège" in facts and "prevention.liege.example" in facts
    created = Organisation.objects.get(name="Service de prévention de Liège")
    assert created.parent is not None and created.parent.name == "Ville de Liège"
    detail_url = page.url

    # A mistake is a form error, shown above the form and on its field.
    page.goto(form_url)
    page.get_by_label("Name", exact=True).fill("Another service")
    page.get_by_label("Kind").select_option("public_body")
    page.get_by_label("Country").select_option("BE")
    page.get_by_label(re.compile(r"^Parent organisation")).fill("Nowhere City")
    page.get_by_role("button", name="Add the organisation").click()
    page.wait_for_load_state()
    visit.check_accessibility()
    assert "No organisation is called Nowhere City" in page.content()

    page.goto(visit.base_url + "/staff/programme/topics/")
    visit.check_accessibility()
    again_in_french(visit, [form_url, detail_url, visit.base_url + "/staff/programme/topics/"])
    assert page.get_by_role("heading", level=1).inner_text() == "Thèmes"


def _agreed(name: str, organisation: Organisation | None) -> None:
    person = person_create(
        actor=None, email=f"{name.lower()}@liege.example", name=name, organisation=organisation
    )
    consents_give(person=person, purposes=[ConsentPurpose.NETWORK_NEWS], channel="staff")


def _mail_to(address: str) -> Any:
    from pathlib import Path

    for path in sorted(Path(settings.OUTBOX_DIR).glob("*.eml")):
        message = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
        if address in str(message["To"]):
            return message
    raise AssertionError(f"no mail to {address}")


def test_announce_a_series_once_and_leave_the_list(visit):
    city = f.member_city()
    _agreed("Mia", city)
    person_create(actor=None, email="sam@liege.example", name="Sam", organisation=city)
    series = f.series(slug="spring-2027", title="Spring exchanges")
    f.session(series, title="Night-time economy")
    page = visit.page
    sign_in(visit, "/staff/programme/series/spring-2027/")
    page.get_by_role("link", name="Announce this series").click()
    page.wait_for_url(re.compile(r"/staff/announcements/series/spring-2027/new/$"))
    visit.check_accessibility()
    form_url = page.url
    page.get_by_label("Subject (English)").fill("Spring exchanges: three sessions")
    page.get_by_label("Message (English)").fill("Join us for three sessions this spring.")
    page.get_by_label("People of member organisations").check()
    page.get_by_role("button", name="Preview the announcement").click()
    page.wait_for_url(re.compile(r"/staff/announcements/\d+/$"))
    visit.check_accessibility()
    preview_url = page.url
    assert page.get_by_role("heading", name="It reaches 1 person").is_visible()
    assert "Mia" in page.content() and "Sam" not in page.content()  # Sam never agreed
    assert "Join us for three sessions this spring." in page.locator("pre").inner_text()

    page.get_by_role("button", name="Send to 1 person").click()
    page.wait_for_load_state()
    visit.check_accessibility()
    assert "on its way to 1 person" in page.get_by_role("status").inner_text()
    assert page.get_by_role("button", name=re.compile(r"^Send to")).count() == 0
    announcement = Announcement.objects.get()
    assert announcement.status == "sent" and announcement.recipient_count == 1

    message = _mail_to("mia@liege.example")
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    link = message["List-Unsubscribe"].strip("<>")
    path = link.removeprefix(settings.SITE_URL)
    assert path.startswith("/news/unsubscribe/")
    visit.goto(path)
    unsubscribe_url = page.url
    no_sideways_scroll(page)
    page.get_by_role("button", name="Stop the announcements").click()
    page.wait_for_load_state()
    visit.check_accessibility()
    assert "no longer receive" in page.get_by_role("status").inner_text()
    assert not people_who_agreed(ConsentPurpose.NETWORK_NEWS).filter(name="Mia").exists()
    assert AnnouncementRecipient.objects.get().unsubscribed_at is not None

    page.goto(preview_url)
    again_in_french(visit, [form_url, unsubscribe_url, preview_url])
    assert "Désabonnés" in page.locator("dl.meta").inner_text()


def test_series_settings_new_speaker_and_the_dashboard_chart(visit):
    import datetime as dt

    from django.utils import timezone

    from convene.programme.models import Session
    from convene.registrations.services import registration_staff_add

    series = f.series(slug="spring-2027", title="Spring exchanges")
    session = f.session(series, slug="night", title="Night-time economy", days=20)
    Session.objects.filter(pk=session.pk).update(
        published_at=timezone.now() - dt.timedelta(days=45)
    )
    for name in ("Ana", "Ben", "Cleo"):
        registration_staff_add(
            actor=None, session=session, name=name, email=f"{name.lower()}@city.example"
        )
    page = visit.page
    sign_in(visit, "/staff/")
    dashboard_url = page.url
    chart = page.locator("figure.day-chart")
    assert "3 registrations since" in chart.inner_text()
    assert page.locator("figure.day-chart rect").count() == 46
    page.get_by_text("Registrations per day for Night-time economy, as a table").click()
    visit.check_accessibility()

    visit.goto("/staff/programme/series/spring-2027/edit/")
    series_url = page.url
    page.get_by_label("Counted as attended after this many minutes").fill("20")
    page.get_by_role("button", name="Save the series").click()
    page.wait_for_url(re.compile(r"/staff/programme/series/spring-2027/$"))
    visit.check_accessibility()
    assert "after 20 minutes" in page.locator("dl.meta").inner_text()

    visit.goto("/staff/programme/sessions/night/edit/")
    session_url = page.url
    page.get_by_text("Or someone not yet in the directory").first.click()
    row = page.locator(".speaker-row").first
    row.get_by_label(re.compile(r"^Name")).fill("Anne Martin")
    row.get_by_label(re.compile(r"^Email")).fill("anne.martin@liege.example")
    row.get_by_label(re.compile(r"^Organisation")).fill("Ville de Liège")
    visit.check_accessibility()
    page.get_by_role("button", name="Save the session").click()
    page.wait_for_url(re.compile(r"/staff/programme/series/spring-2027/$"))
    assert Session.objects.get(slug="night").speakers.get().person.name == "Anne Martin"

    again_in_french(visit, [series_url, session_url, dashboard_url])
    assert "3 inscriptions depuis le" in page.locator("figure.day-chart").inner_text()
