"""Helpers for the attendance import tests: build a report, import it, register someone."""

from __future__ import annotations

import json
from typing import Any

from django.utils import timezone

from convene.attendance.models import Attendance
from convene.attendance.parsers import AttendanceParseError
from convene.attendance.services import AttendanceImporter, CommitOutcome, ImportOptions
from convene.programme.models import Session
from convene.registrations.models import Registration
from convene.registrations.services import registration_request_confirm, registration_request_create
from tests import factories as f

from .builders import zoom_report
from .meeting import held


def importer(
    session: Session, data: bytes, name: str = "report.csv", **options: Any
) -> AttendanceImporter:
    """An importer for ``data``; a session still ahead is first held on the file's day."""
    built = AttendanceImporter(
        session=session, data=data, file_name=name, options=ImportOptions(**options)
    )
    if session.starts_at > timezone.now():
        try:
            day = built.file_date
        except AttendanceParseError:
            day = None
        held(session, day)
        built = AttendanceImporter(
            session=session, data=data, file_name=name, options=ImportOptions(**options)
        )
    return built


def commit(
    session: Session, data: bytes, name: str = "report.csv", **options: Any
) -> CommitOutcome:
    return importer(session, data, name, **options).commit(actor=None)


def register(session: Session, *, name: str, email: str, confirm: bool = True) -> Registration:
    request = registration_request_create(
        series=session.series,
        sessions=[session],
        registrant=f.registrant(name=name, email=email),
    )
    if confirm:
        registration_request_confirm(request=request)
    return Registration.objects.get(request=request, session=session)


def minutes_by_name(session: Session) -> dict[str, float]:
    return {a.name: round(a.minutes, 1) for a in Attendance.objects.filter(session=session)}


def zoom_file(rows: list[tuple[str, str, str, str]]) -> bytes:
    return zoom_report(rows).encode()


def at(clock: str, day: str = "04/14/2020") -> str:
    """A Zoom US-style timestamp on ``day`` (clock is 24-hour, HH:MM)."""
    hour, minute = (int(part) for part in clock.split(":"))
    suffix = "PM" if hour >= 12 else "AM"
    return f"{day} {(hour - 1) % 12 + 1:02d}:{minute:02d}:00 {suffix}"


def thousand_rows(broken: int | None = 900) -> bytes:
    rows = []
    for n in range(1, 1001):
        leave = "not a time" if n == broken else at("15:00")
        rows.append((f"Person {n:04d}", f"person{n}@city.example", at("14:00"), leave))
    return zoom_file(rows)


def jitsi_file(occupants: list[dict]) -> bytes:
    base = 1590148800
    return json.dumps(
        {
            "event_name": "muc-room-destroyed",
            "room_name": "webconf",
            "all_occupants": [
                {"joined_at": base, "left_at": base + 3600, **occupant} for occupant in occupants
            ],
        }
    ).encode()
