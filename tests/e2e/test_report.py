"""Journey: staff open the impact report, click a figure through to its rows, switch the
"represented" definition, read the report in French, and freeze it; axe on every page."""

import os
import re

import pytest

from convene.core.services import staff_create
from convene.reports.models import ReportSnapshot
from tests import factories as f
from tests.reports.conftest import build_world

pytestmark = pytest.mark.django_db(transaction=True)


def figure_cell(page, path):
    return page.locator(f'td[data-figure="{path}"]')


def test_open_the_report_click_through_switch_to_french_and_freeze(visit):
    staff_create(actor=None, email="staff@network.example", password="a-long-pass-phrase")
    # A transactional test may start after another one flushed the topics a migration installs.
    f.seed_topics()
    build_world()
    visit.goto("/staff/reports/")
    page = visit.page
    page.get_by_label("Email").fill("staff@network.example")
    page.get_by_label("Password").fill("a-long-pass-phrase")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()
    visit.check_accessibility()

    # The whole network first; then choose the series in the form.
    assert page.get_by_role("heading", level=1).inner_text() == "Impact report: The whole network"
    page.get_by_label("Series").select_option("lockdown")
    page.get_by_role("button", name="Show the report").click()
    page.wait_for_url(re.compile(r"series=lockdown"))
    visit.check_accessibility()
    assert "Lockdown webconferences" in page.get_by_role("heading", level=1).inner_text()
    assert figure_cell(page, "registrants").inner_text() == "8"
    assert page.locator("svg.bar-chart").count() == 4
    paragraph = page.locator("#narrative-en").input_value()
    assert paragraph.startswith("In total, 8 people registered for one or more of the 5")
    if os.environ.get("REPORT_SCREENSHOT"):
        page.screenshot(path=os.environ["REPORT_SCREENSHOT"], full_page=True)
        page.emulate_media(media="print")
        page.pdf(path=os.environ["REPORT_SCREENSHOT"] + ".pdf", format="A4")
        page.emulate_media(media="screen")

    # Click a figure through to its rows: the members among the local authorities.
    figure_cell(page, "local_authorities.members").get_by_role("link").click()
    page.wait_for_url(re.compile(r"/staff/reports/rows/"))
    visit.check_accessibility()
    assert page.locator("#row-count").inner_text().startswith("2 rows.")
    rows = page.locator("table.figure-rows tbody tr")
    assert sorted(rows.all_inner_texts()) == [
        "Generalitat de Catalunya\tRegional authority\tSpain",
        "Ville de Liège\tLocal authority\tBelgium",
    ]
    page.get_by_role("link", name="Back to the report").click()
    page.wait_for_url(re.compile(r"/staff/reports/\?"))

    # Count attendees instead of registrants: Essen (Clara stayed 3 minutes) drops out.
    page.get_by_label("at least one attendee").check()
    page.get_by_role("button", name="Show the report").click()
    page.wait_for_url(re.compile(r"represented=attendees"))
    visit.check_accessibility()
    assert figure_cell(page, "local_authorities.represented").inner_text() == "3"

    # In French: labels, the paragraph and the numbers.
    page.get_by_role("button", name="Français").click()
    page.wait_for_load_state()
    visit.check_accessibility()
    assert page.locator("html").get_attribute("lang") == "fr"
    assert "Rapport d’impact" in page.get_by_role("heading", level=1).inner_text()
    assert (
        page.locator("#narrative-fr")
        .input_value()
        .startswith(
            "Au total, 8 personnes se sont inscrites à une ou plusieurs des 5 webconférences"
        )
    )
    assert page.get_by_role("heading", name="Audience par session").is_visible()

    # Freeze it, in French.
    page.get_by_label("Titre de l’instantané").fill("Rapport au bailleur")
    page.get_by_role("button", name="Figer", exact=True).click()
    page.wait_for_url(re.compile(r"/staff/reports/snapshots/\d+/$"))
    visit.check_accessibility()
    snapshot = ReportSnapshot.objects.get()
    assert snapshot.represented_by == "attendees"
    assert page.get_by_role("heading", level=1).inner_text() == "Rapport au bailleur"
    assert figure_cell(page, "local_authorities.represented").inner_text() == "3"
    visit.goto("/staff/reports/snapshots/")
    assert page.get_by_role("link", name="Rapport au bailleur").is_visible()
