"""The batch command's contract: `convene resolve --directory D.csv IN.csv --output OUT.csv`."""

from __future__ import annotations

import csv
import subprocess
import sys
from pathlib import Path

import pytest

from convene.resolution.cli import main
from convene.resolution.csvio import OUTPUT_COLUMNS

DIRECTORY = (
    "id,name,kind,country,member,aliases,domains\n"
    "essen,Stadt Essen,local_authority,DE,yes,Essen|Stadt Essen,essen.de\n"
    "uliege,Université de Liège,research,BE,no,ULiège,uliege.be\n"
)
INPUT = (
    "row_id,organisation,email,country\n"
    '1,"Stadt Essen, Ordnungsamt",k@essen.de,DE\n'
    "2,City of Cologne,,\n"
    "3,n/a,,\n"
    "4,Ordnungsamt,x@gmail.com,\n"
    "5,Universite de Liege,,BE\n"
)


def write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def run(tmp_path: Path, directory: str | bytes = DIRECTORY, rows: str | bytes = INPUT) -> int:
    d = write(tmp_path, "directory.csv", directory)
    i = write(tmp_path, "input.csv", rows)
    return main(["--directory", str(d), str(i), "--output", str(tmp_path / "out.csv")])


def test_resolves_a_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(tmp_path) == 0
    with (tmp_path / "out.csv").open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        assert tuple(reader.fieldnames or ()) == OUTPUT_COLUMNS
        rows = {row["row_id"]: row for row in reader}
    assert rows["1"]["status"] == "matched" and rows["1"]["org_id"] == "essen"
    assert "essen.de" in rows["1"]["explanation"]
    assert rows["2"]["status"] == "new" and rows["2"]["org_id"] == ""
    assert (rows["2"]["kind"], rows["2"]["country"]) == ("local_authority", "DE")
    assert rows["2"]["cluster"]
    assert rows["3"]["status"] == "none"
    assert rows["4"]["status"] == "review" and rows["4"]["org_id"] == ""
    assert rows["5"]["org_id"] == "uliege"
    assert all(0 <= float(row["confidence"]) <= 1 for row in rows.values())
    captured = capsys.readouterr()
    assert captured.err == ""
    # one line to finish: the rows and the count of each outcome
    assert captured.out.splitlines() == [
        f"Resolved 5 rows into {tmp_path / 'out.csv'}: 2 matched, 1 new, 1 none, 1 review."
    ]


def test_accepts_the_subcommand_name_and_extra_columns(tmp_path: Path) -> None:
    d = write(tmp_path, "d.csv", DIRECTORY)
    i = write(tmp_path, "i.csv", "row_id,organisation,email,country,note\n1,Essen,,,x\n")
    out = tmp_path / "o.csv"
    assert main(["resolve", "--directory", str(d), str(i), "--output", str(out)]) == 0
    assert "essen" in out.read_text(encoding="utf-8")


BAD = [
    ("directory.csv", "line 1", "missing column", "id,name,kind,country,member\n", INPUT),
    (
        "directory.csv",
        "line 2",
        "unknown kind",
        "id,name,kind,country,member,aliases,domains\nx,X,city,FR,yes,,\n",
        INPUT,
    ),
    (
        "directory.csv",
        "line 2",
        "not yes or no",
        "id,name,kind,country,member,aliases,domains\nx,X,ngo,FR,maybe,,\n",
        INPUT,
    ),
    (
        "directory.csv",
        "line 2",
        "ISO alpha-2",
        "id,name,kind,country,member,aliases,domains\nx,X,ngo,France,no,,\n",
        INPUT,
    ),
    (
        "directory.csv",
        "line 3",
        "duplicate id",
        "id,name,kind,country,member,aliases,domains\nx,X,ngo,FR,no,,\nx,Y,ngo,FR,no,,\n",
        INPUT,
    ),
    ("directory.csv", "line 1", "empty file", "", INPUT),
    ("input.csv", "line 1", "missing column", DIRECTORY, "row_id,organisation\n1,x\n"),
    (
        "input.csv",
        "line 2",
        "expected 4 fields",
        DIRECTORY,
        "row_id,organisation,email,country\n1,x\n",
    ),
    (
        "input.csv",
        "line 3",
        "not UTF-8",
        DIRECTORY,
        b"row_id,organisation,email,country\n1,ok,,\n2,Ville de Li\xe8ge,,\n",
    ),
    ("input.csv", "line 2", "empty row_id", DIRECTORY, "row_id,organisation,email,country\n,x,,\n"),
    ("input.csv", "line 2", "NUL", DIRECTORY, "row_id,organisation,email,country\n1,a\x00b,,\n"),
    (
        "input.csv",
        "line 2",
        "not valid CSV",
        DIRECTORY,
        'row_id,organisation,email,country\n1,"unterminated,,\n',
    ),
]


@pytest.mark.parametrize(("culprit", "line", "problem", "directory", "rows"), BAD)
def test_bad_input_is_one_line_and_exit_2(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    culprit: str,
    line: str,
    problem: str,
    directory: str | bytes,
    rows: str | bytes,
) -> None:
    assert run(tmp_path, directory, rows) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert culprit in err and line in err and problem in err
    assert not (tmp_path / "out.csv").exists()


def test_missing_file_and_usage_errors_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = str(tmp_path / "nope.csv")
    assert main(["--directory", missing, missing, "--output", str(tmp_path / "o.csv")]) == 2
    err = capsys.readouterr().err
    assert "nope.csv" in err and err.count("\n") == 1
    assert main(["--directory"]) == 2
    assert capsys.readouterr().err.count("\n") == 1
    assert main([]) == 2
    capsys.readouterr()
    assert main(["--help"]) == 0
    assert "--directory" in capsys.readouterr().out


def test_runs_as_a_module(tmp_path: Path) -> None:
    d = write(tmp_path, "d.csv", DIRECTORY)
    i = write(tmp_path, "i.csv", INPUT)
    out = tmp_path / "o.csv"
    done = subprocess.run(  # noqa: S603 - our own interpreter and module
        [
            sys.executable,
            "-m",
            "convene.resolution.cli",
            "--directory",
            str(d),
            str(i),
            "--output",
            str(out),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert out.exists()
    bad = subprocess.run(  # noqa: S603 - our own interpreter and module
        [
            sys.executable,
            "-m",
            "convene.resolution.cli",
            "--directory",
            str(i),
            str(i),
            "--output",
            str(out),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert bad.returncode == 2
    assert bad.stderr.count("\n") == 1 and "Traceback" not in bad.stderr
