"""POST and GET /api/sessions/{slug}/attendance with a staff token."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from convene.attendance.models import Attendance
from tests import factories as f
from tests.attendance.conftest import SAMPLES

pytestmark = pytest.mark.django_db

ZOOM = "zoom_meeting_participants.csv"


@pytest.fixture
def session():
    start = dt.datetime(2020, 4, 14, 12, 0, tzinfo=dt.UTC)  # 14:00 in Brussels
    return f.session(f.series(), starts_at=start, timezone="Europe/Brussels")


def upload(client, session, name=ZOOM, content=None, **extra):
    data = content if content is not None else (SAMPLES / name).read_bytes()
    return client.post(
        f"/api/sessions/{session.slug}/attendance",
        {"file": SimpleUploadedFile(name, data, content_type="text/csv"), **extra},
    )


def test_import_returns_the_summary_and_a_second_time_changes_nothing(api_client, session):
    response = upload(api_client, session)
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["format"] == "zoom" and body["unchanged"] is False
    assert body["hosts"] == 1
    assert body["people"] == Attendance.objects.filter(session=session).count() == 8
    again = upload(api_client, session)
    assert again.status_code == 200 and again.json()["unchanged"] is True
    assert Attendance.objects.filter(session=session).count() == 8


def test_attendees_are_listed_with_their_minutes(api_client, session):
    upload(api_client, session)
    response = api_client.get(f"/api/sessions/{session.slug}/attendance?limit=50")
    assert response.status_code == 200
    minutes = {row["name"]: row["minutes"] for row in response.json()["items"]}
    assert round(minutes["Marie Dupont"], 1) == 59.1
    assert round(minutes["Hans Becker"], 1) == 54.2


def test_bad_file_is_400_naming_the_file(api_client, session):
    response = upload(api_client, session, name="empty.csv", content=b"")
    assert response.status_code == 400
    assert response.json()["detail"].startswith("file:")
    assert not Attendance.objects.exists()


def test_token_is_required_and_unknown_session_is_404(client, api_client, session):
    assert upload(client, session).status_code == 401
    assert client.get(f"/api/sessions/{session.slug}/attendance").status_code == 401
    response = api_client.get("/api/sessions/nope/attendance")
    assert response.status_code == 404 and "session" in response.json()["detail"]


def zoom_on(day: str) -> bytes:
    from tests.attendance.importing import at, zoom_file

    return zoom_file([("Ana Lima", "ana@porto.example", at("14:00", day), at("15:00", day))])


def test_a_file_from_another_day_is_400_unless_forced(api_client, session):
    response = upload(api_client, session, name="late.csv", content=zoom_on("04/21/2020"))
    assert response.status_code == 400
    assert "21 April 2020" in response.json()["detail"]
    assert "14 April 2020" in response.json()["detail"]
    forced = upload(
        api_client, session, name="late.csv", content=zoom_on("04/21/2020"), force="true"
    )
    assert forced.status_code == 201, forced.content


def test_a_session_that_has_not_started_is_400(api_client):
    upcoming = f.session(f.series())
    response = upload(api_client, upcoming)
    assert response.status_code == 400 and "not started" in response.json()["detail"]


def test_delete_undoes_an_import_and_unknown_is_404(api_client, session):
    import_id = upload(api_client, session).json()["import_id"]
    response = api_client.delete(f"/api/attendance/imports/{import_id}")
    assert response.status_code == 204
    assert not Attendance.objects.filter(session=session).exists()
    missing = api_client.delete(f"/api/attendance/imports/{import_id}")
    assert missing.status_code == 404 and "import" in missing.json()["detail"]
