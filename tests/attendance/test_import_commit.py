"""Committing an import: all or nothing, once per file and session, merged across files
(by the union of intervals), and safe when four requests commit the same file at once."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from convene.attendance.models import Attendance, AttendanceImport, AttendanceSource, ImportStatus
from convene.attendance.services import (
    ImportOptions,
    attendance_import_commit,
    attendance_import_start,
)
from convene.attendance.services import imports as imports_module
from convene.attendance.services import store as store_module
from convene.core.models import AuditLog
from convene.programme.models import Session
from tests import factories as f

from .conftest import sample_bytes
from .importing import at, commit, importer, thousand_rows, zoom_file
from .meeting import held

pytestmark = pytest.mark.django_db


@pytest.fixture
def session() -> Session:
    """A session of 90 minutes held on 14 April 2020, the day of the files built here."""
    return held(f.session(f.series(), hours=1.5))


# --- Atomicity ----------------------------------------------------------------------------------


def test_a_broken_row_900_of_1000_leaves_the_database_unchanged(session):
    data = thousand_rows()
    preview = importer(session, data).preview()
    assert [e.line for e in preview.result.errors] == [901]  # row 900 sits under the header
    with pytest.raises(ValidationError, match="line 901"):
        commit(session, data)
    assert Attendance.objects.count() == 0
    assert AttendanceSource.objects.count() == 0
    assert not AttendanceImport.objects.filter(status=ImportStatus.COMMITTED).exists()
    assert not AuditLog.objects.filter(code="attendance.import.committed").exists()


def test_a_stored_preview_with_errors_commits_nothing(session):
    stored = attendance_import_start(
        actor=None, session=session, data=thousand_rows(), file_name="big.csv",
        options=ImportOptions(),
    )  # fmt: skip
    assert stored.errors == [{"line": 901, "message": stored.errors[0]["message"]}]
    with pytest.raises(ValidationError):
        attendance_import_commit(actor=None, attendance_import=stored, skip_bad_rows=False)
    stored.refresh_from_db()
    assert stored.status == ImportStatus.PREVIEW
    assert Attendance.objects.count() == 0


def test_skipping_bad_rows_commits_the_other_999_and_lists_row_900(session):
    stored = attendance_import_start(
        actor=None, session=session, data=thousand_rows(), file_name="big.csv",
        options=ImportOptions(),
    )  # fmt: skip
    outcome = attendance_import_commit(actor=None, attendance_import=stored, skip_bad_rows=True)
    assert outcome.created == 999
    assert Attendance.objects.filter(session=session).count() == 999
    assert not Attendance.objects.filter(name="Person 0900").exists()
    stored.refresh_from_db()
    assert stored.status == ImportStatus.COMMITTED
    assert [row["line"] for row in stored.skipped] == [901]
    assert not stored.file  # the uploaded file is not kept after commit
    entry = AuditLog.objects.get(code="attendance.import.committed")
    assert entry.details["skipped_lines"] == [901]


def test_a_failure_while_writing_rolls_everything_back(session, monkeypatch):
    def boom(**kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(imports_module, "audit_record", boom)
    with pytest.raises(RuntimeError):
        commit(session, thousand_rows(broken=None))
    assert Attendance.objects.count() == 0
    assert AttendanceSource.objects.count() == 0
    assert AttendanceImport.objects.count() == 0


# --- Idempotency and merging across files -------------------------------------------------------


def snapshot(session: Session) -> list[tuple]:
    return list(
        Attendance.objects.filter(session=session)
        .order_by("key")
        .values_list("key", "minutes", "connections", "attended", "role", "updated_at")
    )


def test_the_same_file_twice_changes_nothing(session):
    data = sample_bytes("zoom_meeting_participants.csv")
    first = commit(session, data)
    before = snapshot(session)
    sources = AttendanceSource.objects.count()
    second = commit(session, data, "renamed.csv")
    assert second.unchanged
    assert second.attendance_import.pk == first.attendance_import.pk
    assert snapshot(session) == before
    assert AttendanceSource.objects.count() == sources
    assert AttendanceImport.objects.filter(status=ImportStatus.COMMITTED).count() == 1
    assert AuditLog.objects.filter(code="attendance.import.committed").count() == 1


def test_a_second_preview_of_the_same_file_says_so_and_commits_nothing(session):
    data = sample_bytes("zoom_meeting_participants.csv")
    first = commit(session, data)
    stored = attendance_import_start(
        actor=None, session=session, data=data, file_name="again.csv", options=ImportOptions()
    )
    preview = importer(session, data).preview()
    assert preview.already_imported == first.attendance_import
    before = snapshot(session)
    outcome = attendance_import_commit(actor=None, attendance_import=stored, skip_bad_rows=False)
    assert outcome.unchanged
    assert snapshot(session) == before
    assert not AttendanceImport.objects.filter(pk=stored.pk).exists()


def test_the_same_file_for_another_session_is_imported_there(session):
    data = sample_bytes("zoom_meeting_participants.csv")
    commit(session, data)
    other = f.session(session.series)
    assert not commit(other, data).unchanged
    assert Attendance.objects.filter(session=other).count() == 8


@pytest.mark.parametrize("batch", [500, 1])
def test_a_second_hosts_export_merges_without_double_counting(session, batch, monkeypatch):
    # Attendees are written in batches: one by one must give the same rows as all at once.
    monkeypatch.setattr(store_module, "WRITE_BATCH", batch)
    first = zoom_file(
        [
            ("Host One (Host)", "host1@network.example", at("13:50"), at("15:05")),
            ("Karim El Idrissi", "karim@city.example", at("14:04"), at("14:30")),
            ("Ana Silva", "ana@city.example", at("14:00"), at("14:05")),
        ]
    )
    second = zoom_file(
        [
            ("Host Two (Host)", "host2@network.example", at("13:55"), at("15:05")),
            ("Karim El Idrissi", "karim@city.example", at("14:28"), at("15:01")),
            ("Ana Silva", "ana@city.example", at("14:00"), at("14:05")),
            ("Ana Silva", "ana@city.example", at("14:50"), at("14:58")),
        ]
    )
    commit(session, first, "host1.csv")
    outcome = commit(session, second, "host2.csv")
    assert not outcome.unchanged
    assert (outcome.created, outcome.updated) == (1, 2)
    karim = Attendance.objects.get(session=session, key="email:karim@city.example")
    assert round(karim.minutes, 1) == 57.0  # 26 + 33 would be 59
    assert karim.sources.count() == 2
    assert karim.imports.count() == 2
    ana = Attendance.objects.get(session=session, key="email:ana@city.example")
    assert round(ana.minutes, 1) == 13.0  # the 14:00-14:05 stay appears in both files once
    assert ana.attended  # 5 minutes alone were not enough; with the second file they are
    assert ana.connections == 2
    assert Attendance.objects.filter(session=session).count() == 4
    audience = Attendance.objects.filter(session=session, attended=True, role="attendee")
    assert audience.count() == 2


# --- Previews that are never committed, and four commits at once --------------------------------


def test_old_previews_are_discarded_with_their_file(session):
    old = attendance_import_start(
        actor=None, session=session, data=thousand_rows(), file_name="old.csv",
        options=ImportOptions(),
    )  # fmt: skip
    kept = commit(session, sample_bytes("jitsi_event_sync.json"), force=True).attendance_import
    AttendanceImport.objects.filter(pk__in=[old.pk, kept.pk]).update(
        created_at=old.created_at - dt.timedelta(days=8)
    )
    attendance_import_start(
        actor=None, session=session, data=b"name,email\nA,a@x.example\n", file_name="n.csv",
        options=ImportOptions(format="generic", mapping={"name": "name", "duration": "email"}),
    )  # fmt: skip
    assert not AttendanceImport.objects.filter(pk=old.pk).exists()
    assert AttendanceImport.objects.filter(pk=kept.pk).exists()


@pytest.mark.django_db(transaction=True)
def test_the_same_file_committed_at_once_by_four_requests_lands_once():
    """The session-row lock (and, behind it, the unique constraint) makes concurrent
    commits of one file a single import; the others report "unchanged"."""
    import threading

    from django.db import connections

    session = f.session(f.series())
    data = sample_bytes("zoom_meeting_participants.csv")
    barrier = threading.Barrier(4)
    outcomes: list[object] = []

    def run() -> None:
        try:
            barrier.wait(timeout=10)
            outcomes.append(commit(Session.objects.get(pk=session.pk), data).unchanged)
        except Exception as exc:  # noqa: BLE001 - collected for the assertion below
            outcomes.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert sorted(map(str, outcomes)) == ["False", "True", "True", "True"]
    assert AttendanceImport.objects.filter(status=ImportStatus.COMMITTED).count() == 1
    assert Attendance.objects.filter(session=session).count() == 8
    assert AttendanceSource.objects.count() == 8
