"""Staff attendance pages: who may see them, upload → preview → commit, the unmatched queue,
column mappings, and query counts that do not grow with the rows."""

from __future__ import annotations

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from convene.attendance.models import (
    Attendance,
    AttendanceImport,
    ColumnMappingPreset,
    ImportStatus,
    OrganiserDomain,
)
from convene.attendance.services import organiser_domain_add
from convene.core.models import AuditLog, User
from convene.directory.models import Person
from convene.directory.services import person_create
from convene.programme.models import Session
from tests import factories as f

from .builders import zoom_report
from .conftest import sample_bytes
from .importing import importer
from .meeting import held

pytestmark = pytest.mark.django_db

BASE = "/staff/attendance/"


@pytest.fixture
def session() -> Session:
    """Held on 14 April 2020, the day of the files built here."""
    return held(f.session(f.series(), hours=1.5))


def upload_file(data: bytes, name: str = "participants.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="text/csv")


def form_data(session: Session, data: bytes, **extra: object) -> dict:
    values = {
        "session": session.pk,
        "file": upload_file(data),
        "format": "auto",
        "timezone": "",
        "date_style": "auto",
        "session_date": "",
    }
    values.update(extra)
    return values


def commit_file(session: Session, data: bytes) -> AttendanceImport:
    return importer(session, data, "x.csv").commit(actor=None).attendance_import


def people_file(count: int, prefix: str = "Person", email: bool = True) -> bytes:
    rows = [
        (
            f"{prefix} {n:03d}",
            f"{prefix.lower()}{n}@city.example" if email else "",
            "04/14/2020 02:00:00 PM",
            "04/14/2020 03:00:00 PM",
        )
        for n in range(count)
    ]
    return zoom_report(rows).encode()


# --- Permissions -------------------------------------------------------------------------------


@pytest.fixture
def pages(session) -> dict[str, str]:
    attendance_import = commit_file(session, people_file(1, email=False))
    row = Attendance.objects.get(session=session)
    return {
        "index": BASE,
        "import": f"{BASE}imports/{attendance_import.pk}/",
        "session": f"{BASE}sessions/{session.slug}/",
        "unmatched": f"{BASE}unmatched/",
        "unmatched-session": f"{BASE}unmatched/?session={session.slug}",
        "resolve": f"{BASE}attendees/{row.pk}/",
        "mappings": f"{BASE}mappings/",
        "organiser-domains": f"{BASE}organiser-domains/",
    }


PAGE_NAMES = [
    "index", "import", "session", "unmatched", "unmatched-session", "resolve", "mappings",
    "organiser-domains",
]  # fmt: skip


@pytest.mark.parametrize("page", PAGE_NAMES)
@pytest.mark.parametrize(("who", "expected"), [("anonymous", 302), ("member", 403), ("staff", 200)])
def test_who_may_see_the_pages(page, who, expected, pages, staff):
    client = Client()
    if who == "member":
        client.force_login(User.objects.create_user(email="someone@city.example", password="x"))
    elif who == "staff":
        client.force_login(staff)
    response = client.get(pages[page])
    assert response.status_code == expected
    if expected == 302:
        assert response["Location"].startswith("/staff/login/?next=")


@pytest.mark.parametrize("who", ["anonymous", "member"])
def test_only_staff_may_act(who, pages, session):
    client = Client()
    if who == "member":
        client.force_login(User.objects.create_user(email="someone@city.example", password="x"))
    row = Attendance.objects.get(session=session)
    person = person_create(actor=None, email="p@x.example", name="P")
    domain = organiser_domain_add(actor=None, domain="staff.example")
    preview = AttendanceImport.objects.create(
        session=session, file_name="p.csv", content_sha256="0" * 64, timezone="UTC",
        file=default_storage.save("attendance/uploads/p.csv", ContentFile(people_file(2))),
    )  # fmt: skip
    posts = [
        (f"{BASE}upload/", form_data(session, people_file(2))),
        (f"{BASE}imports/{preview.pk}/commit/", {}),
        (f"{BASE}attendees/{row.pk}/link/", {"person": person.pk}),
        (f"{BASE}attendees/{row.pk}/create-person/", {"new-name": "A", "new-email": "a@x.example"}),
        (f"{BASE}mappings/", {"preset_name": "X", "name": "N", "duration": "D"}),
        (f"{BASE}imports/{row.sources.get().attendance_import_id}/undo/", {}),
        (f"{BASE}organiser-domains/", {"domain": "network.example"}),
        (f"{BASE}organiser-domains/{domain.pk}/remove/", {}),
    ]
    for url, data in posts:
        response = client.post(url, data)
        assert response.status_code == (302 if who == "anonymous" else 403), url
    row.refresh_from_db()
    assert row.person_id is None
    assert AttendanceImport.objects.filter(status=ImportStatus.COMMITTED).count() == 1
    assert not ColumnMappingPreset.objects.exists()
    assert Person.objects.count() == 1
    assert list(OrganiserDomain.objects.all()) == [domain]


# --- Upload, preview, commit -------------------------------------------------------------------


def test_upload_preview_commit_shows_the_audience(staff_client, session, staff):
    response = staff_client.post(
        f"{BASE}upload/", form_data(session, sample_bytes("zoom_meeting_participants.csv"))
    )
    assert response.status_code == 302
    stored = AttendanceImport.objects.get()
    assert response["Location"] == f"{BASE}imports/{stored.pk}/"
    assert stored.status == ImportStatus.PREVIEW
    assert stored.timezone == session.timezone  # blank means the session's
    assert not Attendance.objects.exists()  # the preview writes no attendance
    assert AuditLog.objects.get(code="attendance.import.uploaded").actor == staff

    page = staff_client.get(response["Location"])
    assert page.status_code == 200
    html = page.content.decode()
    assert "Preview: participants.csv" in html
    assert "Marie Dupont" in html and "59.1" in html
    assert page.context["counts"]["people"] == 8
    assert page.context["counts"]["audience"] == 6

    done = staff_client.post(f"{BASE}imports/{stored.pk}/commit/", {})
    assert done.status_code == 302
    assert done["Location"] == f"{BASE}sessions/{session.slug}/"
    stored.refresh_from_db()
    assert stored.status == ImportStatus.COMMITTED
    assert stored.created_by == staff
    assert AuditLog.objects.get(code="attendance.import.committed").actor == staff

    summary = staff_client.get(done["Location"])
    assert summary.context["figures"].audience == 6
    html = summary.content.decode()
    assert '<dd id="audience">6</dd>' in html
    assert "Attendance imported: 8 new, 0 merged" in html


def test_staff_download_the_kept_file_and_the_download_is_audited(staff_client, session, staff):
    data = people_file(2)
    known = person_create(actor=None, email="Person1@City.example", name="Person 001")
    stranger = person_create(actor=None, email="other@elsewhere.example", name="Other")
    staff_client.post(f"{BASE}upload/", form_data(session, data))
    stored = AttendanceImport.objects.get()
    page = staff_client.get(f"{BASE}imports/{stored.pk}/").content.decode()
    assert f'href="{BASE}imports/{stored.pk}/file/"' in page

    response = staff_client.get(f"{BASE}imports/{stored.pk}/file/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == data
    assert 'attachment; filename="participants.csv"' in response["Content-Disposition"]
    entry = AuditLog.objects.get(code="attendance.file.downloaded")
    assert entry.actor == staff
    assert entry.details["people"] == [known.pk]
    assert stranger.pk not in entry.details["people"]

    staff_client.post(f"{BASE}imports/{stored.pk}/commit/", {})  # committing deletes the file
    gone = staff_client.get(f"{BASE}imports/{stored.pk}/file/")
    assert gone.status_code == 410
    assert "no longer kept" in gone.content.decode()
    assert AuditLog.objects.filter(code="attendance.file.downloaded").count() == 1
    assert Client().get(f"{BASE}imports/{stored.pk}/file/").status_code == 302


def test_an_unreadable_file_is_a_clear_error_and_keeps_nothing_of_it(staff_client, session):
    response = staff_client.post(
        f"{BASE}upload/", form_data(session, b"\x00\x01\x02binary\xff\xfe garbage")
    )
    assert response.status_code == 302  # stored, then read by the task
    page = staff_client.get(response["Location"])
    assert "This file cannot be read" in page.content.decode()
    assert 'role="alert"' in page.content.decode()
    stored = AttendanceImport.objects.get()
    assert (stored.parse_state, stored.file.name, stored.preview_rows) == ("failed", "", [])
    assert not Attendance.objects.exists()


def test_a_generic_format_needs_a_mapping(staff_client, session):
    response = staff_client.post(
        f"{BASE}upload/", form_data(session, people_file(2), format="generic")
    )
    assert response.status_code == 400
    assert "Choose the column mapping" in response.content.decode()


def broken_file() -> bytes:
    rows = [
        ("Good One", "one@x.example", "04/14/2020 02:00:00 PM", "04/14/2020 03:00:00 PM"),
        ("Broken Row", "two@x.example", "04/14/2020 02:00:00 PM", "yesterday-ish"),
        ("Good Three", "three@x.example", "04/14/2020 02:00:00 PM", "04/14/2020 03:00:00 PM"),
    ]
    return zoom_report(rows).encode()


def test_a_file_with_errors_commits_only_when_staff_skip_bad_rows(staff_client, session):
    response = staff_client.post(f"{BASE}upload/", form_data(session, broken_file()))
    stored = AttendanceImport.objects.get()
    preview = staff_client.get(response["Location"])
    html = preview.content.decode()
    assert "Rows with errors" in html
    assert '<th scope="row" class="num">3</th>' in html  # the broken row is on line 3
    assert 'name="skip_bad_rows"' in html

    refused = staff_client.post(f"{BASE}imports/{stored.pk}/commit/", {})
    assert refused.status_code == 400
    assert "Nothing was imported" in refused.content.decode()
    assert not Attendance.objects.exists()

    done = staff_client.post(f"{BASE}imports/{stored.pk}/commit/", {"skip_bad_rows": "on"})
    assert done.status_code == 302
    assert sorted(Attendance.objects.values_list("name", flat=True)) == ["Good One", "Good Three"]
    assert "rows skipped: 1." in staff_client.get(done["Location"]).content.decode()
    committed = staff_client.get(f"{BASE}imports/{stored.pk}/")
    assert committed.context["import"].skipped[0]["line"] == 3
    assert "Rows skipped" in committed.content.decode()


def test_the_same_file_again_says_nothing_changes(staff_client, session):
    data = sample_bytes("zoom_meeting_participants.csv")
    commit_file(session, data)
    before = list(Attendance.objects.values_list("pk", "minutes", "updated_at"))
    response = staff_client.post(f"{BASE}upload/", form_data(session, data))
    preview = staff_client.get(response["Location"])
    assert "already imported for this session" in preview.content.decode()
    stored = AttendanceImport.objects.get(status=ImportStatus.PREVIEW)
    done = staff_client.post(f"{BASE}imports/{stored.pk}/commit/", {}, follow=True)
    assert "nothing was changed" in done.content.decode()
    assert list(Attendance.objects.values_list("pk", "minutes", "updated_at")) == before
    assert AttendanceImport.objects.filter(status=ImportStatus.COMMITTED).count() == 1


def test_the_upload_form_defaults_to_the_sessions_zone_and_date(staff_client):
    session = f.session(f.series(), timezone="Europe/Lisbon")
    form = staff_client.get(f"{BASE}?session={session.slug}").context["form"]
    assert form.initial["timezone"] == "Europe/Lisbon"
    assert form.initial["session_date"] == session.starts_at.astimezone(session.zone).date()
    assert form.initial["session"] == session.pk


# --- The unmatched queue -----------------------------------------------------------------------


def test_the_queue_lists_unmatched_attendees_per_session_and_overall(staff_client, session):
    other = f.session(session.series)
    commit_file(session, people_file(2, "Alpha", email=False))
    commit_file(other, people_file(1, "Beta", email=False))
    overall = staff_client.get(f"{BASE}unmatched/")
    assert overall.context["page"].paginator.count == 3
    mine = staff_client.get(f"{BASE}unmatched/?session={session.slug}")
    assert {row.name for row in mine.context["page"]} == {"Alpha 000", "Alpha 001"}


def test_staff_search_and_link_a_person(staff_client, session, staff):
    commit_file(session, people_file(1, "Walk-in", email=False))
    row = Attendance.objects.get()
    person = person_create(actor=None, email="walter.in@gent.example", name="Walter In")
    found = staff_client.get(f"{BASE}attendees/{row.pk}/?q=walter")
    assert [p.pk for p in found.context["people"]] == [person.pk]
    response = staff_client.post(f"{BASE}attendees/{row.pk}/link/", {"person": person.pk})
    assert response.status_code == 302
    row.refresh_from_db()
    assert row.person == person and row.match_method == "staff"
    assert AuditLog.objects.get(code="attendance.attendance.linked").actor == staff


def test_linking_needs_a_person(staff_client, session):
    commit_file(session, people_file(1, email=False))
    row = Attendance.objects.get()
    response = staff_client.post(f"{BASE}attendees/{row.pk}/link/", {"person": "nope"})
    assert response.status_code == 400
    row.refresh_from_db()
    assert row.person_id is None


def test_staff_create_a_person_from_the_queue(staff_client, session):
    commit_file(session, people_file(1, "Guest", email=False))
    row = Attendance.objects.get()
    page = staff_client.get(f"{BASE}attendees/{row.pk}/")
    assert page.context["create_form"].initial["name"] == "Guest 000"
    response = staff_client.post(
        f"{BASE}attendees/{row.pk}/create-person/",
        {
            "new-name": "Greta Guest",
            "new-email": "greta@ngo.example",
            "new-organisation": "Entraide",
        },
    )
    assert response.status_code == 302
    person = Person.objects.get(email="greta@ngo.example")
    assert person.organisation_text == "Entraide"
    row.refresh_from_db()
    assert row.person == person


def test_creating_a_person_with_a_bad_email_shows_the_error(staff_client, session):
    commit_file(session, people_file(1, email=False))
    row = Attendance.objects.get()
    response = staff_client.post(
        f"{BASE}attendees/{row.pk}/create-person/", {"new-name": "X", "new-email": "not-an-email"}
    )
    assert response.status_code == 400
    assert "error-summary" in response.content.decode()
    assert not Person.objects.exists()


# --- Column mappings ---------------------------------------------------------------------------


def test_save_a_mapping_then_upload_with_it(staff_client, session):
    response = staff_client.post(
        f"{BASE}mappings/",
        {"preset_name": "Partner tool", "name": "Participant", "email": "Mail",
         "join": "Start", "leave": "End", "date_style": "year-first", "host_values": "Chair"},
    )  # fmt: skip
    assert response.status_code == 302
    preset = ColumnMappingPreset.objects.get()
    assert preset.mapping["host_values"] == ["Chair"]
    data = (
        b"Participant,Mail,Start,End,Role\n"
        b"Nadia Haddad,nadia@x.example,2020-04-14 14:00,2020-04-14 14:45,Chair\n"
        b"Tom Baker,tom@x.example,2020-04-14 14:10,2020-04-14 14:30,Guest\n"
    )
    upload = staff_client.post(f"{BASE}upload/", form_data(session, data, mapping=preset.pk))
    assert upload.status_code == 302
    stored = AttendanceImport.objects.get()
    assert stored.format == "generic"
    staff_client.post(f"{BASE}imports/{stored.pk}/commit/", {})
    assert dict(Attendance.objects.values_list("name", "minutes")) == {
        "Nadia Haddad": 45.0,
        "Tom Baker": 20.0,
    }


def test_an_incomplete_mapping_is_refused_on_the_page(staff_client):
    response = staff_client.post(
        f"{BASE}mappings/", {"preset_name": "Half", "name": "Name", "date_style": "auto"}
    )
    assert response.status_code == 400
    assert "join and leave" in response.content.decode()
    assert not ColumnMappingPreset.objects.exists()


# --- Query counts ------------------------------------------------------------------------------


def count_queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_session_page_queries_do_not_grow_with_attendees(staff_client, session):
    url = f"{BASE}sessions/{session.slug}/"
    commit_file(session, people_file(3, "First"))
    few = count_queries(staff_client, url)
    commit_file(session, people_file(30, "Second"))
    assert Attendance.objects.count() == 33
    assert count_queries(staff_client, url) == few


def test_unmatched_queue_queries_do_not_grow(staff_client, session):
    commit_file(session, people_file(2, "First", email=False))
    few = count_queries(staff_client, f"{BASE}unmatched/")
    for n in range(3):
        commit_file(f.session(session.series), people_file(10, f"More{n}", email=False))
    assert Attendance.objects.filter(person__isnull=True).count() == 32
    assert count_queries(staff_client, f"{BASE}unmatched/") == few


def test_index_queries_do_not_grow_with_imports(staff_client, session):
    commit_file(session, people_file(2, "First"))
    few = count_queries(staff_client, BASE)
    for n in range(5):
        commit_file(f.session(session.series), people_file(3, f"Other{n}"))
    assert count_queries(staff_client, BASE) == few


def test_preview_page_queries_do_not_grow_with_people(staff_client, session, staff):
    def preview_url(data: bytes) -> str:
        response = staff_client.post(f"{BASE}upload/", form_data(session, data))
        return response["Location"]

    few = count_queries(staff_client, preview_url(people_file(3, "Small")))
    many = count_queries(staff_client, preview_url(people_file(60, "Large")))
    assert many == few


def test_join_link_clicks_show_who_joined_without_a_report(staff_client):
    session = f.session(f.series(), hours=1.5)  # registration is open until it starts
    from convene.registrations.services import (
        join_click_record,
        registration_request_confirm,
        registration_request_create,
    )

    registrations = []
    for name, email in (("Ana Lima", "ana@porto.example"), ("Bo Berg", "bo@malmo.example")):
        request = registration_request_create(
            series=session.series,
            sessions=[session],
            registrant=f.registrant(name=name, email=email),
        )
        registration_request_confirm(request=request)
        registration = request.registrations.get()
        join_click_record(registration=registration, redirected=True)
        registrations.append(registration)
    url = f"{BASE}sessions/{session.slug}/"
    figures = staff_client.get(url).context["figures"]
    assert (figures.link_clicked, figures.link_only) == (2, 2)
    report = zoom_report(
        [("Ana Lima", "ana@porto.example", "04/14/2020 02:00:00 PM", "04/14/2020 03:00:00 PM")]
    )
    commit_file(session, report.encode())
    response = staff_client.get(url)
    assert (response.context["figures"].link_clicked, response.context["figures"].link_only) == (
        2,
        1,
    )
    assert '<dd id="link-only">1</dd>' in response.content.decode()


def test_admin_shows_an_import_and_an_attendee_read_only(staff_client, session):
    attendance_import = commit_file(session, people_file(2))
    row = Attendance.objects.filter(session=session).first()
    assert row is not None
    for url in (
        f"/admin/attendance/attendanceimport/{attendance_import.pk}/change/",
        f"/admin/attendance/attendance/{row.pk}/change/",
    ):
        response = staff_client.get(url)
        assert response.status_code == 200
        assert b'name="_save"' not in response.content  # read only: changes go through services
    assert (
        b"Person 000" in staff_client.get(f"/admin/attendance/attendance/{row.pk}/change/").content
    )
