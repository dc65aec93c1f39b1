"""An upload is stored by the web request and read by a task: the page shows its progress
(polled with htmx), then the preview; the API answers 202 while the task runs. Here the task is
queued for real (no worker runs it until the test says so)."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from convene.attendance.models import Attendance, AttendanceImport, ParseState
from convene.attendance.services import upload
from convene.attendance.tasks import read_attendance_import_task
from convene.programme.models import Session
from tests import factories as f

from .meeting import held
from .test_views import BASE, form_data, people_file

pytestmark = pytest.mark.django_db


@pytest.fixture
def session() -> Session:
    """Held on 14 April 2020, the day of the files built here."""
    return held(f.session(f.series(), hours=1.5))


@pytest.fixture
def queue(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    """Jobs queued by uploads, kept instead of run (as a busy worker queue would)."""
    jobs: list[dict[str, Any]] = []
    monkeypatch.setattr(upload, "enqueue_with_transaction", lambda task, **kw: jobs.append(kw))
    return jobs


def run(jobs: list[dict[str, Any]]) -> None:
    for job in jobs:
        read_attendance_import_task.call(**job)
    jobs.clear()


def test_the_web_request_stores_the_file_and_the_page_polls_until_it_is_read(
    staff_client, session, queue
) -> None:
    response = staff_client.post(f"{BASE}upload/", form_data(session, people_file(3)))
    assert response.status_code == 302
    stored = AttendanceImport.objects.get()
    assert stored.parse_state == ParseState.QUEUED and stored.counts == {}
    assert len(queue) == 1 and queue[0]["import_id"] == stored.pk

    page = staff_client.get(response["Location"]).content.decode()
    progress_url = f"{BASE}imports/{stored.pk}/progress/"
    assert f'data-hx-get="{progress_url}"' in page and 'role="status"' in page
    assert "Person 000" not in page  # no preview yet: nothing was parsed
    assert "Commit the import" not in page
    polled = staff_client.get(progress_url)
    assert polled.status_code == 200 and "HX-Refresh" not in polled

    run(queue)
    done = staff_client.get(progress_url)
    assert done.status_code == 204 and done["HX-Refresh"] == "true"
    page = staff_client.get(response["Location"]).content.decode()
    assert "Person 000" in page and "Commit the import" in page
    assert not Attendance.objects.exists()  # a preview writes no attendance


def test_showing_the_preview_never_parses_the_file(staff_client, session, queue, monkeypatch):
    response = staff_client.post(f"{BASE}upload/", form_data(session, people_file(2)))
    run(queue)

    def no_parse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the page parsed the file")

    monkeypatch.setattr("convene.attendance.services.imports.parse_opener", no_parse)
    page = staff_client.get(response["Location"])
    assert page.status_code == 200 and "Person 001" in page.content.decode()


def test_the_api_answers_202_then_the_state_shows_the_summary(api_client, session, queue):
    data = people_file(4)
    response = api_client.post(
        f"/api/sessions/{session.slug}/attendance",
        {"file": SimpleUploadedFile("big.csv", data, content_type="text/csv")},
    )
    assert response.status_code == 202, response.content
    body = response.json()
    assert body["state"] == "queued" and body["summary"] is None
    state_url = f"/api/attendance/imports/{body['import_id']}"
    assert api_client.get(state_url).json()["state"] == "queued"

    run(queue)
    state = api_client.get(state_url).json()
    assert state["state"] == "ready" and state["committed"] is True
    assert state["summary"]["people_created"] == 4
    assert Attendance.objects.filter(session=session).count() == 4


def test_an_unreadable_file_fails_in_the_task_and_says_why(api_client, session, queue):
    response = api_client.post(
        f"/api/sessions/{session.slug}/attendance",
        {"file": SimpleUploadedFile("x.csv", b"\x00\x01garbage\xff", content_type="text/csv")},
    )
    run(queue)
    state = api_client.get(f"/api/attendance/imports/{response.json()['import_id']}").json()
    assert state["state"] == "failed" and "cannot be read" in state["problem"]
    assert not AttendanceImport.objects.get().file


def test_the_commit_button_queues_the_commit_and_the_page_follows_it(
    staff_client, session, queue
) -> None:
    response = staff_client.post(f"{BASE}upload/", form_data(session, people_file(3)))
    run(queue)
    stored = AttendanceImport.objects.get()
    committed = staff_client.post(f"{BASE}imports/{stored.pk}/commit/", {})
    assert committed.status_code == 302 and committed["Location"] == response["Location"]
    assert not Attendance.objects.exists()  # queued: the web request parsed nothing
    assert "data-hx-get" in staff_client.get(response["Location"]).content.decode()

    run(queue)
    stored.refresh_from_db()
    assert stored.is_committed and not stored.file
    assert Attendance.objects.filter(session=session).count() == 3
    page = staff_client.get(response["Location"]).content.decode()
    assert "Committed on" in page and "data-hx-get" not in page
