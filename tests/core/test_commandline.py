"""One command line: spaced names, aliases, one-line errors for files, quiet broken pipes."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command, get_commands

from convene import cli
from convene.core.commandline import read_input_file

CONVENE = [sys.executable, "-m", "convene"]
SAMPLE = Path(__file__).parents[1] / "attendance" / "samples" / "zoom_meeting_participants.csv"


def run(*args: str, stdout: int | None = subprocess.PIPE) -> subprocess.CompletedProcess:
    return subprocess.run(  # noqa: S603
        [*CONVENE, *args], stdout=stdout, stderr=subprocess.PIPE, text=True, timeout=120,
        check=False,
    )  # fmt: skip


def test_help_lists_every_command_of_convene_by_its_spaced_name():
    overview = run("--help").stdout
    own = [
        name
        for name, app in get_commands().items()
        if app.startswith("convene.") and name not in cli.ALIASES
    ]
    assert own
    for name in own:
        assert f"\n  {name.replace('_', ' ')}" in overview, name
    for name in cli.PURE_COMMANDS:
        assert f"\n  {name}" in overview, name
    assert "demo-setup" not in overview and "attendance-parse" not in overview


def test_two_words_run_the_command_named_with_both(monkeypatch):
    commands = {**get_commands(), "orgs_import": "convene.directory"}
    monkeypatch.setattr("django.core.management.get_commands", lambda: commands)
    assert cli._django_name(["orgs", "import", "orgs.csv"]) == ["orgs_import", "orgs.csv"]
    assert cli._django_name(["orgs", "resolve-pending"]) == ["orgs", "resolve-pending"]
    assert cli._django_name(["token", "create", "a@b.example"]) == [
        "token",
        "create",
        "a@b.example",
    ]
    assert cli._django_name(["attendance", "import", "s", "f"]) == ["attendance_import", "s", "f"]
    assert cli._django_name(["send-reminders"]) == ["send_reminders"]


@pytest.mark.parametrize(
    ("old", "new"),
    [("demo-setup", "demo"), ("attendance-parse", "attendance parse"), ("send-reminders", "")],
)
def test_old_names_still_work(old, new):
    result = run(old, "--help")
    assert result.returncode == 0, result.stderr
    assert "usage:" in result.stdout
    if new:
        assert f"convene {new}" in result.stdout


@pytest.mark.parametrize(
    "command",
    [
        ["attendance", "parse", "{missing}"],
        ["attendance", "import", "no-such-session", "{missing}"],
        ["resolve", "--directory", "{missing}", "{missing}", "--output", "{out}"],
    ],
)
def test_a_missing_file_is_one_line_and_status_2(command, tmp_path):
    args = [a.format(missing=tmp_path / "absent.csv", out=tmp_path / "o.csv") for a in command]
    result = run(*args)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "absent.csv" in lines[0]
    assert "Errno" not in lines[0] and "Traceback" not in result.stderr


def test_a_bad_file_is_one_line_and_status_2(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_bytes(b"\x00\x01\x02 not an export")
    result = run("attendance", "parse", str(bad))
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1
    assert "bad.csv" in result.stderr and "Traceback" not in result.stderr


def test_a_folder_or_a_missing_file_in_a_management_command(tmp_path):
    for name, problem in ((tmp_path, "folder"), (tmp_path / "absent.csv", "no such file")):
        with pytest.raises(CommandError, match=problem) as caught:
            read_input_file(name)
        assert caught.value.returncode == 2
        assert "Errno" not in str(caught.value)


@pytest.mark.django_db
def test_attendance_import_names_the_missing_file_before_the_session(tmp_path):
    with pytest.raises(CommandError, match="absent.csv: no such file"):
        call_command("attendance_import", "no-such-session", str(tmp_path / "absent.csv"))


@pytest.mark.parametrize(
    "args",
    [
        ["--help"],
        ["attendance", "parse", "--tz", "UTC", str(SAMPLE)],
        ["attendance-parse", "--tz", "UTC", str(SAMPLE)],
    ],
)
def test_output_piped_into_a_reader_that_has_gone_ends_quietly(args):
    """As ``convene … | head -1``: the reader closes the pipe before the command writes."""
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        result = run(*args, stdout=write_end)
    finally:
        os.close(write_end)
    assert result.stderr == ""
    assert result.returncode == 0


def test_attendance_commands_take_tz():
    for args in (["attendance", "parse", "--help"], ["attendance", "import", "--help"]):
        assert "--tz" in run(*args).stdout
