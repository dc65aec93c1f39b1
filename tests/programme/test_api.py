import pytest

from convene.core.models import AuditLog
from convene.programme.models import Series, Session

pytestmark = pytest.mark.django_db

SERIES = {
    "slug": "lockdown-2020",
    "title": "Lockdown webconferences",
    "audience_policy": "members_first",
    "timezone": "Europe/Brussels",
}
SESSION = {
    "slug": "dv-lockdown",
    "title": "Domestic violence during the lockdown",
    "starts_at": "2020-04-14T14:00:00+02:00",
    "ends_at": "2020-04-14T15:30:00+02:00",
    "timezone": "Europe/Brussels",
    "capacity": 100,
    "status": "published",
}


def test_staff_create_series_and_session(api_client):
    response = api_client.post("/api/series", SERIES, content_type="application/json")
    assert response.status_code == 201, response.content
    assert response.json()["audience_policy"] == "members_first"
    response = api_client.post(
        "/api/series/lockdown-2020/sessions", SESSION, content_type="application/json"
    )
    assert response.status_code == 201, response.content
    session = Session.objects.get()
    assert session.starts_at.isoformat() == "2020-04-14T12:00:00+00:00"
    assert session.series.slug == "lockdown-2020"
    assert AuditLog.objects.filter(code="programme.session.created").count() == 1


def test_anonymous_cannot_create(client):
    assert client.post("/api/series", SERIES, content_type="application/json").status_code == 401
    assert not Series.objects.exists()


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"ends_at": "2020-04-14T13:00:00+02:00"}, "ends_at"),
        ({"starts_at": "2020-04-14T14:00:00"}, "starts_at"),
        ({"timezone": "Mars/Olympus"}, "timezone"),
        ({"capacity": -1}, "capacity"),
        ({"status": "cancelled"}, "status"),
        ({"slug": "Not A Slug"}, "slug"),
    ],
)
def test_bad_session_is_400(api_client, change, field):
    api_client.post("/api/series", SERIES, content_type="application/json")
    response = api_client.post(
        "/api/series/lockdown-2020/sessions", {**SESSION, **change}, content_type="application/json"
    )
    assert response.status_code == 400, response.content
    assert field in response.json()["detail"]
    assert not Session.objects.exists()


def test_unknown_series_is_404(api_client):
    response = api_client.post(
        "/api/series/nope/sessions", SESSION, content_type="application/json"
    )
    assert response.status_code == 404
    assert "series" in response.json()["detail"]


def test_duplicate_series_slug_is_400(api_client):
    api_client.post("/api/series", SERIES, content_type="application/json")
    response = api_client.post("/api/series", SERIES, content_type="application/json")
    assert response.status_code == 400
    assert "slug" in response.json()["detail"]


def test_titles_in_several_languages_come_back_in_the_request_language(api_client):
    payload = {**SERIES, "title_translations": {"fr": "Webconférences du confinement"}}
    assert (
        api_client.post("/api/series", payload, content_type="application/json").status_code == 201
    )
    session = {**SESSION, "title_translations": {"de": "Häusliche Gewalt im Lockdown"}}
    url = "/api/series/lockdown-2020/sessions"
    response = api_client.post(
        url, session, content_type="application/json", HTTP_ACCEPT_LANGUAGE="fr"
    )
    body = response.json()
    # No French title: the resolved one falls back to English; the translations are all there.
    assert body["title"] == SESSION["title"]
    assert body["title_translations"] == {
        "en": SESSION["title"],
        "de": "Häusliche Gewalt im Lockdown",
    }
    series = Series.objects.get()
    assert series.title.localize("fr") == "Webconférences du confinement"


def test_a_translation_into_an_unknown_content_language_is_400(api_client):
    payload = {**SERIES, "title_translations": {"xx": "?"}}
    response = api_client.post("/api/series", payload, content_type="application/json")
    assert response.status_code == 400
    assert "xx" in response.content.decode()
    assert not Series.objects.exists()
