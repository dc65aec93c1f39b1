"""Organisations typed in by hand, and an organisation's parent, without the Django admin."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from convene.core.models import AuditLog
from convene.directory.models import Organisation
from convene.directory.selectors import person_is_member_on
from convene.directory.services import organisation_create, person_create
from convene.directory.services.editing import organisation_update

pytestmark = pytest.mark.django_db

NEW = reverse("directory_staff:organisation-new")


def _post(**changes: object) -> dict:
    data = {
        "name": "Service de prévention de Liège",
        "kind": "local_authority",
        "country": "BE",
        "aliases": "Prévention Liège\nPreventiedienst Luik",
        "domains": "prevention.liege.example",
        "parent": "",
        "member_from": "",
        "member_until": "",
    }
    data.update(changes)
    return data


def _city() -> Organisation:
    return organisation_create(
        actor=None, name="Ville de Liège", kind="local_authority", country="BE"
    )


def test_staff_create_an_organisation_with_parent_aliases_domains_and_membership(
    staff_client: Client,
):
    city = _city()
    page = staff_client.get(NEW)
    assert page.status_code == 200
    response = staff_client.post(
        NEW, _post(parent="ville de liège", member_from="2024-01-01", member_until="2026-12-31")
    )
    assert response.status_code == 302
    created = Organisation.objects.get(name="Service de prévention de Liège")
    assert response["Location"] == reverse("directory_pages:organisation", args=[created.pk])
    assert created.parent == city
    assert sorted(created.aliases.values_list("name", flat=True)) == [
        "Preventiedienst Luik",
        "Prévention Liège",
    ]
    assert list(created.domains.values_list("domain", flat=True)) == ["prevention.liege.example"]
    period = created.memberships.get()
    assert (period.member_from, period.member_until) == (dt.date(2024, 1, 1), dt.date(2026, 12, 31))
    assert AuditLog.objects.filter(code="directory.organisation.created").exists()
    detail = staff_client.get(response["Location"]).content.decode()
    assert "Ville de Liège" in detail  # "Part of"


def test_a_person_of_a_new_department_counts_as_member_through_its_parent(staff_client: Client):
    city = _city()
    from convene.directory.services import MembershipPeriod, membership_add

    membership_add(actor=None, organisation=city, period=MembershipPeriod(dt.date(2020, 1, 1)))
    staff_client.post(NEW, _post(parent="Ville de Liège"))
    department = Organisation.objects.get(name="Service de prévention de Liège")
    person = person_create(
        actor=None, email="a@prevention.liege.example", name="A", organisation=department
    )
    assert person_is_member_on(person=person, on=dt.date(2026, 12, 1))


@pytest.mark.parametrize(
    ("changes", "field_text"),
    [
        ({"name": ""}, "This field is required"),
        ({"parent": "Nowhere City"}, "No organisation is called Nowhere City"),
        ({"domains": "not a domain"}, "is not a domain name"),
        ({"member_until": "2020-01-01"}, "Give the first day of membership"),
        ({"member_from": "2021-01-01", "member_until": "2020-01-01"}, "cannot end before"),
    ],
)
def test_bad_input_is_a_form_error(staff_client: Client, changes, field_text):
    response = staff_client.post(NEW, _post(**changes))
    assert response.status_code == 400
    assert field_text in response.content.decode()
    assert not Organisation.objects.filter(name="Service de prévention de Liège").exists()


def test_a_duplicate_name_in_the_same_country_is_refused(staff_client: Client):
    staff_client.post(NEW, _post())
    response = staff_client.post(NEW, _post(name="service de prévention de liège", domains=""))
    assert response.status_code == 400
    assert "already exists" in response.content.decode()


def test_staff_set_and_clear_the_parent_on_the_edit_page(staff_client: Client):
    city = _city()
    department = organisation_create(
        actor=None, name="Police de Liège", kind="public_body", country="BE"
    )
    edit = reverse("directory_staff:organisation-edit", args=[department.pk])
    data = {"name": "Police de Liège", "kind": "public_body", "country": "BE", "parent": ""}
    response = staff_client.post(edit, {**data, "parent": "Ville de Liège"})
    assert response.status_code == 302
    department.refresh_from_db()
    assert department.parent == city
    assert staff_client.get(edit).content.decode().count("Ville de Liège") >= 1
    assert staff_client.post(edit, data).status_code == 302
    department.refresh_from_db()
    assert department.parent is None
    entries = AuditLog.objects.filter(code="directory.organisation.updated")
    assert [e.details["parent"] for e in entries.order_by("pk")] == [
        [None, city.pk],
        [city.pk, None],
    ]


def test_an_organisation_cannot_be_its_own_ancestor():
    city = _city()
    department = organisation_create(
        actor=None, name="Police de Liège", kind="public_body", country="BE", parent=city
    )
    with pytest.raises(ValidationError) as loop:
        organisation_update(
            actor=None,
            organisation=city,
            name=city.name,
            kind=city.kind,
            country=city.country,
            parent=department,
        )
    assert "parent" in loop.value.message_dict
    with pytest.raises(ValidationError):
        organisation_update(
            actor=None, organisation=city, name=city.name, kind=city.kind, country="BE", parent=city
        )


def test_two_organisations_of_one_name_pick_the_form_country(staff_client: Client):
    organisation_create(actor=None, name="Saint-Gilles", kind="local_authority", country="BE")
    french = organisation_create(
        actor=None, name="Saint-Gilles", kind="local_authority", country="FR"
    )
    response = staff_client.post(
        NEW, _post(name="CCAS de Saint-Gilles", country="FR", parent="Saint-Gilles", domains="")
    )
    assert response.status_code == 302
    assert Organisation.objects.get(name="CCAS de Saint-Gilles").parent == french
