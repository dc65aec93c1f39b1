"""``convene attendance-parse``: parse and merge one export, no database needed.

Prints one line per person (or, with ``--json``, the JSON list the issue's contract
describes: name, email, role, minutes, first_join, last_leave, connections). Bad input is
one line on stderr naming the file, the line and the problem, and exit status 2.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path
from typing import Any, NoReturn

from .merge import Attendee, merge_records
from .parsers import FORMATS, AttendanceParseError, ColumnMapping, ParseResult, parse_file
from .parsers.timefmt import ORDER_ALIASES

EXIT_BAD_INPUT = 2


class _UsageError(Exception):
    """Raised instead of argparse's multi-line usage dump, so bad options are one line."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise _UsageError(message)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="convene attendance parse",
        description="Parse a video-conference attendance report and merge it per person.",
    )
    parser.add_argument("file", help="the exported report (CSV, TSV or Jitsi JSON)")
    parser.add_argument("--format", default="auto", choices=FORMATS)
    parser.add_argument(
        "--tz", "--timezone", dest="timezone", default=None,
        help="IANA zone that times without a zone are read in (e.g. Europe/Brussels)",
    )  # fmt: skip
    parser.add_argument("--date", default=None, help="session date, YYYY-MM-DD")
    parser.add_argument(
        "--date-style", default="auto", choices=["auto", *sorted(ORDER_ALIASES)],
        help="day-first, month-first or year-first, when the file does not settle it",
    )  # fmt: skip
    parser.add_argument("--mapping", default=None, help="JSON column mapping (generic CSV)")
    parser.add_argument(
        "--host-email", action="append", default=[], help="mark this email as host (repeatable)"
    )
    parser.add_argument(
        "--organiser-domain", action="append", default=[], metavar="DOMAIN",
        help="the network's own email domain: its people are the organising team (repeatable)",
    )  # fmt: skip
    parser.add_argument(
        "--skip-bad-rows", action="store_true",
        help="print the people of the readable rows and list bad rows as warnings",
    )  # fmt: skip
    parser.add_argument("--json", action="store_true", help="print a JSON list")
    return parser


def _mapping(value: str | None) -> ColumnMapping | None:
    if not value:
        return None
    text = value
    if not value.lstrip().startswith("{"):
        try:
            text = Path(value).read_text(encoding="utf-8")
        except OSError as exc:
            raise AttendanceParseError(f"cannot read mapping {value}: {exc.strerror}") from exc
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise AttendanceParseError(f"the mapping is not valid JSON ({exc.msg})") from exc
    if not isinstance(data, dict):
        raise AttendanceParseError("the mapping must be a JSON object")
    return ColumnMapping.from_dict(data)


def _session_date(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise AttendanceParseError(f"--date {value!r} is not YYYY-MM-DD") from exc


def attendee_json(attendee: Attendee) -> dict[str, Any]:
    return {
        "name": attendee.name,
        "email": attendee.email,
        "role": attendee.role,
        "minutes": round(attendee.minutes, 1),
        "first_join": attendee.first_join.isoformat() if attendee.first_join else None,
        "last_leave": attendee.last_leave.isoformat() if attendee.last_leave else None,
        "connections": attendee.connections,
    }


def main(argv: list[str] | None = None) -> int:
    """Run the command; return the exit status (0, or 2 for bad input or bad options)."""
    try:
        args = build_parser().parse_args(argv)
    except _UsageError as exc:
        print(f"convene attendance parse: {exc}", file=sys.stderr)  # noqa: T201
        return EXIT_BAD_INPUT
    except SystemExit as exc:  # --help
        return exc.code if isinstance(exc.code, int) else 0
    try:
        result: ParseResult = parse_file(
            args.file,
            format=args.format,
            tz=args.timezone,
            session_date=_session_date(args.date),
            date_style=args.date_style,
            mapping=_mapping(args.mapping),
        )
    except AttendanceParseError as exc:
        print(f"{args.file}: {exc}", file=sys.stderr)  # noqa: T201
        return EXIT_BAD_INPUT
    if result.errors and not args.skip_bad_rows:
        more = len(result.errors) - 1
        suffix = f" (and {more} more bad rows; see --skip-bad-rows)" if more else ""
        print(f"{args.file}: {result.errors[0]}{suffix}", file=sys.stderr)  # noqa: T201
        return EXIT_BAD_INPUT
    for warning in result.warnings:
        print(f"{args.file}: warning: {warning}", file=sys.stderr)  # noqa: T201
    for error in result.errors:
        print(f"{args.file}: {error} (row skipped)", file=sys.stderr)  # noqa: T201
    merged = merge_records(
        result.records, host_emails=args.host_email, organiser_domains=args.organiser_domain
    )
    if args.json:
        payload = [attendee_json(attendee) for attendee in merged.attendees]
        print(json.dumps(payload, ensure_ascii=False, indent=2))  # noqa: T201
    else:
        for attendee in merged.attendees:
            line = f"{attendee.name}\t{attendee.role}\t{attendee.minutes:.1f}"
            print(line)  # noqa: T201
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
