"""Journeys: staff sign in, upload a Zoom report, read the preview, commit it, and see the
session's audience; then open the unmatched queue and the column mappings. Staff upload a file
from another day, see the warning and cancel, import the right one, and undo it. Axe on every
page."""

import re

import pytest

from convene.attendance.models import Attendance, AttendanceImport
from convene.core.services import staff_create
from convene.registrations.services import registration_request_confirm, registration_request_create
from tests import factories as f
from tests.attendance.conftest import SAMPLES
from tests.attendance.importing import at, zoom_file
from tests.attendance.meeting import held

pytestmark = pytest.mark.django_db(transaction=True)


def test_upload_preview_commit_audience(visit):
    sample = SAMPLES / "zoom_meeting_participants.csv"
    staff_create(actor=None, email="staff@network.example", password="a-long-pass-phrase")
    series = f.series(title="Lockdown webconferences")
    session = f.session(series, title="Domestic violence during the lockdown")
    request = registration_request_create(
        series=series,
        sessions=[session],
        registrant=f.registrant(name="Marie Dupont", email="marie.dupont@mairie-bordeaux.example"),
    )
    registration_request_confirm(request=request)
    held(session)  # the meeting took place, on the sample's day

    page = visit.page
    visit.goto("/staff/attendance/")
    page.get_by_label("Email").fill("staff@network.example")
    page.get_by_label("Password").fill("a-long-pass-phrase")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(re.compile(r"/staff/attendance/$"))
    visit.check_accessibility()

    page.get_by_label("Session", exact=True).select_option(str(session.pk))
    page.get_by_label("Attendance report", exact=True).set_input_files(str(sample))
    page.get_by_role("button", name="Upload and preview").click()
    page.wait_for_url(re.compile(r"/staff/attendance/imports/\d+/$"))
    visit.check_accessibility()
    assert page.get_by_role("heading", name="Preview: zoom_meeting_participants.csv").is_visible()
    marie = page.get_by_role("row").filter(has_text="Marie Dupont")
    assert "59.1" in marie.inner_text()
    assert "Email" in marie.inner_text()  # matched to her registration by email
    assert not Attendance.objects.exists()  # a preview writes nothing

    page.get_by_role("button", name="Commit the import").click()
    page.wait_for_url(re.compile(rf"/staff/attendance/sessions/{session.slug}/$"))
    visit.check_accessibility()
    assert page.locator("#audience").inner_text() == "6"
    assert page.get_by_role("status").get_by_text("Attendance imported: 8 new").is_visible()
    assert (
        page.get_by_role("row").filter(has_text="Hans Becker").filter(has_text="54.2").count() == 1
    )
    assert AttendanceImport.objects.get().status == "committed"

    # Six participants are not matched to a registrant (the host is not asked about).
    page.get_by_role("link", name="6", exact=True).click()
    page.wait_for_url(re.compile(r"/staff/attendance/unmatched/\?session="))
    visit.check_accessibility()
    page.get_by_role("link", name=re.compile(r"Link or create a person.*Hans Becker")).click()
    page.wait_for_load_state()
    visit.check_accessibility()
    page.get_by_label("Find a person by name or email").fill("marie")
    page.get_by_role("button", name="Search").click()
    page.wait_for_load_state()
    visit.check_accessibility()
    assert page.get_by_role("button", name=re.compile(r"Link\W+Marie Dupont")).is_visible()

    page.get_by_label("Email", exact=True).fill("h.becker@essen.example")
    page.get_by_label("Organisation").fill("Stadt Essen, Ordnungsamt")
    page.get_by_role("button", name="Create and link").click()
    page.wait_for_url(re.compile(r"/staff/attendance/unmatched/\?session="))
    visit.check_accessibility()
    assert (
        page.get_by_role("status").get_by_text("is added to the directory and linked").is_visible()
    )
    hans = Attendance.objects.get(session=session, name="Hans Becker")
    assert hans.person is not None and hans.person.email == "h.becker@essen.example"
    assert page.get_by_role("row").filter(has_text="Hans Becker").count() == 0

    visit.goto("/staff/attendance/mappings/")
    assert page.get_by_role("heading", name="Column mappings for generic CSV files").is_visible()


def sign_in(visit, path: str) -> None:
    staff_create(actor=None, email="staff@network.example", password="a-long-pass-phrase")
    page = visit.page
    visit.goto(path)
    page.get_by_label("Email").fill("staff@network.example")
    page.get_by_label("Password").fill("a-long-pass-phrase")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(re.compile(re.escape(path) + "$"))


def upload(visit, session, path) -> None:
    page = visit.page
    visit.goto("/staff/attendance/")
    page.get_by_label("Session", exact=True).select_option(str(session.pk))
    page.get_by_label("Attendance report", exact=True).set_input_files(str(path))
    page.get_by_role("button", name="Upload and preview").click()
    page.wait_for_url(re.compile(r"/staff/attendance/imports/\d+/$"))
    visit.check_accessibility()


def test_a_file_from_another_day_is_caught_then_the_right_one_imported_and_undone(visit, tmp_path):
    session = held(f.session(f.series(), title="Public spaces after dark"))  # 14 April 2020
    rows = [("Ana Lima", "ana@porto.example"), ("Bo Berg", "bo@malmo.example")]
    wrong, right = tmp_path / "wrong-day.csv", tmp_path / "right-day.csv"
    late = "04/21/2020"
    wrong.write_bytes(zoom_file([(n, e, at("14:00", late), at("15:00", late)) for n, e in rows]))
    right.write_bytes(zoom_file([(n, e, at("14:00"), at("15:00")) for n, e in rows]))
    page = visit.page
    sign_in(visit, f"/staff/attendance/sessions/{session.slug}/")
    visit.check_accessibility()

    upload(visit, session, wrong)
    warning = page.locator("#date-warning")
    assert "21 April 2020" in warning.inner_text() and "14 April 2020" in warning.inner_text()
    assert page.get_by_label("Import anyway: this file belongs to this session").is_visible()
    page.get_by_role("link", name="Cancel").click()
    page.wait_for_url(re.compile(rf"/staff/attendance/sessions/{session.slug}/$"))
    visit.check_accessibility()
    assert not Attendance.objects.exists()
    assert page.locator("#audience").inner_text() == "0"

    upload(visit, session, right)
    assert page.locator("#date-warning").count() == 0
    page.get_by_role("button", name="Commit the import").click()
    page.wait_for_url(re.compile(rf"/staff/attendance/sessions/{session.slug}/$"))
    visit.check_accessibility()
    assert page.locator("#audience").inner_text() == "2"

    page.get_by_role("button", name=re.compile(r"Undo this import\W+right-day.csv")).click()
    page.wait_for_url(re.compile(rf"/staff/attendance/sessions/{session.slug}/$"))
    visit.check_accessibility()
    assert page.get_by_role("status").get_by_text("was undone").is_visible()
    assert page.locator("#audience").inner_text() == "0"
    assert not Attendance.objects.exists()
    assert not AttendanceImport.objects.filter(file_name="right-day.csv").exists()
