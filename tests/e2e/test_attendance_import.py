"""Journey: staff sign in, upload a Zoom report, read the preview, commit it, and see the
session's audience; then open the unmatched queue and the column mappings. Axe on every page."""

import re

import pytest

from convene.attendance.models import Attendance, AttendanceImport
from convene.core.services import staff_create
from convene.registrations.services import registration_request_confirm, registration_request_create
from tests import factories as f
from tests.attendance.conftest import SAMPLES

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

    page.get_by_role("link", name="7").click()  # seven people are not matched to a registrant
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
