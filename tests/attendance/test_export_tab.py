"""The registrant XLSX export carries an attendance tab, read back with python-calamine."""

import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from python_calamine import CalamineWorkbook

from tests import factories as f
from tests.attendance.conftest import SAMPLES

pytestmark = pytest.mark.django_db


def test_registrant_export_has_an_attendance_tab(staff_client, api_client):
    start = dt.datetime(2020, 4, 14, 12, 0, tzinfo=dt.UTC)
    session = f.session(f.series(), starts_at=start, timezone="Europe/Brussels")
    data = (SAMPLES / "zoom_meeting_participants.csv").read_bytes()
    api_client.post(
        f"/api/sessions/{session.slug}/attendance",
        {"file": SimpleUploadedFile("zoom.csv", data, content_type="text/csv")},
    )
    response = staff_client.get(f"/staff/sessions/{session.slug}/registrations/?format=xlsx")
    assert response.status_code == 200
    workbook = CalamineWorkbook.from_filelike(io.BytesIO(response.content))
    assert workbook.sheet_names[1] == "Attendance"
    header, *rows = workbook.get_sheet_by_name("Attendance").to_python()
    assert header[:5] == ["Session", "Name in the report", "Email in the report", "Role", "Minutes"]
    minutes = {row[1]: row[4] for row in rows}
    assert minutes["Marie Dupont"] == 59.1
    assert len(rows) == 8
