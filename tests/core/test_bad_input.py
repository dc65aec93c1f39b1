"""The bad-input sweep: every public form and endpoint (and the staff sign-in and API) gets
over-long strings, NUL, unpaired surrogates, invalid UTF-8, HTML and script, SQL fragments,
oversized bodies and wrong content types. Each answer must be a clear 4xx (JSON with a
``detail`` under /api/) or a form shown again with its error, never a 5xx; when the input was
refused, no table changed; and nothing sent comes back unescaped.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from urllib.parse import quote, urlencode

import pytest
from django.apps import apps
from django.test import Client
from django.utils import timezone

from convene.programme.models import Series, Session
from tests import factories

pytestmark = pytest.mark.django_db

SCRIPT = "<script>alert('x')</script>"

#: Values as text; each is sent percent-encoded in forms, URLs and query strings, as JSON in
#: bodies.
TEXT_PAYLOADS = {
    "long": "x" * 100_000,
    "nul": "a\x00b",
    "html": SCRIPT,
    "sql": "x' OR '1'='1'; DROP TABLE programme_session; --",
}
#: Values only an attacker can send: already percent-encoded bytes. ED A0 80 is an unpaired
#: surrogate in the encoding some tools use; FF is never UTF-8.
RAW_PAYLOADS = {"surrogate": "%ED%A0%80", "bad_utf8": "%FF%FE%00"}
PAYLOADS = [*TEXT_PAYLOADS, *RAW_PAYLOADS]

CASES: list[str] = []  # every case run, counted for the closing note


@dataclass(frozen=True)
class World:
    series: Series
    session: Session
    past: Session
    staff: Client
    api_token: str


@pytest.fixture
def world(staff_client: Client, api_token: str) -> World:
    series = factories.series(slug="sweep")
    session = factories.session(series, slug="sweep-next")
    past = factories.session(
        series, slug="sweep-past", starts_at=timezone.now() - dt.timedelta(days=3)
    )
    return World(series, session, past, staff_client, api_token)


def table_counts() -> dict[str, int]:
    return {m._meta.label: m._default_manager.count() for m in apps.get_models()}


@pytest.fixture(scope="module", autouse=True)
def report_counts(request: pytest.FixtureRequest) -> Iterator[None]:
    yield
    reporter = request.config.pluginmanager.get_plugin("terminalreporter")
    capture = request.config.pluginmanager.get_plugin("capturemanager")
    if reporter is not None and capture is not None and CASES:
        with capture.global_and_fixture_disabled():
            reporter.write_line(f"\nbad-input sweep cases: {len(CASES)}")


def encoded(payload: str) -> str:
    """The payload ready for a URL or a form body."""
    return RAW_PAYLOADS.get(payload) or quote(TEXT_PAYLOADS[payload], safe="")


def form_body(fields: dict[str, str], target: str, payload: str) -> bytes:
    others = urlencode({k: v for k, v in fields.items() if k != target})
    return f"{others}&{quote(target)}={encoded(payload)}".encode("ascii")


def check_answer(response, *, sent: str, api: bool, before: dict[str, int] | None) -> None:
    assert response.status_code < 500, response.content[:500]
    body = response.content.decode("utf-8", "replace")
    if not response.get("Content-Type", "").startswith("application/json"):  # JSON is not HTML
        assert SCRIPT not in body, "the script came back unescaped"
    if api and response.status_code >= 400:
        assert response["Content-Type"].startswith("application/json"), body[:200]
        assert json.loads(body)["detail"]
    if before is not None and response.status_code >= 400:
        assert table_counts() == before, f"{sent}: a refused request changed stored data"


# --- Public forms (and the staff sign-in) ---------------------------------------------------

_NAMES_ONLY = World(Series(slug="s"), Session(slug="n"), Session(), Client(), "")  # field names

FORMS: dict[str, tuple[str, Callable[[World], str], Callable[[World], dict[str, str]]]] = {
    "register": (
        "public",
        lambda w: f"/series/{w.series.slug}/register/",
        lambda w: {
            "sessions": str(w.session.pk),
            "name": "Ana Example",
            "email": "ana@city.example",
            "organisation": "Ville de Liège",
            "job_title": "Officer",
            "country": "BE",
            "language": "en",
            "consent": "on",
        },
    ),
    "me": ("public", lambda w: "/me/", lambda w: {"email": "ana@city.example"}),
    "login": (
        "public",
        lambda w: "/staff/login/",
        lambda w: {"username": "staff@network.example", "password": "pw-1234"},
    ),
    "setlang": ("public", lambda w: "/i18n/setlang/", lambda w: {"language": "fr", "next": "/"}),
    "report": ("staff", lambda w: "/staff/reports/", lambda w: {"series": "sweep"}),
}
FORM_FIELDS = [
    (form, field) for form, (_who, _url, fields) in FORMS.items() for field in fields(_NAMES_ONLY)
]


@pytest.mark.parametrize("payload", PAYLOADS)
@pytest.mark.parametrize(("form", "field"), FORM_FIELDS)
def test_form_field(world: World, client: Client, form: str, field: str, payload: str) -> None:
    who, url, fields = FORMS[form]
    browser = world.staff if who == "staff" else client
    before = table_counts()
    method = "GET" if form == "report" else "POST"
    body = form_body(fields(world), field, payload)
    if method == "GET":
        response = browser.get(f"{url(world)}?{body.decode()}")
    else:
        response = browser.generic(
            method, url(world), body, content_type="application/x-www-form-urlencoded"
        )
    CASES.append(f"{form}.{field}.{payload}")
    # Refused text is a form error (400), never a stored row; accepted text is stored escaped.
    refused = payload in {"long", "nul", "surrogate", "bad_utf8"}
    check_answer(response, sent=f"{form}.{field}", api=False, before=before if refused else None)


def test_login_with_a_100000_character_name_is_a_form_error(client: Client, staff) -> None:
    response = client.post("/staff/login/", {"username": "x" * 100_000, "password": "pw"})
    assert response.status_code == 200  # the form again, with its error
    assert "at most 254 characters" in response.content.decode()


@pytest.mark.parametrize("form", ["register", "me", "login"])
@pytest.mark.parametrize(
    "content_type", ["text/plain", "application/json", "multipart/form-data", "application/xml"]
)
def test_form_with_a_wrong_content_type(
    world: World, client: Client, form: str, content_type: str
) -> None:
    _who, url, fields = FORMS[form]
    before = table_counts()
    response = client.generic(
        "POST", url(world), json.dumps(fields(world)).encode(), content_type=content_type
    )
    CASES.append(f"{form}.content-type.{content_type}")
    check_answer(response, sent=content_type, api=False, before=before)
    assert response.status_code in {200, 400}


@pytest.mark.parametrize("form", ["register", "me", "login"])
def test_form_with_an_oversized_body(world: World, client: Client, form: str) -> None:
    _who, url, fields = FORMS[form]
    before = table_counts()
    body = form_body({**fields(world), "name": "x" * 3_000_000}, "job_title", "sql")
    response = client.generic(
        "POST", url(world), body, content_type="application/x-www-form-urlencoded"
    )
    CASES.append(f"{form}.oversized")
    check_answer(response, sent="3 MB", api=False, before=before)
    assert response.status_code in {200, 400, 413}


# --- Tokens and query parameters in URLs -----------------------------------------------------

URLS = [
    "/j/{}",
    "/r/{}/confirm/",
    "/me/{}/",
    "/calendar/{}.ics",
    "/directory/suggest/?organisation={}",
    "/series/sweep/register/?session={}",
    "/programme/?page={}",
    "/staff/attendance/?session={}",
    "/staff/reports/rows/?figure={}",
    "/api/sessions/{}",
    "/api/reports?series={}",
    "/api/organisations?offset={}",
]


@pytest.mark.parametrize("payload", [*PAYLOADS, "huge_number"])
@pytest.mark.parametrize("template", URLS)
def test_url(world: World, template: str, payload: str) -> None:
    value = "99999999999999999999" if payload == "huge_number" else encoded(payload)
    url = template.format(value)
    browser = world.staff if url.startswith("/staff/") else Client()
    headers = {"Authorization": f"Bearer {world.api_token}"} if url.startswith("/api/") else {}
    before = table_counts()
    for method in ("GET", "POST") if "/confirm/" in url else ("GET",):
        response = browser.generic(method, url, headers=headers)
        CASES.append(f"{template}.{payload}.{method}")
        check_answer(response, sent=url, api=url.startswith("/api/"), before=before)
        assert response.status_code < 500


# --- The JSON API ------------------------------------------------------------------------------


def registration(w: World) -> dict[str, object]:
    return {
        "series": w.series.slug,
        "sessions": [w.session.slug],
        "name": "Ana Example",
        "email": "ana@city.example",
        "organisation": "Ville de Liège",
        "consent": True,
    }


def organisation(w: World) -> dict[str, object]:
    return {"name": "Ville de Liège", "kind": "local_authority", "country": "BE"}


def session_in(w: World) -> dict[str, object]:
    return {
        "slug": "new-one",
        "title": "New",
        "starts_at": "2027-03-14T10:00:00+01:00",
        "ends_at": "2027-03-14T11:00:00+01:00",
    }


ENDPOINTS: dict[str, tuple[str, Callable[[World], dict[str, object]], bool]] = {
    "/api/registrations": ("registrations", registration, False),
    "/api/organisations": ("organisations", organisation, True),
    "/api/series": ("series", lambda w: {"slug": "new-series", "title": "New"}, True),
    "/api/series/sweep/sessions": ("sessions", session_in, True),
}
ENDPOINT_FIELDS = [
    (url, field)
    for url, (_name, body, _staff) in ENDPOINTS.items()
    for field, value in body(_NAMES_ONLY).items()
    if isinstance(value, str)
]


def json_value(payload: str) -> str:
    """The payload as a JSON string literal (surrogates as the escape a client would send)."""
    if payload == "surrogate":
        return '"\\ud800"'
    if payload == "bad_utf8":
        return '"\xff"'  # becomes bytes that are not UTF-8 below
    return json.dumps(TEXT_PAYLOADS[payload])


@pytest.mark.parametrize("payload", PAYLOADS)
@pytest.mark.parametrize(("url", "field"), ENDPOINT_FIELDS)
def test_api_field(world: World, url: str, field: str, payload: str) -> None:
    _name, body, staff = ENDPOINTS[url]
    data = body(world)
    marker = "__FIELD__"
    text = json.dumps({**data, field: marker}).replace(json.dumps(marker), json_value(payload))
    raw = text.encode("latin-1") if payload == "bad_utf8" else text.encode("utf-8", "surrogatepass")
    headers = {"Authorization": f"Bearer {world.api_token}"} if staff else {}
    before = table_counts()
    response = Client().generic("POST", url, raw, content_type="application/json", headers=headers)
    CASES.append(f"{url}.{field}.{payload}")
    refused = payload in {"long", "nul", "surrogate", "bad_utf8"}
    check_answer(response, sent=f"{url} {field}", api=True, before=before if refused else None)
    if refused:
        assert response.status_code == 400, response.content
        if payload in {"nul", "surrogate", "long"}:
            assert field in json.loads(response.content)["detail"]


@pytest.mark.parametrize("url", list(ENDPOINTS))
@pytest.mark.parametrize(
    "content_type",
    ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data", "oversized"],
)
def test_api_wrong_content_type_or_size(world: World, url: str, content_type: str) -> None:
    _name, body, staff = ENDPOINTS[url]
    headers = {"Authorization": f"Bearer {world.api_token}"} if staff else {}
    before = table_counts()
    if content_type == "oversized":
        raw = json.dumps({**body(world), "name": "x" * 3_000_000}).encode()
        response = Client().generic(
            "POST", url, raw, content_type="application/json", headers=headers
        )
        assert response.status_code == 413
    else:
        raw = urlencode({k: str(v) for k, v in body(world).items()}).encode()
        response = Client().generic("POST", url, raw, content_type=content_type, headers=headers)
        assert 400 <= response.status_code < 500
    CASES.append(f"{url}.{content_type}")
    check_answer(response, sent=content_type, api=True, before=before)


def test_api_multipart_without_boundary(world: World) -> None:
    response = world.staff.generic(
        "POST",
        f"/api/sessions/{world.past.slug}/attendance",
        b"--x\r\nnot really\r\n",
        content_type="multipart/form-data",
        headers={"Authorization": f"Bearer {world.api_token}"},
    )
    CASES.append("attendance.multipart-without-boundary")
    assert response.status_code == 400
    assert "multipart" in response.json()["detail"]


@pytest.mark.parametrize(
    ("method", "url", "status"),
    [
        ("GET", "/api/nowhere", 404),
        ("GET", "/api/registrations", 405),
        ("DELETE", "/api/series", 405),
        ("PUT", "/api/sessions/sweep-next", 405),
    ],
)
def test_api_errors_are_json(world: World, method: str, url: str, status: int) -> None:
    response = Client().generic(method, url)
    CASES.append(f"{method} {url}")
    assert response.status_code == status
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["detail"]
