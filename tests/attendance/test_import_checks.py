"""A file lands in the right session: a file from another day is refused unless forced, a
session that has not started receives nothing, and an import can be undone."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from convene.attendance.models import Attendance, AttendanceImport, AttendanceSource
from convene.attendance.selectors import session_figures
from convene.attendance.services import (
    ImportOptions,
    attendance_import_commit,
    attendance_import_start,
    attendance_import_undo,
)
from convene.core.models import AuditLog
from tests import factories as f

from .importing import at, commit, importer, zoom_file
from .meeting import held

pytestmark = pytest.mark.django_db

APRIL_14 = zoom_file(
    [
        ("Ana Lima", "ana@porto.example", at("14:00"), at("15:00")),
        ("Bo Berg", "bo@malmo.example", at("14:00"), at("14:30")),
    ]
)
APRIL_21 = zoom_file(
    [
        ("Ana Lima", "ana@porto.example", at("14:00", "04/21/2020"), at("15:10", "04/21/2020")),
        ("Cy Dahl", "cy@oslo.example", at("14:00", "04/21/2020"), at("15:00", "04/21/2020")),
    ]
)


@pytest.fixture
def session():
    """Held on 14 April 2020 at 14:00 in Brussels."""
    return held(f.session(f.series(), hours=1.5))


def test_a_file_from_another_day_is_named_in_the_preview_and_refused_unless_forced(session):
    preview = importer(session, APRIL_21).preview()
    assert preview.counts["date_mismatch"] == ["2020-04-21", "2020-04-14"]
    with pytest.raises(ValidationError) as refused:
        commit(session, APRIL_21)
    message = refused.value.messages[0]
    assert "21 April 2020" in message and "14 April 2020" in message
    assert not Attendance.objects.exists() and not AttendanceImport.objects.exists()
    outcome = commit(session, APRIL_21, force=True)
    assert outcome.created == 2


def test_the_stored_preview_commits_a_wrong_day_only_when_forced(session):
    stored = attendance_import_start(
        actor=None, session=session, data=APRIL_21, file_name="x.csv", options=ImportOptions()
    )
    with pytest.raises(ValidationError):
        attendance_import_commit(actor=None, attendance_import=stored, skip_bad_rows=False)
    outcome = attendance_import_commit(
        actor=None, attendance_import=stored, skip_bad_rows=False, force=True
    )
    assert outcome.attendance_import.is_committed


def test_the_right_day_in_the_sessions_zone_passes(session):
    assert importer(session, APRIL_14).preview().counts["date_mismatch"] is None
    assert commit(session, APRIL_14).created == 2


def test_a_session_that_has_not_started_receives_nothing():
    upcoming = f.session(f.series(), hours=1.5)
    for attempt in (
        lambda: attendance_import_start(
            actor=None, session=upcoming, data=APRIL_14, file_name="x.csv", options=ImportOptions()
        ),
        lambda: importer_for(upcoming).commit(actor=None),
    ):
        with pytest.raises(ValidationError, match="has not started"):
            attempt()
    assert not AttendanceImport.objects.exists()


def importer_for(session):
    from convene.attendance.services import AttendanceImporter

    return AttendanceImporter(
        session=session, data=APRIL_14, file_name="x.csv", options=ImportOptions(force=True)
    )


def test_undo_rebuilds_the_attendance_from_the_imports_that_remain(session, staff):
    first = commit(session, APRIL_14, "first.csv").attendance_import
    before = session_figures(session=session)
    minutes = {a.email: a.minutes for a in Attendance.objects.filter(session=session)}
    second = commit(session, APRIL_21, "second.csv", force=True).attendance_import
    after = session_figures(session=session)
    assert (before.people, after.people) == (2, 3)
    assert Attendance.objects.get(email="ana@porto.example").minutes > minutes["ana@porto.example"]

    attendance_import_undo(actor=staff, attendance_import=second)
    assert session_figures(session=session) == before
    assert {a.email: a.minutes for a in Attendance.objects.filter(session=session)} == minutes
    assert not AttendanceImport.objects.filter(pk=second.pk).exists()
    entry = AuditLog.objects.get(code="attendance.import.undone")
    assert entry.actor == staff
    assert entry.details["file"] == "second.csv" and entry.details["removed"] == 1

    attendance_import_undo(actor=staff, attendance_import=first)
    assert not Attendance.objects.filter(session=session).exists()
    assert not AttendanceSource.objects.exists()
    # The same file may be imported again once undone.
    assert commit(session, APRIL_14, "first.csv").created == 2
