"""Every sample export imports with the right people and minutes, and any cut of one
imports or is refused with our own error, never a crash."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from convene.attendance.models import Attendance, AttendanceImport, AttendanceSource, ImportStatus
from convene.attendance.parsers import AttendanceParseError
from convene.attendance.services import (
    ImportOptions,
    attendance_import_commit,
    attendance_import_start,
)
from convene.programme.models import Session

from .conftest import sample_bytes
from .importing import commit, importer, minutes_by_name

pytestmark = pytest.mark.django_db


MAY_26 = dt.date(2020, 5, 26)

SAMPLES = [
    (
        "zoom_meeting_participants.csv",
        {},
        {
            "Forum Secretariat": 76.6,
            "Marie Dupont": 59.1,
            "Jordi Puig": 60.5,
            "Hans Becker": 54.2,
            "Sophie Lambert": 59.2,
            "Pieter Van den Berg": 43.0,
            "+32 4** *** *12": 43.5,
            "priya": 1.2,
        },
    ),
    ("zoom_meeting_with_meeting_data.csv", {}, {"Karim El Idrissi": 57.0, "Lotte Peeters": 60.0}),
    (
        "zoom_webinar_attendee_report.csv",
        {},
        {
            "Forum Secretariat": 66.0,
            "Claire Martin": 63.0,
            "Ahmed Benali": 60.0,
            "Giulia Bianchi": 25.0,
        },
    ),
    (
        "teams_attendance.csv",
        {},
        {"Marie Dupont": 52.2, "Hans Becker": 58.5, "Guest 4821": 2.0},
    ),
    (
        "teams_attendance_legacy.csv",
        {},
        {"Forum Secretariat": 62.9, "Luca Ferrari": 58.1, "Eva de Vries": 58.0},
    ),
    (
        "bbb_learning_dashboard.csv",
        {},
        {
            "Forum Secretariat": 64.4,
            "Lotte Peeters": 57.8,
            "Karim El Idrissi": 44.2,
            "Anna Rossi": 6.0,
        },
    ),
    (
        "google_meet_attendance.csv",
        {"session_date": MAY_26},
        {"Marie Dupont": 62.0, "Jordi Puig": 45.0, "Unknown caller": 0.5},
    ),
    ("jitsi_event_sync.json", {}, {"Sophie Lambert": 63.9, "Fellow Jitster": 1.5}),
]
FULL = {
    "zoom_meeting_participants.csv",
    "zoom_webinar_attendee_report.csv",
    "teams_attendance_legacy.csv",
    "bbb_learning_dashboard.csv",
    "google_meet_attendance.csv",
}


@pytest.mark.parametrize(("name", "options", "expected"), SAMPLES, ids=[s[0] for s in SAMPLES])
def test_every_shared_sample_imports_people_and_minutes(session, name, options, expected):
    outcome = commit(session, sample_bytes(name), name, **options)
    assert outcome.attendance_import.status == ImportStatus.COMMITTED
    found = minutes_by_name(session)
    if name in FULL:
        assert found == expected
    else:
        assert {person: found.get(person) for person in expected} == expected
    rows = Attendance.objects.filter(session=session)
    assert rows.count() == outcome.attendance_import.counts["people"]
    hosts = {a.name for a in rows if a.role == "host"}
    if "Forum Secretariat" in found:
        assert hosts == {"Forum Secretariat"}
    # Every row came from this import and keeps its intervals for later merges.
    assert AttendanceSource.objects.filter(attendance__session=session).count() == rows.count()


def test_sample_audience_excludes_hosts_and_short_stays(session):
    commit(session, sample_bytes("zoom_meeting_participants.csv"))
    audience = Attendance.objects.filter(session=session, attended=True, role="attendee")
    # Six people stayed 10 minutes or more; the host and priya (1.2 min) are not audience.
    assert sorted(a.name for a in audience) == sorted(
        ["Marie Dupont", "Jordi Puig", "Hans Becker", "Sophie Lambert",
         "Pieter Van den Berg", "+32 4** *** *12"]
    )  # fmt: skip


def test_meet_defaults_to_the_session_date(session):
    Session.objects.filter(pk=session.pk).update(
        starts_at=dt.datetime(2020, 5, 26, 12, 0, tzinfo=dt.UTC),
        ends_at=dt.datetime(2020, 5, 26, 13, 30, tzinfo=dt.UTC),
    )
    session.refresh_from_db()
    commit(session, sample_bytes("google_meet_attendance.csv"))
    marie = Attendance.objects.get(session=session, name="Marie Dupont")
    assert marie.first_join == dt.datetime(2020, 5, 26, 11, 58, tzinfo=dt.UTC)


# --- Bad input is our own error, never a crash -------------------------------------------------

CUT_SAMPLES = [name for name, _options, _expected in SAMPLES]


@pytest.mark.parametrize("name", CUT_SAMPLES)
@pytest.mark.parametrize("fraction", [0.05, 0.35, 0.7])
def test_truncated_samples_preview_and_commit_or_refuse_cleanly(session, name, fraction):
    data = sample_bytes(name)
    data = data[: int(len(data) * fraction)]
    try:
        importer(session, data, name)  # the meeting is held on the file's day
        stored = attendance_import_start(
            actor=None, session=session, data=data, file_name=name, options=ImportOptions()
        )
    except AttendanceParseError:
        assert not AttendanceImport.objects.exists()
        return
    try:
        attendance_import_commit(actor=None, attendance_import=stored, skip_bad_rows=False)
    except ValidationError:
        assert not Attendance.objects.exists()
        outcome = attendance_import_commit(actor=None, attendance_import=stored, skip_bad_rows=True)
        assert outcome.attendance_import.status == ImportStatus.COMMITTED
    stored.refresh_from_db()
    assert stored.status == ImportStatus.COMMITTED
