"""The attendance-parse command: JSON contract, exit status 2 and one line on bad input."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from convene.attendance.cli import main

from .conftest import REPO_ROOT, SAMPLES, sample_bytes


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    status = main(argv)
    out, err = capsys.readouterr()
    return status, out, err


def test_json_output_contract(capsys: pytest.CaptureFixture[str]) -> None:
    path = str(SAMPLES / "zoom_meeting_with_meeting_data.csv")
    status, out, err = run([path, "--tz", "Europe/Brussels", "--json"], capsys)
    assert status == 0, err
    people = {person["name"]: person for person in json.loads(out)}
    karim = people["Karim El Idrissi"]
    assert karim == {
        "name": "Karim El Idrissi",
        "email": "k.elidrissi@molenbeek.example",
        "role": "attendee",
        "minutes": 57.0,
        "first_join": "2020-04-21T14:04:00+02:00",
        "last_leave": "2020-04-21T15:01:00+02:00",
        "connections": 2,
    }
    assert people["Forum Secretariat"]["role"] == "host"


def test_plain_output_lists_person_role_minutes(capsys: pytest.CaptureFixture[str]) -> None:
    sample_bytes("zoom_meeting_participants.csv")
    path = str(SAMPLES / "zoom_meeting_participants.csv")
    status, out, _ = run([path, "--timezone", "Europe/Brussels"], capsys)
    assert status == 0
    assert "Marie Dupont\tattendee\t59.1" in out.splitlines()


def test_meet_with_date(capsys: pytest.CaptureFixture[str]) -> None:
    sample_bytes("google_meet_attendance.csv")
    path = str(SAMPLES / "google_meet_attendance.csv")
    status, out, _ = run(
        [path, "--tz", "Europe/Brussels", "--date", "2020-05-26", "--json"], capsys
    )
    assert status == 0
    assert json.loads(out)[0]["first_join"] == "2020-05-26T13:58:00+02:00"


@pytest.mark.parametrize(
    ("content", "extra", "fragment"),
    [
        (b"", [], "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", [], "binary"),
        (b"a,b\n1,2\n", [], "unrecognised"),
        (b"Name (Original Name),User Email,Join Time\n", ["--format", "zoom"], "no attendance"),
        (b"x", ["--tz", "Nowhere/City"], "time zone"),
        (b"x", ["--date", "26/05/2020"], "YYYY-MM-DD"),
    ],
)
def test_bad_input_is_one_line_and_status_2(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    content: bytes,
    extra: list[str],
    fragment: str,
) -> None:
    path = tmp_path / "report.csv"
    path.write_bytes(content)
    status, out, err = run([str(path), *extra], capsys)
    assert status == 2
    assert out == ""
    assert len(err.strip().splitlines()) == 1
    assert str(path) in err and fragment in err
    assert "Traceback" not in err


def test_truncated_file_names_the_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = sample_bytes("zoom_meeting_participants.csv")
    cut = data.index(b"Hans Becker") + 60  # inside Hans Becker's first row
    path = tmp_path / "truncated.csv"
    path.write_bytes(data[:cut])
    status, out, err = run([str(path), "--tz", "Europe/Brussels"], capsys)
    assert status == 2
    assert out == ""
    assert err.count("\n") == 1
    assert f"{path}: line 6: leave time" in err

    status, out, err = run([str(path), "--tz", "Europe/Brussels", "--skip-bad-rows"], capsys)
    assert status == 0
    assert "Marie Dupont\tattendee\t59.1" in out
    assert "line 6" in err


@pytest.mark.parametrize("argv", [["--format", "skype", "x.csv"], [], ["x", "--bogus"]])
def test_bad_options_are_one_line(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(argv, capsys)
    assert status == 2
    assert out == ""
    assert len(err.strip().splitlines()) == 1


def test_missing_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = run([str(tmp_path / "nope.csv")], capsys)
    assert status == 2
    assert "cannot read" in err


def test_runs_as_a_module(tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_bytes(b"\x00\x01\x02")
    completed = subprocess.run(  # noqa: S603
        [sys.executable, "-m", "convene.attendance.cli", str(path)],
        capture_output=True,
        text=True,
        cwd=REPO_ROOT,
        check=False,
    )
    assert completed.returncode == 2
    assert "Traceback" not in completed.stderr
