"""The practice library's read endpoints: the same search and access rule as the pages."""

from __future__ import annotations

import pytest
from django.test import Client

from convene.directory.services import organisation_create, person_create
from convene.programme.models import Topic
from tests.knowledge.practices import practice

pytestmark = pytest.mark.django_db


def test_search_with_filters_ranks_and_marks_the_matches(client: Client) -> None:
    topic = Topic.objects.get(slug="domestic-violence")
    liege = organisation_create(
        actor=None, name="Ville de Liège", kind="local_authority", country="BE"
    )
    practice(
        title="Shelters in Liège",
        summary="<b>Rooms</b> for victims",
        topics=[topic],
        organisations=[liege],
        country="BE",
    )
    practice(title="Night buses", summary="Shelters at bus stops", country="BE")
    practice(title="Hidden shelters", access="members")

    body = client.get("/api/practices", {"q": "shelters"}).json()
    filtered = client.get(
        "/api/practices",
        {"q": "SHELTERS", "topic": "domestic-violence", "city": liege.pk, "country": "be"},
    ).json()

    assert body["count"] == 2
    assert [i["title"] for i in body["items"]] == ["Shelters in Liège", "Night buses"]
    assert "<mark>Shelters</mark>" in body["items"][1]["snippet_html"]
    assert [i["title"] for i in filtered["items"]] == ["Shelters in Liège"]
    assert filtered["items"][0]["organisations"][0]["name"] == "Ville de Liège"
    assert filtered["items"][0]["topics"] == ["domestic-violence"]


def test_bad_parameters_answer_400_or_422_with_a_detail(client: Client) -> None:
    for params in ({"evidence": "rumour"}, {"city": "x"}, {"q": "a\x00b"}, {"offset": -1}):
        response = client.get("/api/practices", params)
        assert response.status_code in (400, 422), params
        assert "detail" in response.json()


def test_a_practice_the_caller_may_not_see_answers_404(
    client: Client, staff_client: Client
) -> None:
    hidden = practice(title="Staff notes", access="staff")

    assert client.get(f"/api/practices/{hidden.slug}").status_code == 404
    assert client.get("/api/practices/nothing-here").status_code == 404
    assert staff_client.get(f"/api/practices/{hidden.slug}").status_code == 200


def test_the_detail_gives_the_contact_to_members_and_staff_only(
    client: Client, staff_client: Client
) -> None:
    contact = person_create(actor=None, email="ana@liege.example", name="Ana")
    item = practice(title={"en": "Housing", "fr": "Logement"}, contact=contact)

    public = client.get(f"/api/practices/{item.slug}").json()
    staff = staff_client.get(f"/api/practices/{item.slug}").json()
    french = client.get(f"/api/practices/{item.slug}", HTTP_ACCEPT_LANGUAGE="fr").json()

    assert public["contact"] is None
    assert staff["contact"] == {"name": "Ana", "email": "ana@liege.example", "organisation": None}
    assert public["translations"]["title"] == {"en": "Housing", "fr": "Logement"}
    assert french["title"] == "Logement"


def test_a_staff_token_sees_what_staff_see_and_a_wrong_one_is_refused(
    client: Client, api_client: Client
) -> None:
    hidden = practice(title="Staff notes", access="staff")

    assert api_client.get(f"/api/practices/{hidden.slug}").status_code == 200
    assert api_client.get("/api/practices").json()["count"] == 1
    wrong = client.get("/api/practices", headers={"Authorization": "Bearer cvn_wrong"})
    assert wrong.status_code == 401 and "detail" in wrong.json()
