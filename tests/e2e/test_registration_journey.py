"""Journey: register for three sessions (one full), confirm from the outbox, download a
calendar file, cancel one session, and see the waitlisted person promoted. Axe on every page."""

import re

import pytest
from django.core.cache import cache

from convene.core.services import staff_create
from convene.registrations.links import manage_token
from convene.registrations.services import registration_request_confirm, registration_request_create
from tests import factories as f

pytestmark = pytest.mark.django_db(transaction=True)


def test_register_confirm_cancel_promote(visit, tmp_path, settings):
    cache.clear()
    settings.SITE_URL = visit.base_url  # links in mails point at the live server
    staff_create(actor=None, email="staff@network.example", password="a-long-pass-phrase")
    series = f.series(title="Lockdown webconferences")
    first = f.session(series, title="Domestic violence during the lockdown", capacity=1, days=5)
    second = f.session(series, title="Public spaces after the lockdown", days=6)
    full = f.session(series, title="Crisis management in cities", capacity=1, days=7)
    holder = registration_request_create(
        series=series, sessions=[full], registrant=f.registrant(email="holder@city.example")
    )
    registration_request_confirm(request=holder)

    page = visit.page
    visit.goto("/programme/")
    page.get_by_role("link", name="Domestic violence during the lockdown").click()
    page.wait_for_load_state()
    visit.check_accessibility()
    page.get_by_role("link", name="Register").first.click()
    page.wait_for_load_state()
    visit.check_accessibility()

    for title in (str(first.title), str(second.title), str(full.title)):
        page.get_by_label(re.compile(re.escape(title))).check()
    page.get_by_label("Name").fill("Marie Dupont")
    page.get_by_label("Email").fill("marie.dupont@bordeaux.example")
    page.get_by_label("Organisation").fill("Mairie de Bordeaux")
    page.get_by_label("Country").select_option("FR")
    page.get_by_label("I accept the privacy notice.").check()
    page.get_by_role("button", name="Register").click()
    page.wait_for_url(re.compile(r"/register/sent/$"))
    visit.check_accessibility()
    # The page says which session is held and which is on the waitlist, and what happens next.
    assert page.get_by_text("full: you are on the waitlist").is_visible()
    assert page.get_by_text("seat held, waiting for your confirmation").first.is_visible()
    assert page.get_by_text("held for you for 48 hours").is_visible()
    assert page.get_by_text("in the order they registered").is_visible()

    # Someone else queues for the first session after Marie took its only seat.
    waiting = registration_request_create(
        series=series, sessions=[first], registrant=f.registrant(email="waiting@city.example")
    )
    registration_request_confirm(request=waiting)

    # The newcomer reads the confirmation mail in the staff outbox.
    visit.goto("/staff/outbox/")
    page.get_by_label("Email").fill("staff@network.example")
    page.get_by_label("Password").fill("a-long-pass-phrase")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(re.compile(r"/staff/outbox/$"))
    visit.check_accessibility()
    page.get_by_role("row").filter(has_text="marie.dupont@bordeaux.example").get_by_role(
        "link", name=re.compile("Please confirm your registration")
    ).click()
    page.wait_for_load_state()
    visit.check_accessibility()
    page.locator('a[href*="/confirm/"]').click()
    page.wait_for_load_state()
    visit.check_accessibility()
    page.get_by_role("button", name="Confirm my registration").click()
    page.wait_for_url(re.compile(r"/me/.+/$"))
    visit.check_accessibility()

    rows = page.locator("tbody tr")
    assert rows.count() == 3
    assert page.locator("td.status-confirmed").count() == 2
    assert page.locator("td.status-waitlisted").count() == 1
    # A calendar file for each seat, none for the place on the waitlist.
    assert page.get_by_role("link", name=re.compile("^Calendar file for")).count() == 2
    assert page.get_by_role("link", name=f"Calendar file for {full.title}").count() == 0

    with page.expect_download() as download_info:
        page.get_by_role("link", name=f"Calendar file for {second.title}").click()
    path = tmp_path / "session.ics"
    download_info.value.save_as(path)
    content = path.read_text()
    assert "BEGIN:VEVENT" in content and str(second.title) in content and "/j/" in content

    page.get_by_role("button", name=f"Cancel {first.title}").click()
    page.wait_for_load_state()
    visit.check_accessibility()
    assert page.get_by_role("status").get_by_text("is cancelled").is_visible()
    assert page.locator("td.status-cancelled").count() == 1

    # The person on the waitlist got the seat, and a mail saying so.
    promoted = waiting.registrations.get()
    promoted.refresh_from_db()
    assert promoted.status == "confirmed"
    visit.goto(f"/me/{manage_token(promoted.person)}/")
    # Opening the link shows a button (a mail scanner stops there); pressing it opens the page.
    page.get_by_role("button", name="Show my registrations").click()
    page.wait_for_load_state()
    visit.check_accessibility()
    assert page.locator("td.status-confirmed").count() == 1
    visit.goto("/staff/outbox/")
    assert page.get_by_role("link", name=f"A seat is yours: {first.title}").is_visible()

    visit.page.context.clear_cookies()
    visit.goto("/programme/")
    page.get_by_role("button", name="Français").click()
    page.wait_for_load_state()
    visit.check_accessibility()
    assert page.get_by_role("heading", name="Séances à venir").is_visible()
