"""Journey on the loaded demo network (issue #20): staff open the 2020 report, click "local
authorities represented" through to the list and open session 5's attendance; the demo member
signs in by the printed link and reads session 5's minutes, the members section and a
practice's contact; the demo non-member is refused; a newcomer registers for the upcoming
series. Axe on every page; screenshots of the main pages
under ``var/screenshots/``.

The demo is loaded once (``convene demo``, a fixed seed: a few minutes on two cores), so the
whole journey is one test: a transactional test empties the database when it ends.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.core.cache import cache
from django.core.management import call_command

from convene.demo.load import UPCOMING_SLUG
from convene.demo.people_links import DEMO_MEMBER, DEMO_NON_MEMBER
from convene.directory.models import Organisation, Person
from convene.directory.tasks import sign_in_url
from convene.knowledge.models import Practice
from convene.programme.models import Session
from convene.registrations.models import Registration

pytestmark = pytest.mark.django_db(transaction=True)

SEED = 2020
STAFF = "staff@convene.localhost"
SECTION = "/network/covid-19-lockdown-2020/"
SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"


def shoot(page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"demo-{name}.png"), full_page=True)


def sign_in_by_link(visit, email: str) -> None:
    page = visit.page
    page.goto(sign_in_url(Person.objects.get(email=email)))
    visit.check_accessibility()
    page.locator("main").get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()


def sign_out(visit) -> None:
    visit.page.locator('header form[action="/sign-out/"] button').click()
    visit.page.wait_for_load_state()


def staff_journey(visit, password: str) -> None:
    page = visit.page
    page.goto(visit.base_url + "/staff/")
    page.get_by_label("Email").fill(STAFF)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()
    visit.check_accessibility()
    shoot(page, "staff-dashboard")

    visit.goto("/staff/reports/?series=lockdown-2020")
    assert "lockdown" in page.get_by_role("heading", level=1).inner_text().lower()
    registrants = page.locator('td[data-figure="registrants"]').inner_text()
    assert re.sub(r"\D", "", registrants) == "1090"
    shoot(page, "report")
    page.locator('td[data-figure="local_authorities.represented"]').get_by_role("link").click()
    page.wait_for_url(re.compile(r"/staff/reports/rows/"))
    visit.check_accessibility()
    count = int(re.sub(r"\D", "", page.locator("#row-count").inner_text().split(" row")[0]))
    assert 108 <= count <= 112
    assert page.locator("table.figure-rows tbody tr").count() > 0

    fifth = Session.objects.get(series__slug="lockdown-2020", slug__startswith="webconference-05-")
    visit.goto(f"/staff/attendance/sessions/{fifth.slug}/")
    assert str(fifth.title) in page.locator("main").inner_text()
    sign_out(visit)


def member_journey(visit) -> None:
    page = visit.page
    shelters = Practice.objects.get(slug="emergency-shelters-for-the-homeless")
    fifth = Session.objects.get(series__slug="lockdown-2020", slug__startswith="webconference-05-")
    sign_in_by_link(visit, DEMO_MEMBER[1])
    visit.goto(f"/network/sessions/{fifth.slug}/minutes/")
    assert page.get_by_role("heading", level=1, name=re.compile("Minutes of")).is_visible()
    assert "Follow-up" in page.locator("main").inner_text()
    shoot(page, "minutes")
    visit.goto(SECTION)
    assert page.get_by_role(
        "heading", level=1, name=re.compile("Covid-19 lockdown 2020")
    ).is_visible()
    assert shelters.contact is not None
    visit.goto(f"/network/practices/{shelters.slug}/")
    assert shelters.contact.email in page.locator("main").inner_text()
    shoot(page, "practice")
    bordeaux = Organisation.objects.get(name="Ville de Bordeaux")
    visit.goto(f"/network/cities/{bordeaux.pk}/")
    assert "Emergency shelters for the homeless" in page.locator("main").inner_text()
    shoot(page, "city")
    sign_out(visit)

    sign_in_by_link(visit, DEMO_NON_MEMBER[1])
    visit.goto(f"/network/sessions/{fifth.slug}/minutes/")
    assert page.get_by_role("heading", level=1, name="For members only").is_visible()
    visit.goto(SECTION)
    assert page.get_by_role("heading", level=1, name="For members only").is_visible()
    visit.goto(f"/network/practices/{shelters.slug}/")
    assert shelters.contact.email not in page.locator("main").inner_text()
    sign_out(visit)


def newcomer_registers(visit) -> None:
    page = visit.page
    first = Session.objects.filter(series__slug=UPCOMING_SLUG).order_by("starts_at").first()
    assert first is not None
    visit.goto("/programme/")
    shoot(page, "programme")
    page.get_by_role("link", name=str(first.title)).first.click()
    page.wait_for_load_state()
    visit.check_accessibility()
    page.get_by_role("link", name="Register").first.click()
    page.wait_for_load_state()
    page.get_by_label(re.compile(re.escape(str(first.title)))).check()
    page.get_by_label("Name").fill("Ana Costa")
    page.get_by_label("Email").fill("ana.costa@cm-porto.example")
    page.get_by_label("Organisation").fill("Câmara Municipal do Porto")
    page.get_by_label("Country").select_option("PT")
    page.get_by_label("I accept the privacy notice.").check()
    page.get_by_role("button", name="Register").click()
    page.wait_for_url(re.compile(r"/register/sent/$"))
    visit.check_accessibility()
    assert Registration.objects.filter(
        session=first, person__email="ana.costa@cm-porto.example"
    ).exists()


def test_the_demo_network_staff_member_and_newcomer_journeys(visit, settings, tmp_path):
    cache.clear()
    settings.SITE_URL = visit.base_url  # sign-in links point at the live server
    call_command("demo", seed=SEED, files=tmp_path / f"seed-{SEED}")
    password = (settings.VAR_DIR / "demo-staff-password").read_text(encoding="utf-8").strip()

    staff_journey(visit, password)
    member_journey(visit)
    newcomer_registers(visit)
