"""Shared helpers: where the sample exports live, a per-person view of a parse, and the
session most database tests import into."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from convene.attendance.merge import Attendee, merge_records
from convene.attendance.parsers import ParseResult, parse_bytes
from convene.programme.models import Session
from tests import factories

REPO_ROOT = Path(__file__).resolve().parents[2]
#: The project's sample exports, one per video tool; samples/README.md says what each shows.
SAMPLES = Path(__file__).resolve().parent / "samples"
#: Named, not globbed: a sample that goes missing fails its tests instead of leaving none.
SAMPLE_FILES = (
    "bbb_learning_dashboard.csv",
    "google_meet_attendance.csv",
    "jitsi_event_sync.json",
    "teams_attendance.csv",
    "teams_attendance_legacy.csv",
    "zoom_meeting_participants.csv",
    "zoom_meeting_with_meeting_data.csv",
    "zoom_webinar_attendee_report.csv",
)
BRUSSELS = "Europe/Brussels"


def sample_bytes(name: str) -> bytes:
    return (SAMPLES / name).read_bytes()


def merged(
    data: bytes, *, session_date: date | None = None, **options: object
) -> tuple[ParseResult, dict[str, Attendee]]:
    options.setdefault("tz", BRUSSELS)
    result = parse_bytes(data, session_date=session_date, **options)  # type: ignore[arg-type]
    people = {attendee.name: attendee for attendee in merge_records(result.records).attendees}
    return result, people


def minutes(people: dict[str, Attendee]) -> dict[str, float]:
    return {name: round(attendee.minutes, 1) for name, attendee in people.items()}


@pytest.fixture
def session() -> Session:
    """A published session of 90 minutes, a week ahead, in a new series."""
    return factories.session(factories.series(), hours=1.5)
