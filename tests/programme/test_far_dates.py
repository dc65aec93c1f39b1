"""A session in the year 9999 once took down the programme, the series pages, the registration
form and the reports (time-zone arithmetic overflowed), and ``starts_at: 0`` was taken as
1 January 1970. Dates now stay between 2000 and 2100: in the service (so the API, the admin,
the CLI and the forms all refuse them), and in the database."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from convene.programme.models import Session
from convene.programme.services import session_create, session_update
from tests import factories

pytestmark = pytest.mark.django_db

FAR = "9999-12-31T22:00:00+00:00"


@pytest.mark.parametrize(
    ("starts_at", "ends_at"),
    [
        (FAR, "9999-12-31T23:00:00+00:00"),
        ("2027-03-14T10:00:00+01:00", FAR),
        (0, 3600),
        ("1970-01-01T00:00:00Z", "1970-01-01T01:00:00Z"),
        ("2101-01-01T10:00:00Z", "2101-01-01T11:00:00Z"),
    ],
)
def test_api_refuses_a_session_out_of_range(api_client, starts_at, ends_at) -> None:
    series = factories.series(slug="far")
    response = api_client.post(
        f"/api/series/{series.slug}/sessions",
        {"slug": "far-away", "title": "Far", "starts_at": starts_at, "ends_at": ends_at},
        content_type="application/json",
    )
    assert response.status_code == 400, response.content
    assert "starts_at" in response.json()["detail"] or "ends_at" in response.json()["detail"]
    assert not Session.objects.filter(slug="far-away").exists()


def test_service_refuses_far_dates_for_every_caller() -> None:
    series = factories.series()
    start = dt.datetime(9999, 12, 31, 22, tzinfo=dt.UTC)
    with pytest.raises(ValidationError) as caught:
        session_create(
            actor=None,
            series=series,
            slug="far",
            title="Far",
            starts_at=start,
            ends_at=start + dt.timedelta(hours=1),
        )
    assert "starts_at" in caught.value.message_dict
    session = factories.session(series)
    with pytest.raises(ValidationError):
        session_update(
            actor=None, session=session, starts_at=dt.datetime(1999, 12, 31, tzinfo=dt.UTC)
        )


def test_the_database_refuses_a_far_date_written_around_the_services() -> None:
    session = factories.session()
    with pytest.raises(IntegrityError), transaction.atomic():
        Session.objects.filter(pk=session.pk).update(
            starts_at=dt.datetime(9999, 12, 31, 22, tzinfo=dt.UTC),
            ends_at=dt.datetime(9999, 12, 31, 23, tzinfo=dt.UTC),
        )


def test_pages_still_answer_after_a_far_date_was_tried(api_client, client, staff_client) -> None:
    series = factories.series(slug="far")
    factories.session(series, slug="near")
    api_client.post(
        "/api/series/far/sessions",
        {"slug": "far-away", "title": "Far", "starts_at": FAR, "ends_at": FAR[:-14] + "23:00:00Z"},
        content_type="application/json",
    )
    for url in ("/programme/", "/series/far/", "/series/far/register/", "/sessions/near/"):
        assert client.get(url).status_code == 200, url
    assert staff_client.get("/staff/series/").status_code == 200
