"""Read endpoints of topic proposals, through the same rule as the pages: signed-in members and
partners and staff read them; to anyone else every endpoint answers 404."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from convene.knowledge.services import proposals as services
from tests.knowledge import proposal_helpers as h

pytestmark = pytest.mark.django_db


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def data():
    round_obj = h.open_round(supports=2)
    quiet = h.proposal(round_obj, title="Quiet topic")
    popular = h.proposal(round_obj, title="Popular topic")
    for _ in range(2):
        services.proposal_support(actor=h.member()[0], proposal=popular)
    return round_obj, quiet, popular


def _urls(round_obj, proposal) -> list[str]:
    return [
        "/api/proposal-rounds",
        f"/api/proposal-rounds/{round_obj.pk}",
        f"/api/proposal-rounds/{round_obj.pk}/proposals",
        f"/api/proposals/{proposal.pk}",
    ]


@pytest.mark.parametrize("role", ["anonymous", "unverified", "no organisation"])
def test_hidden_from_others_as_404(data, role):
    round_obj, quiet, _popular = data
    if role == "anonymous":
        client = Client()
    elif role == "unverified":
        client = _client(h.member(verified=False)[0])
    else:
        client = _client(h.person_user(organisation=None)[0])
    for url in _urls(round_obj, quiet):
        response = client.get(url)
        assert response.status_code == 404, url
        assert "detail" in response.json()


@pytest.mark.parametrize("role", ["member", "partner"])
def test_members_and_partners_read_rounds_and_proposals(data, role):
    round_obj, _quiet, popular = data
    client = _client(getattr(h, role)()[0])
    rounds = client.get("/api/proposal-rounds").json()
    assert rounds["count"] == 1
    assert rounds["items"][0]["supports_per_person"] == 2
    assert rounds["items"][0]["is_open"] is True
    assert rounds["items"][0]["proposal_count"] == 2
    assert rounds["items"][0]["title_translations"] == {
        "en": "Topics for 2027",
        "fr": "Thèmes pour 2027",
    }
    items = client.get(f"/api/proposal-rounds/{round_obj.pk}/proposals").json()["items"]
    assert [(p["title"], p["support_count"]) for p in items] == [
        ("Popular topic", 2),
        ("Quiet topic", 0),
    ]
    one = client.get(f"/api/proposals/{popular.pk}").json()
    assert one["round"] == round_obj.pk
    assert one["status"] == "open"
    assert one["merged_into"] is None and one["session"] is None


def test_staff_read_with_a_token(data, api_client):
    round_obj, quiet, _popular = data
    for url in _urls(round_obj, quiet):
        assert api_client.get(url).status_code == 200, url


def test_french_titles_in_french(data):
    round_obj, _quiet, _popular = data
    client = _client(h.member()[0])
    response = client.get(f"/api/proposal-rounds/{round_obj.pk}", HTTP_ACCEPT_LANGUAGE="fr")
    assert response.json()["title"] == "Thèmes pour 2027"


def test_a_missing_object_is_404_for_members_too(data):
    client = _client(h.member()[0])
    assert client.get("/api/proposals/999999").status_code == 404
    assert client.get("/api/proposal-rounds/999999/proposals").status_code == 404


def test_the_proposal_list_query_count_does_not_grow(data, django_assert_num_queries):
    round_obj, _quiet, _popular = data
    client = _client(h.member()[0])
    url = f"/api/proposal-rounds/{round_obj.pk}/proposals"
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for _ in range(5):
        h.proposal(round_obj)
    with django_assert_num_queries(len(few.captured_queries)):
        assert len(client.get(url).json()["items"]) == 7
