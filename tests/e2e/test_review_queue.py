"""Journey: staff settle an organisation in the review queue; axe on every page."""

import re

import pytest

from convene.core.services import staff_create
from convene.directory.models import Person, ResolutionStatus
from convene.directory.services import organisation_create

pytestmark = pytest.mark.django_db(transaction=True)


def sign_in(visit, path):
    visit.goto(path)
    visit.page.get_by_label("Email").fill("staff@network.example")
    visit.page.get_by_label("Password").fill("a-long-pass-phrase")
    visit.page.get_by_role("button", name="Sign in").click()
    visit.page.wait_for_load_state()
    visit.check_accessibility()


def test_settle_a_review_by_choosing_an_organisation(visit):
    staff_create(actor=None, email="staff@network.example", password="a-long-pass-phrase")
    bordeaux = organisation_create(
        actor=None, name="Bordeaux Métropole", kind="regional_authority", country="FR"
    )
    organisation_create(actor=None, name="Ville de Bordeaux", kind="local_authority", country="FR")
    for n in range(2):
        Person.objects.create(
            email=f"agent{n}@bdx-metro.example",
            name=f"Agent {n}",
            organisation_text="Bdx Métropole",
            resolution_status=ResolutionStatus.REVIEW,
            resolution_explanation="two close candidates",
        )
    sign_in(visit, "/staff/directory/review/")
    page = visit.page
    assert page.get_by_role("cell", name="2").is_visible()
    page.get_by_role("link", name="Bdx Métropole").click()
    page.wait_for_load_state()
    visit.check_accessibility()

    page.get_by_label("Search the directory").fill("Bordeaux")
    page.get_by_role("button", name="Search").click()
    page.wait_for_load_state()
    visit.check_accessibility()
    page.get_by_label(re.compile("Bordeaux Métropole")).check()
    page.get_by_role("button", name="Use this organisation").click()
    page.wait_for_url(re.compile(r"/staff/directory/review/$"))
    visit.check_accessibility()
    assert page.get_by_text("Settled 2 people").is_visible()
    assert page.get_by_text("Nothing to review.").is_visible()
    assert Person.objects.filter(organisation=bordeaux).count() == 2
    assert list(bordeaux.aliases.values_list("name", flat=True)) == ["Bdx Métropole"]
    assert list(bordeaux.domains.values_list("domain", flat=True)) == ["bdx-metro.example"]


def test_settle_a_review_by_creating_an_organisation_in_french(visit):
    staff_create(actor=None, email="staff@network.example", password="a-long-pass-phrase")
    Person.objects.create(
        email="x@ngo-lyon.example",
        name="X",
        organisation_text="Association Prévention Lyon",
        resolution_status=ResolutionStatus.REVIEW,
    )
    sign_in(visit, "/staff/directory/review/")
    page = visit.page
    page.get_by_role("button", name="Français").click()
    page.wait_for_load_state()
    visit.check_accessibility()
    page.get_by_role("link", name="Association Prévention Lyon").click()
    page.wait_for_load_state()
    visit.check_accessibility()
    page.get_by_label("Type").select_option("ngo")
    page.get_by_label("Pays").select_option("FR")
    page.get_by_role("button", name="Créer l’organisation").click()
    page.wait_for_url(re.compile(r"/staff/directory/review/$"))
    visit.check_accessibility()
    person = Person.objects.get()
    assert person.organisation is not None and person.organisation.kind == "ngo"
    assert person.resolution_status == ResolutionStatus.STAFF
