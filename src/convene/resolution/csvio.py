"""Reading and writing the batch command's CSV files, with line-numbered errors.

Every problem becomes a :class:`ResolutionError` that names the file, the line and what is
wrong ("directory.csv: line 7: unknown kind 'city'"); nothing is half-read.
"""

from __future__ import annotations

import csv
import io
import os
import tempfile
from collections.abc import Iterator, Sequence
from pathlib import Path

from convene.resolution.lexicon import KINDS
from convene.resolution.types import Organisation, Registrant, Resolution, ResolutionError

__all__ = [
    "DIRECTORY_COLUMNS",
    "INPUT_COLUMNS",
    "OUTPUT_COLUMNS",
    "read_directory",
    "read_input",
    "write_output",
]

DIRECTORY_COLUMNS = ("id", "name", "kind", "country", "member", "aliases", "domains")
INPUT_COLUMNS = ("row_id", "organisation", "email", "country")
OUTPUT_COLUMNS = (
    "row_id",
    "org_id",
    "kind",
    "country",
    "cluster",
    "confidence",
    "status",
    "explanation",
)
_YES = frozenset({"yes", "y", "true", "1"})
_NO = frozenset({"no", "n", "false", "0", ""})


def _decode(path: Path) -> str:
    name = str(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ResolutionError(f"cannot read file: {exc.strerror or exc}", source=name) from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ResolutionError("not UTF-8 text", source=name, line=line) from None


def _rows(path: Path, required: Sequence[str]) -> Iterator[tuple[int, dict[str, str]]]:
    """Yield (line number, row) after checking the header; values are stripped strings."""
    name = str(path)
    text = _decode(path)
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        raise ResolutionError("contains a NUL byte: not a CSV file", source=name, line=line)
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = next(reader, None)
        if header is None:
            raise ResolutionError(
                f"empty file, expected columns {','.join(required)}", source=name, line=1
            )
        header = [h.strip().lower() for h in header]
        missing = [c for c in required if c not in header]
        if missing:
            raise ResolutionError(f"missing column(s) {', '.join(missing)}", source=name, line=1)
        where = {c: header.index(c) for c in required}
        for record in reader:
            line = reader.line_num
            if not record or all(not v.strip() for v in record):
                continue
            if len(record) != len(header):
                raise ResolutionError(
                    f"expected {len(header)} fields, found {len(record)}", source=name, line=line
                )
            yield line, {c: record[i].strip() for c, i in where.items()}
    except csv.Error as exc:
        raise ResolutionError(f"not valid CSV: {exc}", source=name, line=reader.line_num) from None


def _split(value: str) -> tuple[str, ...]:
    return tuple(v.strip() for v in value.split("|") if v.strip())


def read_directory(path: Path) -> list[Organisation]:
    name = str(path)
    orgs: list[Organisation] = []
    seen: set[str] = set()
    for line, row in _rows(path, DIRECTORY_COLUMNS):

        def fail(problem: str, line: int = line) -> ResolutionError:
            return ResolutionError(problem, source=name, line=line)

        org_id = row["id"]
        if not org_id:
            raise fail("empty id")
        if org_id in seen:
            raise fail(f"duplicate id {org_id!r}")
        if not row["name"]:
            raise fail("empty name")
        kind = row["kind"].lower()
        if kind not in KINDS:
            raise fail(f"unknown kind {row['kind']!r} (expected one of {', '.join(KINDS)})")
        country = row["country"].upper()
        if len(country) != 2 or not country.isascii() or not country.isalpha():
            raise fail(f"country {row['country']!r} is not an ISO alpha-2 code")
        member = row["member"].lower()
        if member not in _YES | _NO:
            raise fail(f"member {row['member']!r} is not yes or no")
        seen.add(org_id)
        orgs.append(
            Organisation(
                org_id,
                row["name"],
                kind,
                country,
                member in _YES,
                _split(row["aliases"]),
                _split(row["domains"]),
            )
        )
    return orgs


def read_input(path: Path) -> list[Registrant]:
    name = str(path)
    rows: list[Registrant] = []
    seen: set[str] = set()
    for line, row in _rows(path, INPUT_COLUMNS):
        row_id = row["row_id"]
        if not row_id:
            raise ResolutionError("empty row_id", source=name, line=line)
        if row_id in seen:
            raise ResolutionError(f"duplicate row_id {row_id!r}", source=name, line=line)
        seen.add(row_id)
        rows.append(Registrant(row_id, row["organisation"], row["email"], row["country"]))
    return rows


def write_output(path: Path, results: Sequence[Resolution]) -> None:
    """Write atomically: a failed run never leaves a half-written output file."""
    directory = path.parent if str(path.parent) else Path(".")
    try:
        fd, tmp = tempfile.mkstemp(dir=directory, prefix=".resolve-", suffix=".csv")
    except OSError as exc:
        raise ResolutionError(f"cannot write: {exc.strerror or exc}", source=str(path)) from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(OUTPUT_COLUMNS)
            for r in results:
                writer.writerow(
                    [
                        r.row_id,
                        r.org_id or "",
                        r.kind or "",
                        r.country or "",
                        r.cluster or "",
                        f"{r.confidence:.2f}",
                        r.status,
                        r.explanation,
                    ]
                )
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise ResolutionError(f"cannot write: {exc.strerror or exc}", source=str(path)) from None
