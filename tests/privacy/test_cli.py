"""``convene privacy export|erase|apply-retention``: what they write, and one line with exit
status 2 on bad input."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.core.management import CommandError, call_command

from convene.directory.models import Person
from convene.privacy.models import ErasureRecord

pytestmark = pytest.mark.django_db


def test_export_writes_a_zip(two_people, tmp_path) -> None:
    alice, _bruno, _sessions = two_people
    path = tmp_path / "alice.zip"
    out = io.StringIO()
    call_command("privacy_export", alice.email, str(path), stdout=out)
    with zipfile.ZipFile(path) as archive:
        assert "profile.json" in archive.namelist()
    assert str(path) in out.getvalue()


@pytest.mark.parametrize(
    ("command", "args"),
    [
        ("privacy_export", ["nobody@x.example", "out.zip"]),
        ("privacy_export", ["not-an-email", "out.zip"]),
        ("privacy_export", ["alice.aubry@liege.example", "/no/such/folder/out.zip"]),
        ("privacy_erase", ["nobody@x.example", "--yes"]),
        ("privacy_erase", ["alice.aubry@liege.example"]),
    ],
)
def test_bad_input_is_one_line_and_exit_status_2(two_people, tmp_path, command, args) -> None:
    args = [str(tmp_path / a) if a == "out.zip" else a for a in args]
    with pytest.raises(CommandError) as info:
        call_command(command, *args)
    assert info.value.returncode == 2 and "\n" not in str(info.value)
    assert not ErasureRecord.objects.exists()


def test_erase_needs_yes_and_then_erases(two_people) -> None:
    alice, _bruno, _sessions = two_people
    out = io.StringIO()
    call_command("privacy_erase", alice.email, "--yes", stdout=out)
    record = ErasureRecord.objects.get()
    assert record.anonymous_token in out.getvalue()
    assert Person.objects.get(pk=alice.pk).name == record.anonymous_token
    with pytest.raises(CommandError) as info:  # the email is gone
        call_command("privacy_erase", alice.email, "--yes")
    assert info.value.returncode == 2


def test_apply_retention_dry_run_then_real(two_people, settings) -> None:
    settings.PRIVACY_RETENTION_MONTHS = 24
    out = io.StringIO()
    call_command("privacy_apply_retention", "--dry-run", stdout=out)
    assert out.getvalue().startswith("Would anonymise 0 people")
    out = io.StringIO()
    call_command("privacy_apply_retention", stdout=out)
    assert out.getvalue().startswith("Anonymised 0 people")


def test_the_spaced_command_names_work() -> None:
    from convene.cli import _django_name

    assert _django_name(["privacy", "apply-retention", "--dry-run"]) == [
        "privacy_apply_retention",
        "--dry-run",
    ]
    assert _django_name(["privacy", "export", "a@b.c", "x.zip"])[0] == "privacy_export"
