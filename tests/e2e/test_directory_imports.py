"""Journeys of issue #17, axe on every page in English and in French, and every page checked at
390 px and 1280 px wide for sideways scrolling:

2. staff import a member list with one bad row, read the error, fix the file, import it again
   (confirming a name that only looks like a member), and find a member on its page;
3. staff import the registrations of a past series and open its report.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import pytest

from convene.core.services import staff_create
from convene.directory.models import Organisation
from convene.directory.resolution import resolve_text
from convene.registrations.models import Registration
from tests import factories as f

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "a-long-pass-phrase"

MEMBERS = (
    "Name,Kind,Country,Domains,Aliases,Member from,Member until\n"
    "Stadt Essen,local authority,DE,essen.example,City of Essen,2015-01-01,\n"
    "City of Liège,local authority,BE,,,,\n"
    "Comune di Torino,city,IT,torino.example,,2019-05-01,\n"
)
BAD_ROW = "Nowhere Town,spaceship,BE,,,,\n"

ZOOM = (
    "First Name,Last Name,Email,Registration Time,Approval Status,Organization,"
    "Country/Region Name,Event Date\n"
    "Marie,Dupont,marie.dupont@bordeaux.example,2020-04-01 10:00,approved,Ville de Bordeaux,"
    "France,2020-04-14\n"
    "Hans,Becker,hans.becker@essen.example,2020-04-02 11:00,approved,Stadt Essen,Germany,"
    "2020-04-21\n"
)


@pytest.fixture(autouse=True)
def warm_engine() -> None:
    """Load the resolution engine's place names once (about 20 s on a busy machine) before the
    browser waits on a page that resolves names."""
    resolve_text(text="Ville de Liège", country="BE")


def sign_in(visit: Any, path: str) -> None:
    staff_create(actor=None, email="staff@network.example", password=PASSWORD)
    page = visit.page
    visit.goto(f"/staff/login/?next={path}")
    page.get_by_label("Email").fill("staff@network.example")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(re.compile(re.escape(path) + "$"))
    visit.check_accessibility()


def no_sideways_scroll(page: Any) -> None:
    for width in (390, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, f"{page.url} scrolls sideways by {overflow}px at {width}px"
    page.set_viewport_size({"width": 1280, "height": 900})


def again_in_french(visit: Any, urls: list[str]) -> None:
    """Switch to French, then open each page again: axe, ``lang``, and the two widths."""
    page = visit.page
    page.get_by_role("button", name="Français").click()
    page.wait_for_load_state()
    for url in urls:
        page.goto(url)
        assert page.locator("html").get_attribute("lang") == "fr"
        visit.check_accessibility()
        no_sideways_scroll(page)


def write(tmp_path: Path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_import_a_member_list_fix_a_bad_row_and_find_a_member(visit, tmp_path):
    liege = f.member_city()  # Ville de Liège, a member since 2010
    page = visit.page
    sign_in(visit, "/staff/directory/imports/members/")
    pages = [page.url]
    no_sideways_scroll(page)

    page.get_by_label("File", exact=True).set_input_files(
        write(tmp_path, "members.csv", MEMBERS + BAD_ROW)
    )
    page.get_by_role("button", name="Upload and preview").click()
    page.wait_for_url(re.compile(r"/staff/directory/imports/members/\d+/$"))
    visit.check_accessibility()
    no_sideways_scroll(page)
    pages.append(page.url)
    alert = page.get_by_role("alert")
    assert "1 row has an error" in alert.inner_text()
    assert "Line 5: Unknown kind “spaceship”" in alert.inner_text()
    assert page.get_by_role("button", name="Import").count() == 0
    assert not Organisation.objects.filter(name="Stadt Essen").exists()

    page.get_by_role("link", name="Upload the corrected file").click()
    page.wait_for_url(re.compile(r"/staff/directory/imports/members/$"))
    page.get_by_label("File", exact=True).set_input_files(
        write(tmp_path, "members-fixed.csv", MEMBERS)
    )
    page.get_by_role("button", name="Upload and preview").click()
    page.wait_for_url(re.compile(r"/staff/directory/imports/members/\d+/$"))
    visit.check_accessibility()
    no_sideways_scroll(page)
    assert page.get_by_role("alert").count() == 0
    # "City of Liège" only looks like the member: staff say it is the same organisation.
    page.get_by_label("The same as Ville de Liège (Belgium)").check()
    page.get_by_role("button", name="Save my choices").click()
    page.wait_for_load_state()
    assert page.get_by_label("The same as Ville de Liège (Belgium)").count() == 0  # decided
    assert (
        "Updates Ville de Liège"
        in page.get_by_role("row").filter(has_text="City of Liège").inner_text()
    )
    page.get_by_role("button", name="Import").click()
    page.wait_for_load_state()
    visit.check_accessibility()
    assert "Member list imported: 2 organisations created, 1 updated" in (
        page.get_by_role("status").inner_text()
    )
    assert liege.aliases.filter(name="City of Liège").exists()

    page.get_by_role("link", name="Go to the directory").click()
    page.wait_for_url(re.compile(r"/staff/directory/$"))
    visit.check_accessibility()
    page.get_by_label("Search").fill("ESSEN")
    page.get_by_label("Membership").select_option("yes")
    page.get_by_role("button", name="Search").click()
    page.wait_for_url(re.compile(r"/staff/directory/\?"))
    visit.check_accessibility()
    no_sideways_scroll(page)
    pages.append(page.url)
    page.get_by_role("link", name="Stadt Essen").click()
    page.wait_for_url(re.compile(r"/staff/directory/organisations/\d+/$"))
    visit.check_accessibility()
    no_sideways_scroll(page)
    pages.append(page.url)
    assert page.get_by_role("heading", name="Stadt Essen", level=1).is_visible()
    facts = page.locator("dl.meta").inner_text()
    assert "Germany" in facts and "City of Essen" in facts and "essen.example" in facts
    assert re.search(r"Member today\s+Yes", facts)
    assert re.search(
        r"Since 1 \S+ 2015", page.get_by_role("region", name="Memberships").inner_text()
    )

    again_in_french(visit, pages)
    assert "Membre aujourd’hui" in page.locator("dl.meta").inner_text()


def test_import_a_past_series_and_open_its_report(visit, tmp_path):
    series = f.series(slug="lockdown-2020", title="Lockdown webconferences 2020")
    for slug, day in (("policing", 14), ("shelters", 21)):
        starts = dt.datetime(2020, 4, day, 12, 0, tzinfo=dt.UTC)
        f.session(series, slug=slug, title=f"Session {slug}", starts_at=starts)
    page = visit.page
    sign_in(visit, "/staff/series/")
    pages = [page.url]

    page.get_by_role("link", name="Import registrations of Lockdown webconferences 2020").click()
    page.wait_for_url(re.compile(r"/staff/series/lockdown-2020/import/$"))
    visit.check_accessibility()
    no_sideways_scroll(page)
    pages.append(page.url)
    page.get_by_label("File", exact=True).set_input_files(
        write(tmp_path, "zoom-registrations.csv", ZOOM)
    )
    page.get_by_role("button", name="Upload and preview").click()
    page.wait_for_url(re.compile(r"/staff/registration-imports/\d+/$"))
    visit.check_accessibility()
    no_sideways_scroll(page)
    pages.append(page.url)
    # The columns were recognised from Zoom's headers.
    assert page.get_by_label(re.compile(r"^Email")).input_value() == "Email"
    assert page.get_by_label(re.compile(r"^Sessions \(slug")).input_value() == "Event Date"
    assert page.get_by_label(re.compile(r"^Organisation")).input_value() == "Organization"
    assert not Registration.objects.exists()
    page.get_by_role("button", name="Import").click()
    page.wait_for_load_state()
    visit.check_accessibility()
    assert "Registrations imported: 2 created" in page.get_by_role("status").inner_text()
    assert set(Registration.objects.values_list("status", flat=True)) == {"confirmed"}

    page.get_by_role("link", name="Impact report of Lockdown webconferences 2020").click()
    page.wait_for_url(re.compile(r"/staff/reports/\?series=lockdown-2020$"))
    visit.check_accessibility()
    pages.append(page.url)
    headline = page.get_by_role("region", name="In figures")
    assert re.search(r"\b2\s+people registered", headline.inner_text())

    again_in_french(visit, pages[1:3])
