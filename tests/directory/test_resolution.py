"""Resolution in the app: registrations resolve organisations, staff settle reviews, the
decisions are learnt, and ``convene orgs resolve-pending`` catches up after directory changes."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse

from convene.core.models import AuditLog
from convene.directory.models import Organisation, Person, ResolutionStatus
from convene.directory.services import (
    MembershipPeriod,
    organisation_alias_add,
    organisation_create,
    person_create,
    person_resolve,
    review_decide,
    review_decide_new,
)

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def directory():
    import datetime as dt

    essen = organisation_create(
        actor=None,
        name="Stadt Essen",
        kind="local_authority",
        country="DE",
        domains=["essen.de"],
        memberships=[MembershipPeriod(dt.date(2015, 1, 1))],
    )
    liege = organisation_create(
        actor=None, name="Ville de Liège", kind="local_authority", country="BE", aliases=["Luik"]
    )
    uliege = organisation_create(
        actor=None, name="Université de Liège", kind="research", country="BE", domains=["uliege.be"]
    )
    return {"essen": essen, "liege": liege, "uliege": uliege}


def person(text, email, country=""):
    return person_create(
        actor=None, email=email, name="Someone", organisation_text=text, country=country
    )


def test_department_of_a_city_matches_the_city(directory):
    p = person("Stadt Essen, Ordnungsamt", "a.b@essen.de")
    assert p.organisation == directory["essen"]
    assert p.resolution_status == ResolutionStatus.MATCHED
    assert p.resolution_explanation


def test_university_is_not_the_city(directory):
    p = person("Université de Liège", "x@uliege.be")
    assert p.organisation == directory["uliege"]
    city = person("VILLE DE LIEGE", "y@gmail.com", "BE")
    assert city.organisation == directory["liege"]


def test_unknown_city_becomes_one_new_organisation_for_both_spellings(directory):
    first = person("Stadt Köln", "a@stadt-koeln.de", "DE")
    second = person("City of Cologne", "b@stadt-koeln.de", "DE")
    assert first.resolution_status == ResolutionStatus.NEW
    assert first.organisation is not None and first.organisation == second.organisation
    assert first.organisation.kind == "local_authority" and first.organisation.country == "DE"
    assert (
        Organisation.objects.filter(
            resolution_cluster=first.organisation.resolution_cluster
        ).count()
        == 1
    )


def test_no_organisation(directory):
    assert person("n/a", "c@gmail.com").resolution_status == ResolutionStatus.NONE


def test_review_decision_is_learnt_and_applies_to_everyone_who_typed_it(directory, staff):
    waiting = [
        Person.objects.create(
            email=f"p{n}@efus-partner.example",
            name=f"P{n}",
            organisation_text="EFP",
            resolution_status=ResolutionStatus.REVIEW,
        )
        for n in range(3)
    ]
    target = organisation_create(
        actor=None, name="European Forum Partners", kind="ngo", country="FR"
    )
    assert review_decide(actor=staff, person=waiting[0], organisation=target) == 3
    assert set(Person.objects.filter(organisation=target).values_list("pk", flat=True)) == {
        p.pk for p in waiting
    }
    assert list(target.aliases.values_list("name", flat=True)) == ["EFP"]
    assert list(target.domains.values_list("domain", flat=True)) == ["efus-partner.example"]
    assert AuditLog.objects.filter(code="directory.review.decided").count() == 1
    # The same text never needs review again.
    again = person("EFP", "new@efus-partner.example")
    assert again.organisation == target and again.resolution_status == ResolutionStatus.MATCHED


def test_review_settled_with_a_new_organisation_is_all_or_nothing(directory, staff):
    waiting = Person.objects.create(
        email="a@gemeente-zwolle.example",
        name="A",
        organisation_text="Gem. Zwolle",
        resolution_status=ResolutionStatus.REVIEW,
    )
    with pytest.raises(ValidationError):
        review_decide_new(
            actor=staff, person=waiting, name="Gemeente Zwolle", kind="city", country="NL"
        )
    waiting.refresh_from_db()
    assert waiting.resolution_status == ResolutionStatus.REVIEW
    assert not Organisation.objects.filter(name="Gemeente Zwolle").exists()

    assert (
        review_decide_new(
            actor=staff,
            person=waiting,
            name="Gemeente Zwolle",
            kind="local_authority",
            country="NL",
        )
        == 1
    )
    waiting.refresh_from_db()
    assert waiting.organisation.name == "Gemeente Zwolle"
    assert waiting.resolution_status == ResolutionStatus.STAFF


def test_webmail_domain_is_never_learnt(directory, staff):
    p = Person.objects.create(
        email="someone@gmail.com",
        name="S",
        organisation_text="Ville de Nulle-Part",
        resolution_status=ResolutionStatus.REVIEW,
    )
    target = organisation_create(
        actor=None, name="Commune de Nulle-Part", kind="local_authority", country="FR"
    )
    review_decide(actor=staff, person=p, organisation=target)
    assert not target.domains.exists()


def test_resolve_pending_after_the_directory_changed(directory):
    p = Person.objects.create(
        email="z@example.org", name="Z", organisation_text="Gemeente Zwolle", country="NL"
    )
    assert p.resolution_status == ResolutionStatus.PENDING
    zwolle = organisation_create(
        actor=None, name="Gemeente Zwolle", kind="local_authority", country="NL"
    )
    out = io.StringIO()
    call_command("orgs", "resolve-pending", stdout=out)
    p.refresh_from_db()
    assert p.organisation == zwolle
    assert "Resolved 1 person again" in out.getvalue()


def test_directory_change_is_seen_by_the_engine_at_once(directory):
    organisation_alias_add(actor=None, organisation=directory["liege"], alias="Lüttich Stadt")
    p = Person.objects.create(email="q@web.de", name="Q", organisation_text="Lüttich Stadt")
    person_resolve(person=p)
    assert p.organisation == directory["liege"]


def test_new_organisation_gets_a_readable_name_and_the_typed_text_as_alias(directory):
    first = person("Comune di Torino, Polizia Municipale", "a@example.it", "IT")
    org = first.organisation
    assert first.resolution_status == ResolutionStatus.NEW
    assert org is not None and org.name == "Comune di Torino"
    assert org.kind == "local_authority" and org.country == "IT"
    assert set(org.aliases.values_list("name", flat=True)) == {
        "Comune di Torino, Polizia Municipale"
    }
    # Another form of the same city is the same organisation, not a second one.
    second = person("Polizia Municipale di Torino", "b@example.it", "IT")
    assert second.organisation == org
    assert Organisation.objects.filter(country="IT").count() == 1
    # The typed text is an alias now: the next registrant who types it is matched.
    third = person("Comune di Torino, Polizia Municipale", "c@example.it", "IT")
    assert third.organisation == org


def test_greek_name_stays_greek_with_its_official_latin_alias(directory):
    p = person("Δημοτική Αστυνομία Πάτρας", "a@example.gr", "GR")
    assert p.organisation is not None and p.organisation.name == "Δήμος Πάτρας"
    aliases = set(p.organisation.aliases.values_list("name", flat=True))
    assert {"Dimos Patras", "Δημοτική Αστυνομία Πάτρας"} <= aliases


def test_no_readable_name_waits_for_review_rather_than_entering_as_typed(directory):
    before = Organisation.objects.count()
    p = person("Team Blue", "x@example.fr", "FR")
    assert p.resolution_status == ResolutionStatus.REVIEW
    assert p.organisation is None and Organisation.objects.count() == before


def test_review_page_offers_organisations_ignoring_accents(directory, staff_client):
    waiting = person("Team Blue", "x@example.fr", "FR")
    url = reverse("directory_staff:review-item", args=[waiting.pk])
    response = staff_client.get(url, {"q": "liege"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Ville de Liège" in page and "Université de Liège" in page
    assert "Stadt Essen" not in page
