"""Staff pages of the section tree: create and edit through the service, with form errors for
bad input, never a 500."""

from __future__ import annotations

import pytest
from django.test import Client

from convene.core.access import Access
from convene.core.models import AuditLog
from convene.sections.models import Section
from tests.network import Network

pytestmark = pytest.mark.django_db


def test_staff_create_a_section_under_another(network: Network, staff_client: Client) -> None:
    assert staff_client.get("/staff/network/sections/new/").status_code == 200
    response = staff_client.post(
        "/staff/network/sections/new/",
        {
            "name_en": "Domestic violence",
            "name_fr": "Violences domestiques",
            "description_en": "Shelters and support.",
            "slug": "domestic-violence",
            "parent": network.sections["members"].pk,
            "access": Access.INHERIT,
            "position": 1,
            "extra_organisations": [network.organisations["ngo"].pk],
            "extra_people": "extra@lab.example\n",
        },
    )
    assert response.status_code == 302
    section = Section.objects.get(slug="domestic-violence")
    assert section.effective_access == Access.MEMBERS
    assert section.name.localize("fr") == "Violences domestiques"
    assert list(section.extra_organisations.all()) == [network.organisations["ngo"]]
    assert AuditLog.objects.filter(code="sections.section.created").exists()
    listing = staff_client.get("/staff/network/sections/").content.decode()
    assert "Domestic violence" in listing


def test_bad_input_is_a_form_error(network: Network, staff_client: Client) -> None:
    members = network.sections["members"]
    response = staff_client.post(
        f"/staff/network/sections/{members.pk}/edit/",
        {
            "name_en": "Crisis management",
            "slug": "urban-security",  # taken
            "parent": network.sections["inheriting"].pk,  # its own child
            "access": "secret",
            "position": 0,
            "extra_people": "nobody@nowhere.example",
        },
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Not in the directory: nobody@nowhere.example." in page
    members.refresh_from_db()
    assert members.slug == "crisis-management"


def test_a_section_cannot_move_inside_its_child(network: Network, staff_client: Client) -> None:
    members = network.sections["members"]
    response = staff_client.post(
        f"/staff/network/sections/{members.pk}/edit/",
        {
            "name_en": "Crisis management",
            "slug": "crisis-management",
            "parent": network.sections["inheriting"].pk,
            "access": Access.MEMBERS,
            "position": 0,
        },
    )
    assert response.status_code == 400
    assert "cannot sit inside itself" in response.content.decode()


def test_the_admin_cannot_change_sections(network: Network) -> None:
    staff_client = network.client("staff")
    section = network.sections["public"]
    assert staff_client.get(f"/admin/sections/section/{section.pk}/change/").status_code == 200
    assert staff_client.get("/admin/sections/section/add/").status_code == 403
