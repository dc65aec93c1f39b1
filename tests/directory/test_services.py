import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from convene.core.models import AuditLog
from convene.directory.models import Organisation, OrganisationAlias, Person
from convene.directory.services import (
    MembershipPeriod,
    membership_add,
    organisation_create,
    organisation_domain_add,
    organisation_merge,
    person_create,
)

pytestmark = pytest.mark.django_db


def test_person_email_unique_case_insensitively_in_the_service():
    person_create(actor=None, email="Marie.Dupont@Bordeaux-Metropole.example", name="Marie Dupont")
    with pytest.raises(ValidationError) as caught:
        person_create(actor=None, email="marie.dupont@bordeaux-metropole.EXAMPLE", name="M. Dupont")
    assert "email" in caught.value.message_dict
    assert Person.objects.count() == 1


def test_person_email_unique_case_insensitively_in_the_database():
    """The constraint holds even for code that bypasses the service."""
    Person.objects.create(email="hans.becker@essen.example", name="Hans Becker")
    with pytest.raises(IntegrityError), transaction.atomic():
        Person.objects.create(email="HANS.BECKER@essen.example", name="Hans")


def test_person_create_rejects_bad_email_and_country():
    with pytest.raises(ValidationError) as caught:
        person_create(actor=None, email="not-an-email", name="X")
    assert "email" in caught.value.message_dict
    with pytest.raises(ValidationError) as caught:
        person_create(actor=None, email="x@y.example", name="X", country="XX")
    assert "country" in caught.value.message_dict


def test_organisation_create_writes_an_audit_entry(staff):
    org = organisation_create(
        actor=staff,
        name="Stadt Essen",
        kind="local_authority",
        country="de",
        aliases=["City of Essen", "stadt essen", "Essen"],
        domains=["@Essen.DE"],
        memberships=[MembershipPeriod(dt.date(2019, 1, 1))],
    )
    assert org.country == "DE"
    assert sorted(a.name for a in org.aliases.all()) == ["City of Essen", "Essen"]
    assert [d.domain for d in org.domains.all()] == ["essen.de"]
    entry = AuditLog.objects.get(code="directory.organisation.created")
    assert entry.actor == staff
    assert entry.object_id == str(org.pk)
    assert entry.details["domains"] == ["essen.de"]


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"name": "  "}, "name"),
        ({"kind": "city"}, "kind"),
        ({"country": "XX"}, "country"),
        ({"domains": ["not a domain"]}, "domains"),
        (
            {"memberships": [MembershipPeriod(dt.date(2020, 1, 1), dt.date(2019, 1, 1))]},
            "memberships",
        ),
        (
            {
                "memberships": [
                    MembershipPeriod(dt.date(2019, 1, 1), dt.date(2020, 12, 31)),
                    MembershipPeriod(dt.date(2020, 6, 1)),
                ]
            },
            "memberships",
        ),
    ],
)
def test_organisation_create_rejects_bad_input_and_writes_nothing(kwargs, field):
    base = {"name": "Comune di Torino", "kind": "local_authority", "country": "IT"}
    with pytest.raises(ValidationError) as caught:
        organisation_create(actor=None, **{**base, **kwargs})
    assert field in caught.value.message_dict
    assert Organisation.objects.count() == 0
    assert AuditLog.objects.count() == 0


def test_duplicate_name_in_same_country_is_refused_but_not_across_countries():
    organisation_create(actor=None, name="Police municipale", kind="public_body", country="FR")
    with pytest.raises(ValidationError):
        organisation_create(actor=None, name="POLICE MUNICIPALE", kind="public_body", country="FR")
    organisation_create(actor=None, name="Police municipale", kind="public_body", country="BE")
    assert Organisation.objects.count() == 2


def test_a_domain_belongs_to_one_organisation():
    first = organisation_create(
        actor=None,
        name="Ville de Liège",
        kind="local_authority",
        country="BE",
        domains=["liege.be"],
    )
    other = organisation_create(
        actor=None, name="Université de Liège", kind="research", country="BE"
    )
    with pytest.raises(ValidationError) as caught:
        organisation_domain_add(actor=None, organisation=other, domain="LIEGE.be")
    assert "Ville de Liège" in caught.value.messages[0]
    assert first.domains.count() == 1


def test_membership_add_refuses_overlap_and_audits():
    org = organisation_create(
        actor=None,
        name="Gemeente Mechelen",
        kind="local_authority",
        country="BE",
        memberships=[MembershipPeriod(dt.date(2015, 1, 1), dt.date(2019, 12, 31))],
    )
    with pytest.raises(ValidationError):
        membership_add(actor=None, organisation=org, period=MembershipPeriod(dt.date(2019, 6, 1)))
    membership_add(actor=None, organisation=org, period=MembershipPeriod(dt.date(2020, 1, 1)))
    assert org.memberships.count() == 2
    assert AuditLog.objects.filter(code="directory.membership.added").count() == 1


def test_merge_moves_people_aliases_domains_and_memberships(staff):
    target = organisation_create(
        actor=None, name="Ajuntament de Barcelona", kind="local_authority", country="ES"
    )
    source = organisation_create(
        actor=None,
        name="Barcelona City Council",
        kind="local_authority",
        country="ES",
        aliases=["Ayuntamiento de Barcelona"],
        domains=["bcn.cat"],
        memberships=[MembershipPeriod(dt.date(2010, 1, 1))],
    )
    child = organisation_create(
        actor=None, name="Guàrdia Urbana", kind="public_body", country="ES", parent=source
    )
    people = [
        person_create(actor=None, email=f"p{i}@bcn.cat", name=f"P{i}", organisation=source)
        for i in range(3)
    ]

    organisation_merge(actor=staff, source=source, target=target)

    assert not Organisation.objects.filter(pk=source.pk).exists()
    assert all(Person.objects.get(pk=p.pk).organisation_id == target.pk for p in people)
    assert set(
        OrganisationAlias.objects.filter(organisation=target).values_list("name", flat=True)
    ) == {
        "Barcelona City Council",
        "Ayuntamiento de Barcelona",
    }
    assert [d.domain for d in target.domains.all()] == ["bcn.cat"]
    assert target.memberships.count() == 1
    child.refresh_from_db()
    assert child.parent_id == target.pk
    entry = AuditLog.objects.get(code="directory.organisation.merged")
    assert entry.actor == staff
    assert entry.details["people_moved"] == 3
    assert entry.details["source_name"] == "Barcelona City Council"


def test_merge_into_itself_is_refused():
    org = organisation_create(
        actor=None, name="Ville de Lyon", kind="local_authority", country="FR"
    )
    with pytest.raises(ValidationError):
        organisation_merge(actor=None, source=org, target=org)
    assert Organisation.objects.filter(pk=org.pk).exists()
