import json
import os
from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from convene.api import api
from convene.core.models import AuditLog
from convene.core.services import api_token_revoke
from convene.directory.models import Organisation

pytestmark = pytest.mark.django_db

SNAPSHOT = Path(__file__).parent / "openapi.json"

VALID = {
    "name": "Ville de Liège",
    "kind": "local_authority",
    "country": "BE",
    "aliases": ["Luik", "Lüttich"],
    "domains": ["liege.be"],
    "memberships": [{"from": "2018-01-01", "until": None}],
}


def test_no_token_is_401(client):
    response = client.get("/api/organisations")
    assert response.status_code == 401
    assert "detail" in response.json()
    assert response["WWW-Authenticate"].startswith("Bearer")


@pytest.mark.parametrize("header", ["Bearer nope", "Bearer cvn_wrong", "Token abc", "Bearer "])
def test_bad_token_is_401(client, header):
    assert client.get("/api/organisations", headers={"Authorization": header}).status_code == 401


def test_token_is_200(api_client):
    response = api_client.get("/api/organisations")
    assert response.status_code == 200
    assert response.json() == {"items": [], "count": 0}


def test_revoked_token_is_401(client, api_token, staff):
    token = staff.api_tokens.get()
    api_token_revoke(actor=None, token=token)
    response = client.get("/api/organisations", headers={"Authorization": f"Bearer {api_token}"})
    assert response.status_code == 401


def test_token_of_a_demoted_account_is_401(client, api_token, staff):
    staff.is_staff = False
    staff.save(update_fields=["is_staff"])
    response = client.get("/api/organisations", headers={"Authorization": f"Bearer {api_token}"})
    assert response.status_code == 401


def test_create_organisation(api_client, staff):
    response = api_client.post("/api/organisations", VALID, content_type="application/json")
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["name"] == "Ville de Liège"
    assert body["aliases"] == ["Luik", "Lüttich"]
    assert body["domains"] == ["liege.be"]
    assert body["memberships"] == [{"from": "2018-01-01", "until": None}]
    entry = AuditLog.objects.get(code="directory.organisation.created")
    assert entry.actor == staff


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"kind": "city"}, "kind"),
        ({"country": "ZZ"}, "country"),
        ({"country": "Belgium"}, "country"),
        ({"name": ""}, "name"),
        ({"memberships": [{"from": "2020-13-01"}]}, "memberships"),
        ({"memberships": [{"from": "2020-01-01", "until": "2019-01-01"}]}, "memberships"),
        ({"domains": ["no spaces allowed.be x"]}, "domains"),
    ],
)
def test_invalid_input_is_400_with_detail(api_client, change, field):
    response = api_client.post(
        "/api/organisations", {**VALID, **change}, content_type="application/json"
    )
    assert response.status_code == 400, response.content
    assert field in response.json()["detail"]
    assert Organisation.objects.count() == 0


def test_malformed_json_is_400(api_client):
    response = api_client.post("/api/organisations", "{not json", content_type="application/json")
    assert response.status_code == 400
    assert "detail" in response.json()


def test_list_is_paginated_and_query_count_is_constant(api_client):
    def fetch(limit: int) -> tuple[dict, int]:
        with CaptureQueriesContext(connection) as ctx:
            response = api_client.get(f"/api/organisations?limit={limit}")
        assert response.status_code == 200
        return response.json(), len(ctx.captured_queries)

    api_client.post("/api/organisations", VALID, content_type="application/json")
    _body, few = fetch(10)
    for n in range(12):
        payload = {**VALID, "name": f"Town {n}", "domains": [f"t{n}.example"], "aliases": [f"A{n}"]}
        assert (
            api_client.post(
                "/api/organisations", payload, content_type="application/json"
            ).status_code
            == 201
        )
    body, many = fetch(10)
    assert body["count"] == 13
    assert len(body["items"]) == 10
    assert many == few


def test_openapi_snapshot():
    """Fails on an accidental API change. After a deliberate one: UPDATE_SNAPSHOTS=1 pytest."""
    schema = json.loads(json.dumps(api.get_openapi_schema(), sort_keys=True))
    if os.environ.get("UPDATE_SNAPSHOTS") == "1" or not SNAPSHOT.exists():
        SNAPSHOT.write_text(json.dumps(schema, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    assert schema == json.loads(SNAPSHOT.read_text(encoding="utf-8"))


def test_openapi_docs_are_served_locally(client):
    response = client.get("/api/docs")
    assert response.status_code == 200
    body = response.content.decode()
    assert "cdn." not in body and "unpkg" not in body
