"""Journey (issue #19, 2): someone searches the practice library, filters it, and opens a city
page, in English and then in French; axe checks every page at a phone's and a laptop's width."""

import re

import pytest

from convene.directory.services import organisation_create, person_create
from convene.programme.models import Topic
from convene.programme.services import speaker_add
from tests import factories
from tests.knowledge.practices import practice

pytestmark = pytest.mark.django_db(transaction=True)


def _library() -> None:
    factories.seed_topics()
    violence = Topic.objects.get(slug="domestic-violence")
    polarisation = Topic.objects.get(slug="polarisation")
    liege = factories.member_city()
    mechelen = organisation_create(
        actor=None, name="Stad Mechelen", kind="local_authority", country="BE"
    )
    practice(
        title={"en": "Shelters for victims of domestic violence", "fr": "Foyers pour victimes"},
        summary={
            "en": "Emergency rooms opened by the Ville de Liège during the lockdown.",
            "fr": "Des chambres d'urgence ouvertes par la Ville de Liège pendant le confinement.",
        },
        organisations=[liege],
        country="BE",
        topics=[violence],
        evidence_level="monitored",
    )
    practice(
        title="Shelters for homeless people",
        summary="Sports halls turned into shelters in Liège.",
        organisations=[liege],
        country="BE",
        evidence_level="not_evaluated",
    )
    practice(
        title="Campaign against polarisation",
        summary="Posters and talks in Mechelen.",
        organisations=[mechelen],
        country="BE",
        topics=[polarisation],
    )
    speaker = person_create(
        actor=None, email="officer@liege.example", name="Liège Officer", organisation=liege
    )
    speaker_add(
        actor=None,
        session=factories.session(title="Shelters during the lockdown"),
        person=speaker,
    )


def test_search_filter_and_open_a_city_in_english_and_french(visit):
    _library()
    page = visit.page

    visit.goto("/")
    page.get_by_role("link", name="Practices").click()
    page.wait_for_url(re.compile(r"/network/practices/$"))
    visit.check_accessibility()
    assert page.get_by_role("heading", name="Practice library").is_visible()

    page.get_by_role("searchbox").fill("LIEGE")
    page.get_by_role("button", name="Search", exact=True).click()
    page.wait_for_url(re.compile(r"q=LIEGE"))
    visit.check_accessibility()
    assert page.get_by_role("heading", name=re.compile(r"2 practices match")).is_visible()
    assert page.locator("mark", has_text="Liège").count() >= 1

    page.get_by_role("combobox", name="Topic").select_option("domestic-violence")
    page.get_by_role("button", name="Search", exact=True).click()
    page.wait_for_url(re.compile(r"topic=domestic-violence"))
    visit.check_accessibility()
    results = page.get_by_role("article")
    assert results.count() == 1
    assert results.first.get_by_role("link", name="Shelters for victims of domestic violence")

    results.first.get_by_role("link", name="Ville de Liège").click()
    page.wait_for_url(re.compile(r"/network/cities/\d+/$"))
    visit.check_accessibility()
    assert page.get_by_role("heading", name="Ville de Liège", level=1).is_visible()
    assert page.get_by_role("link", name="Shelters during the lockdown").is_visible()
    assert page.get_by_text("shown to member users").is_visible()

    page.get_by_role("button", name="Français").click()
    page.wait_for_load_state()
    visit.check_accessibility()
    assert page.get_by_role("heading", name="Pratiques").is_visible()

    page.get_by_role("link", name="Bibliothèque de pratiques").click()
    page.wait_for_url(re.compile(r"/network/practices/$"))
    page.get_by_role("searchbox").fill("chambres urgence")
    page.get_by_role("combobox", name="Niveau de preuve").select_option("monitored")
    page.get_by_role("button", name="Chercher", exact=True).click()
    page.wait_for_url(re.compile(r"evidence=monitored"))
    visit.check_accessibility()
    assert page.get_by_role("link", name="Foyers pour victimes").is_visible()
    assert page.locator("mark", has_text="chambres").count() == 1


def test_staff_record_a_practice_without_the_admin(visit):
    from convene.core.services import staff_create

    factories.seed_topics()
    liege = factories.member_city()
    staff_create(actor=None, email="staff@network.example", password="a-long-pass-phrase")
    page = visit.page

    visit.goto("/staff/practices/")  # redirected to sign in
    page.get_by_label("Email").fill("staff@network.example")
    page.get_by_label("Password").fill("a-long-pass-phrase")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(re.compile(r"/staff/practices/$"))
    visit.check_accessibility()

    page.get_by_role("link", name="New practice").click()
    page.wait_for_url(re.compile(r"/staff/practices/new/$"))
    visit.check_accessibility()
    page.get_by_role("textbox", name="Title (English)").fill("Street mediators")
    page.get_by_role("textbox", name="Title (French)").fill("Médiateurs de rue")
    page.get_by_role("listbox", name="Cities and organisations involved").select_option(
        str(liege.pk)
    )
    page.get_by_role("checkbox", name="Public spaces").check()
    page.get_by_role("textbox", name="Summary (English)").fill("Mediators in the city centre.")
    page.get_by_role("textbox", name="Ended on").fill("2019-01-01")
    page.get_by_role("textbox", name="Started on").fill("2020-01-01")
    page.get_by_role("button", name="Create the practice").click()
    page.wait_for_load_state()
    visit.check_accessibility()  # the refused form, with its error summary
    assert page.get_by_text("A practice must end after it starts.").first.is_visible()

    page.get_by_role("textbox", name="Ended on").fill("")
    page.get_by_role("checkbox", name="Ongoing").check()
    page.get_by_role("combobox", name="Who may see it").select_option("public")
    page.get_by_role("button", name="Create the practice").click()
    page.wait_for_url(re.compile(r"/network/practices/street-mediators/$"))
    visit.check_accessibility()
    assert page.get_by_role("heading", name="Street mediators", level=1).is_visible()
    assert page.get_by_text("Mediators in the city centre.").is_visible()
