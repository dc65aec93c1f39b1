"""Staff pages: a file from another day is named in the preview and needs "import anyway",
a session that has not started takes no upload, an import is undone from the session's page,
and staff keep the organising team's email domains."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from convene.attendance.models import Attendance, AttendanceImport, OrganiserDomain, Role
from convene.core.models import AuditLog
from convene.directory.services import person_create
from tests import factories as f

from .importing import at, importer, zoom_file
from .meeting import held

pytestmark = pytest.mark.django_db

BASE = "/staff/attendance/"
LATE = "04/21/2020"


@pytest.fixture
def session():
    return held(f.session(f.series(), hours=1.5))


def upload(client, session, data: bytes):
    return client.post(
        f"{BASE}upload/",
        {
            "session": session.pk,
            "file": SimpleUploadedFile("late.csv", data, content_type="text/csv"),
            "format": "auto",
            "timezone": "",
            "date_style": "auto",
            "session_date": "",
        },
    )


def late_file() -> bytes:
    return zoom_file([("Ana Lima", "ana@porto.example", at("14:00", LATE), at("15:00", LATE))])


def test_the_preview_names_both_dates_and_commits_only_with_import_anyway(staff_client, session):
    response = upload(staff_client, session, late_file())
    assert response.status_code == 302
    detail = staff_client.get(response["Location"])
    page = detail.content.decode()
    assert 'id="date-warning"' in page
    assert "21 April 2020" in page and "14 April 2020" in page
    assert 'name="force"' in page
    commit_url = response["Location"] + "commit/"
    refused = staff_client.post(commit_url, {})
    assert refused.status_code == 400 and not Attendance.objects.exists()
    done = staff_client.post(commit_url, {"force": "on"})
    assert done.status_code == 302 and Attendance.objects.filter(session=session).count() == 1


def test_the_preview_in_french_names_both_dates(staff_client, session):
    response = upload(staff_client, session, late_file())
    page = staff_client.get(response["Location"], HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "21 avril 2020" in page and "14 avril 2020" in page


def test_a_session_that_has_not_started_takes_no_upload(staff_client):
    upcoming = f.session(f.series())
    response = upload(staff_client, upcoming, late_file())
    assert response.status_code == 400
    assert "has not started" in response.content.decode()
    assert not AttendanceImport.objects.exists()


def test_undo_from_the_session_page(staff_client, session, staff):
    importer(session, zoom_file([("Bo Berg", "bo@malmo.example", at("14:00"), at("15:00"))]))
    attendance_import = (
        importer(session, zoom_file([("Bo Berg", "bo@malmo.example", at("14:00"), at("15:00"))]))
        .commit(actor=staff)
        .attendance_import
    )
    url = f"{BASE}sessions/{session.slug}/"
    page = staff_client.get(url).content.decode()
    assert f'action="{BASE}imports/{attendance_import.pk}/undo/"' in page
    response = staff_client.post(f"{BASE}imports/{attendance_import.pk}/undo/")
    assert response.status_code == 302 and response["Location"] == url
    assert not Attendance.objects.exists()
    assert AuditLog.objects.get(code="attendance.import.undone").actor == staff
    assert staff_client.post(f"{BASE}imports/{attendance_import.pk}/undo/").status_code == 404


def test_the_session_page_shows_the_organising_team_and_known_people(staff_client, session):
    OrganiserDomain.objects.create(domain="network.example")
    person_create(actor=None, email="marc@liege.example", name="Marc Dubois")
    hour = (at("14:00"), at("15:00"))
    importer(
        session,
        zoom_file(
            [
                ("Olga", "olga@network.example", *hour),
                ("Oleg", "oleg@network.example", *hour),
                ("Marc Dubois", "marc@liege.example", *hour),
            ]
        ),
    ).commit(actor=None)
    assert Attendance.objects.filter(role=Role.HOST).count() == 2
    response = staff_client.get(f"{BASE}sessions/{session.slug}/")
    page = response.content.decode()
    assert response.context["figures"].hosts == 2 and response.context["figures"].audience == 1
    assert 'id="organising-team">2<' in page
    assert "known person, not registered" in page
    french = staff_client.get(f"{BASE}sessions/{session.slug}/", HTTP_ACCEPT_LANGUAGE="fr")
    assert "personne connue, non inscrite" in french.content.decode()


def test_staff_add_and_remove_organiser_domains(staff_client, staff):
    url = f"{BASE}organiser-domains/"
    assert staff_client.post(url, {"domain": " @Network.Example "}).status_code == 302
    assert list(OrganiserDomain.objects.values_list("domain", flat=True)) == ["network.example"]
    again = staff_client.post(url, {"domain": "network.example"})
    assert again.status_code == 400 and "already on the list" in again.content.decode()
    bad = staff_client.post(url, {"domain": "not a domain"})
    assert bad.status_code == 400
    page = staff_client.get(url).content.decode()
    assert "network.example" in page
    domain = OrganiserDomain.objects.get()
    assert staff_client.post(f"{url}{domain.pk}/remove/").status_code == 302
    assert not OrganiserDomain.objects.exists()
    codes = set(AuditLog.objects.values_list("code", flat=True))
    assert {"attendance.organiser_domain.added", "attendance.organiser_domain.removed"} <= codes
