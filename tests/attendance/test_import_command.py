"""The ``attendance_import`` management command: imports once, refuses bad rows with exit
status 2, and names the file for unreadable input."""

from __future__ import annotations

import pytest

from convene.attendance.models import Attendance, AttendanceImport
from convene.programme.models import Session
from tests import factories as f

from .conftest import sample_bytes
from .importing import thousand_rows
from .meeting import held

pytestmark = pytest.mark.django_db


@pytest.fixture
def session() -> Session:
    """A session of 90 minutes held on 14 April 2020, the day of the files built here."""
    return held(f.session(f.series(), hours=1.5))


def test_the_import_command_imports_once_and_says_so(session, tmp_path, capsys):
    from django.core.management import call_command

    path = tmp_path / "zoom.csv"
    path.write_bytes(sample_bytes("zoom_meeting_participants.csv"))
    call_command("attendance_import", session.slug, str(path))
    assert "8 people (8 new, 0 merged" in capsys.readouterr().out
    call_command("attendance_import", session.slug, str(path))
    assert "nothing changed" in capsys.readouterr().out
    assert Attendance.objects.filter(session=session).count() == 8


def test_the_import_command_refuses_bad_rows_with_status_2(session, tmp_path, capsys):
    from django.core.management import CommandError, call_command

    path = tmp_path / "big.csv"
    path.write_bytes(thousand_rows())
    with pytest.raises(CommandError, match=r"big.csv: 1 rows have errors.*line 901") as info:
        call_command("attendance_import", session.slug, str(path))
    assert info.value.returncode == 2
    assert not Attendance.objects.exists()
    call_command("attendance_import", session.slug, str(path), "--skip-bad-rows")
    assert "line 901 skipped" in capsys.readouterr().err
    assert Attendance.objects.count() == 999


@pytest.mark.parametrize("content", [b"", b"\x00\x01\xff binary", b"just,a\ncsv,file\n"])
def test_the_import_command_names_the_file_for_unreadable_input(session, tmp_path, content):
    from django.core.management import CommandError, call_command

    path = tmp_path / "bad.csv"
    path.write_bytes(content)
    with pytest.raises(CommandError, match=r"^.*bad.csv: ") as info:
        call_command("attendance_import", session.slug, str(path))
    assert info.value.returncode == 2
    assert "\n" not in str(info.value)
    assert not AttendanceImport.objects.exists()


def test_a_file_from_another_day_is_refused_with_status_2_unless_forced(session, tmp_path, capsys):
    from django.core.management import CommandError, call_command

    from .importing import at, zoom_file

    day = "04/21/2020"
    path = tmp_path / "late.csv"
    path.write_bytes(
        zoom_file([("Ana Lima", "ana@porto.example", at("14:00", day), at("15:00", day))])
    )
    with pytest.raises(CommandError, match=r"^.*late.csv: This file is from 21 April 2020") as info:
        call_command("attendance_import", session.slug, str(path))
    assert info.value.returncode == 2 and "\n" not in str(info.value)
    assert not Attendance.objects.exists()
    call_command("attendance_import", session.slug, str(path), "--force")
    assert Attendance.objects.filter(session=session).count() == 1


def test_a_session_that_has_not_started_is_refused_with_status_2(tmp_path):
    from django.core.management import CommandError, call_command

    upcoming = f.session(f.series())
    path = tmp_path / "zoom.csv"
    path.write_bytes(sample_bytes("zoom_meeting_participants.csv"))
    with pytest.raises(CommandError, match="has not started") as info:
        call_command("attendance_import", upcoming.slug, str(path))
    assert info.value.returncode == 2


def test_the_undo_command_undoes_and_refuses_a_bad_id(session, tmp_path, capsys):
    from django.core.management import CommandError, call_command

    from convene.core.models import AuditLog

    path = tmp_path / "zoom.csv"
    path.write_bytes(sample_bytes("zoom_meeting_participants.csv"))
    call_command("attendance_import", session.slug, str(path))
    import_id = AttendanceImport.objects.get().pk
    call_command("attendance_undo", str(import_id))
    assert "undone" in capsys.readouterr().out
    assert not Attendance.objects.exists() and not AttendanceImport.objects.exists()
    assert AuditLog.objects.filter(code="attendance.import.undone").exists()
    for bad in (str(import_id), "nope"):
        with pytest.raises(CommandError, match="No attendance import") as info:
            call_command("attendance_undo", bad)
        assert info.value.returncode == 2
