"""Staff registrant lists: who may see them, filters, pagination, and a fixed number of queries."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from convene.core.models import AuditLog, User
from convene.programme.models import Session
from convene.registrations import staff_views
from convene.registrations.models import Registration, RegistrationStatus
from tests import factories as f
from tests.registrations.staff.conftest import (
    names_in,
    page_url,
    register,
    series_url,
    session_url,
)

pytestmark = pytest.mark.django_db


# --- Permissions -------------------------------------------------------------------------------

PAGES = [
    "/staff/series/",
    "{session}",
    "{session}?format=csv",
    "{session}?format=xlsx",
    "{series}",
    "{series}?format=csv",
    "{series}?format=xlsx",
]


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize(("who", "expected"), [("anonymous", 302), ("member", 403), ("staff", 200)])
def test_who_may_see_the_pages(page, who, expected, session, staff):
    client = Client()
    if who == "member":
        client.force_login(User.objects.create_user(email="someone@city.example", password="x"))
    elif who == "staff":
        client.force_login(staff)
    url = page_url(page, session)
    response = client.get(url)
    assert response.status_code == expected
    if expected == 302:
        assert response["Location"].startswith("/staff/login/?next=")


@pytest.mark.parametrize("who", ["anonymous", "member"])
def test_only_staff_may_act(who, session):
    waiting = register(f.session(session.series, capacity=0))
    client = Client()
    if who == "member":
        client.force_login(User.objects.create_user(email="someone@city.example", password="x"))
    posts = [
        (f"{session_url(session)}add/", {"add-name": "Eve", "add-email": "eve@x.example"}),
        (f"{session_url(session)}email/", {"mail-subject": "Hi", "mail-message": "Hello"}),
        (f"/staff/registrations/{waiting.pk}/promote/", {}),
    ]
    for url, data in posts:
        response = client.post(url, data)
        assert response.status_code == (302 if who == "anonymous" else 403)
    assert not Registration.objects.filter(person__email="eve@x.example").exists()
    waiting.refresh_from_db()
    assert waiting.status == RegistrationStatus.WAITLISTED
    assert not AuditLog.objects.filter(code="registrations.session.emailed").exists()


def test_unknown_slugs_are_404(staff_client):
    assert staff_client.get("/staff/sessions/nope/registrations/").status_code == 404
    assert staff_client.get("/staff/series/nope/registrations/").status_code == 404


# --- Lists and filters -------------------------------------------------------------------------


def test_session_list_shows_the_columns(staff_client, mixed, session):
    body = staff_client.get(session_url(session)).content.decode()
    assert names_in(body) == {"Alice Mertens", "Bruno Costa", "Carla Rossi", "Emma Smit"}
    assert "alice@liege.example" in body
    assert "Ville de Liège" in body and "Local authority" in body  # resolved, with its kind
    assert "Association Entraide" in body  # resolved from the email domain
    assert "Pending confirmation" in body and "Cancelled" in body and "Confirmed" in body
    assert "<caption id=" in body and 'scope="col"' in body and 'scope="row"' in body
    assert '<label for="id_status">' in body and '<label for="id_member">' in body


def test_typed_organisation_is_shown_when_unresolved(staff_client, session):
    # No kind cue at all: the engine abstains, so the organisation stays as typed for review.
    register(session, name="Fay Unknown", organisation="Blue Horizon")
    body = staff_client.get(session_url(session)).content.decode()
    assert "Blue Horizon" in body and "as typed" in body


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("status=confirmed", {"Alice Mertens", "Carla Rossi"}),
        ("status=pending", {"Bruno Costa"}),
        # Bari and Delft are not in the directory: resolution adds them as local authorities.
        ("kind=local_authority", {"Alice Mertens", "Carla Rossi", "Emma Smit"}),
        ("kind=ngo", {"Bruno Costa"}),
        ("member=yes", {"Alice Mertens"}),
        ("member=no", {"Bruno Costa", "Carla Rossi", "Emma Smit"}),
        ("country=it", {"Carla Rossi"}),
        ("country=PT&status=pending", {"Bruno Costa"}),
        ("country=PT&status=confirmed", set()),
    ],
)
def test_session_filters(staff_client, mixed, session, query, expected):
    body = staff_client.get(f"{session_url(session)}?{query}").content.decode()
    assert names_in(body) == expected


def test_a_bad_filter_value_is_ignored_and_said(staff_client, mixed, session):
    response = staff_client.get(f"{session_url(session)}?status=bogus&country=IT")
    body = response.content.decode()
    assert response.status_code == 200
    assert names_in(body) == {"Carla Rossi"}
    assert "This filter is ignored." in body and 'aria-invalid="true"' in body


def test_series_list_covers_its_sessions_only(staff_client, mixed, session):
    body = staff_client.get(series_url(session)).content.decode()
    assert names_in(body) == {
        "Alice Mertens",
        "Bruno Costa",
        "Carla Rossi",
        "Dieter Wolf",
        "Emma Smit",
    }
    assert str(mixed["full"].title) in body  # the session column
    body = staff_client.get(f"{series_url(session)}?status=waitlisted").content.decode()
    assert names_in(body) == {"Dieter Wolf"}
    assert "Move off the waitlist" in body


def test_index_lists_series_sessions_and_seats(staff_client, mixed, session):
    draft = f.session(session.series, status="draft", title="Draft one")
    body = staff_client.get("/staff/series/").content.decode()
    assert str(session.series.title) in body and str(draft.title) in body
    assert session_url(session) in body and series_url(session) in body
    # Session with capacity 3: Alice and Carla confirmed, Bruno holding a seat.
    row = body.split(session_url(session), 1)[1].split("</tr>", 1)[0]
    cells = [c.split("<", 1)[0].strip() for c in row.split('<td class="num">')[1:]]
    assert cells == ["3", "3", "2", "0"]


def test_long_lists_are_paginated_and_keep_filters(staff_client, session, monkeypatch):
    monkeypatch.setattr(staff_views, "PER_PAGE", 2)
    for name in ("Ann One", "Ben Two", "Cid Three"):
        register(session, name=name)
    first = staff_client.get(f"{session_url(session)}?status=confirmed").content.decode()
    assert "Ann One" in first and "Ben Two" in first and "Cid Three" not in first
    assert "Page 1 of 2" in first and "?status=confirmed&amp;page=2" in first
    second = staff_client.get(f"{session_url(session)}?status=confirmed&page=2").content.decode()
    assert "Cid Three" in second and "Ann One" not in second


def test_per_page_is_one_hundred():
    assert staff_views.PER_PAGE == 100


# --- Query counts ------------------------------------------------------------------------------


def _queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
        assert response.status_code == 200
        if url.endswith(("csv", "xlsx")):
            assert len(response.content) > 0
    return len(context.captured_queries)


def _more_rows(session: Session, ngo) -> None:
    """Rows of every shape: resolved and unresolved organisations, waitlisted, other sessions."""
    other = f.session(session.series, capacity=1)
    for n in range(4):
        register(session, name=f"Extra {n}", email=f"extra{n}@entraide.example")
        register(session, name=f"Member {n}", email=f"member{n}@liege.example")
        register(other, name=f"Other {n}", organisation=f"Typed {n}")
    f.session(session.series)
    f.session(f.series())


@pytest.mark.parametrize(
    "page",
    [
        "{session}",
        "{session}?member=no&kind=ngo",
        "{session}?format=csv",
        "{session}?format=xlsx&member=yes",
        "{series}",
        "{series}?member=yes",
        "{series}?format=csv",
        "{series}?format=xlsx",
        "/staff/series/",
    ],
)
def test_query_count_does_not_grow_with_rows(staff_client, ngo, page):
    session = f.session(f.series(), capacity=None)  # everyone gets a seat
    f.member_city()
    register(session, name="First Member", email="first@liege.example")
    register(session, name="First Ngo", email="first@entraide.example")
    url = page_url(page, session)
    _queries(staff_client, url)  # warm caches (content types, session)
    before = _queries(staff_client, url)
    _more_rows(session, ngo)
    assert _queries(staff_client, url) == before
