import pytest
from django.core.cache import cache

from convene.registrations.models import Registration
from tests import factories as f

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _clear_rate_limits():
    cache.clear()


def payload(of_series, chosen, **kw):
    body = {
        "series": of_series.slug,
        "sessions": [s.slug for s in chosen],
        "name": "Marie Dupont",
        "email": "marie.dupont@bordeaux.example",
        "organisation": "Mairie de Bordeaux",
        "country": "FR",
        "language": "fr",
        "consent": True,
    }
    body.update(kw)
    return body


def post(client, body):
    return client.post("/api/registrations", body, content_type="application/json")


def test_register_returns_201_with_status_per_session(client):
    series = f.series()
    open_, full = f.session(series), f.session(series, capacity=0)
    response = post(client, payload(series, [open_, full]))
    assert response.status_code == 201, response.content
    assert response.json() == {
        "registrations": [
            {"session": open_.slug, "status": "pending"},
            {"session": full.slug, "status": "waitlisted"},
        ]
    }


@pytest.mark.parametrize(
    ("change", "status", "field"),
    [
        ({"email": "nope"}, 400, "email"),
        ({"consent": False}, 400, "consent"),
        ({"sessions": ["no-such-session"]}, 404, "sessions"),
        ({"series": "no-such-series"}, 404, "series"),
        ({"sessions": []}, 400, "sessions"),
        ({"name": ""}, 400, "name"),
    ],
)
def test_bad_requests_name_the_field(client, change, status, field):
    series = f.series()
    session = f.session(series)
    response = post(client, payload(series, [session], **change))
    assert response.status_code == status, response.content
    assert field in response.json()["detail"]
    assert not Registration.objects.exists()


def test_closed_session_is_400(client):
    series = f.series()
    session = f.session(series)
    session.status = "cancelled"
    session.save()
    response = post(client, payload(series, [session]))
    assert response.status_code == 400
    assert "sessions" in response.json()["detail"]


def test_members_only_refusal_is_403(client):
    series = f.series(audience_policy="members_only")
    session = f.session(series)
    response = post(client, payload(series, [session]))
    assert response.status_code == 403
    assert "organisation" in response.json()["detail"]


def test_rate_limit_per_email_is_429(client, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "register_email": (2, 600)}
    series = f.series()
    session = f.session(series)
    codes = [post(client, payload(series, [session])).status_code for _ in range(3)]
    assert codes == [201, 201, 429]


def test_session_seats(client):
    series = f.series()
    session = f.session(series, capacity=1)
    post(client, payload(series, [session]))
    post(client, payload(series, [session], email="other@x.example"))
    response = client.get(f"/api/sessions/{session.slug}")
    assert response.status_code == 200
    assert response.json() == {
        "capacity": 1,
        "seats_taken": 1,
        "waitlisted": 1,
        "status": "published",
        "availability": "full",
    }
    assert client.get("/api/sessions/nope").status_code == 404


def test_registration_query_count_does_not_grow_with_registrants_or_people(client, settings):
    """The hot path: a fixed number of queries, however many people and rows there are (the
    person is found through the email index, seats are counted through the session's index).
    With the database queue, the mail job is one more INSERT in the same transaction, and the
    sessions the request asked for are one INSERT (so that its link confirms them even after a
    newer request took them over). The rate limits count in the database (issue #16): the
    address's counter is one UPDATE and one SELECT; a new email's counter is an UPDATE that
    finds nothing, an INSERT in a savepoint (two more statements) and the clearing of ended
    windows: seven queries in all. The consent to the privacy notice (issue #21) is one SELECT
    of the version in force and one INSERT (its audit entry joins the request's)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    series = f.series()
    session = f.session(series, capacity=5)

    def register(n: int) -> int:
        body = payload(series, [session], email=f"person{n}@city{n}.example")
        with CaptureQueriesContext(connection) as queries:
            assert post(client, body).status_code == 201
        return len([q for q in queries if q["sql"] not in {"BEGIN", "BEGIN IMMEDIATE", "COMMIT"}])

    # The first two build this process's caches: content types, the organisation the first
    # registrant's text created, the resolution engine rebuilt to know it.
    register(0), register(1)
    first = register(2)
    for n in range(3, 12):  # fills the session, then the waitlist
        register(n)
    assert register(12) == first == 10 + 7 + 2


@pytest.mark.parametrize(
    ("content_type", "body"),
    [
        ("text/plain", "json"),
        ("application/x-www-form-urlencoded", "form"),
        ("multipart/form-data; boundary=BoUnDaRy", "multipart"),
    ],
)
def test_cross_site_posts_without_json_content_type_register_nobody(client, content_type, body):
    """A page on another site can make a browser post text/plain, form or multipart bodies
    without a CORS preflight; only application/json is accepted (issue #16)."""
    import json
    from urllib.parse import urlencode

    series = f.series()
    session = f.session(series)
    data = payload(series, [session])
    raw = {
        "json": json.dumps(data),
        "form": urlencode(data, doseq=True),
        "multipart": '--BoUnDaRy\r\nContent-Disposition: form-data; name="x"\r\n\r\n'
        + json.dumps(data)
        + "\r\n--BoUnDaRy--\r\n",
    }[body]
    response = client.post(
        "/api/registrations",
        raw,
        content_type=content_type,
        headers={"Origin": "https://evil.example"},
    )
    assert response.status_code == 415
    assert response.json()["detail"]
    assert not Registration.objects.exists()
