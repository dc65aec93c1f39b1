"""GET /api/sections and /api/sections/{slug}: the same rule as the pages, through a staff
token, the session cookie or nothing; what the caller may not see answers 404."""

from __future__ import annotations

import pytest
from django.test import Client

from convene.core.access import Access
from convene.core.services import api_token_create
from convene.sections.services import section_create
from tests.network import Network

pytestmark = pytest.mark.django_db


def test_members_see_the_parent_of_an_inheriting_section(network: Network) -> None:
    body = network.client("member").get("/api/sections/covid-19-lockdown-2020").json()
    assert body["parent"] == "crisis-management"
    assert body["effective_access"] == "members" and body["access"] == "inherit"
    assert body["name_translations"] == {
        "en": "Covid-19 lockdown 2020",
        "fr": "Confinement Covid-19 2020",
    }


def test_the_parent_a_caller_may_not_see_is_not_named(network: Network) -> None:
    hidden_parent = network.sections["staff"]
    section_create(
        actor=None,
        name="Guests",
        slug="guests",
        parent=hidden_parent,
        access=Access.STAFF,
        extra_people=[network.people["outsider"]],
    )
    body = network.client("outsider").get("/api/sections/guests").json()
    assert body["parent"] is None
    assert network.client("outsider").get("/api/sections/board").status_code == 404


def test_the_list_is_paginated_and_filtered(network: Network) -> None:
    body = Client().get("/api/sections?limit=1").json()
    assert body["count"] == 1 and [s["slug"] for s in body["items"]] == ["urban-security"]


def test_a_staff_token_sees_everything(network: Network) -> None:
    _token, raw = api_token_create(actor=None, user=network.users["staff"])
    client = Client(headers={"Authorization": f"Bearer {raw}"})
    assert client.get("/api/sections/board").status_code == 200
    assert client.get("/api/sections?limit=100").json()["count"] == 4


def test_french_names_follow_accept_language(network: Network) -> None:
    body = Client().get("/api/sections/urban-security", headers={"Accept-Language": "fr"}).json()
    assert body["name"] == "Sécurité urbaine"


def test_the_list_takes_a_constant_number_of_queries(
    network: Network, django_assert_max_num_queries
) -> None:
    client = network.client("member")
    client.get("/api/sections")
    with django_assert_max_num_queries(6):
        client.get("/api/sections?limit=100")
    for n in range(10):
        section_create(actor=None, name=f"S {n}", slug=f"s-{n}", parent=network.sections["public"])
    with django_assert_max_num_queries(6):
        assert client.get("/api/sections?limit=100").json()["count"] == 13
