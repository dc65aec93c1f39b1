"""Shared helpers: where the shared samples live, and a per-person view of a parse."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from convene.attendance.merge import Attendee, merge_records
from convene.attendance.parsers import ParseResult, parse_bytes

REPO_ROOT = Path(__file__).resolve().parents[2]
SAMPLES = REPO_ROOT.parent / "shared" / "fixtures" / "attendance"
BRUSSELS = "Europe/Brussels"


def sample_bytes(name: str) -> bytes:
    path = SAMPLES / name
    if not path.exists():
        pytest.skip(f"shared sample {name} is not available at {SAMPLES}")
    return path.read_bytes()


def merged(
    data: bytes, *, session_date: date | None = None, **options: object
) -> tuple[ParseResult, dict[str, Attendee]]:
    options.setdefault("tz", BRUSSELS)
    result = parse_bytes(data, session_date=session_date, **options)  # type: ignore[arg-type]
    people = {attendee.name: attendee for attendee in merge_records(result.records).attendees}
    return result, people


def minutes(people: dict[str, Attendee]) -> dict[str, float]:
    return {name: round(attendee.minutes, 1) for name, attendee in people.items()}
