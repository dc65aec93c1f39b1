"""Jitsi Prosody ``event_sync`` JSON (the ``muc-room-destroyed`` event).

``all_occupants`` lists one entry per connection with epoch seconds; the same person has
the same ``id`` (the JWT user id, which Convene's join links set to the registrant token).
Entries may have no email and no id. Moderators are marked only when the payload says so.
"""

from __future__ import annotations

import json
import math
import re
from bisect import bisect_right
from dataclasses import replace
from datetime import datetime, tzinfo
from typing import Any

from .names import clean_email, split_display_name
from .records import (
    ATTENDEE,
    HOST,
    AttendanceParseError,
    AttendanceRecord,
    ParseResult,
    Role,
    RowError,
)
from .timefmt import from_epoch

FORMAT = "jitsi"
_NAME_KEY = re.compile(r'"name"\s*:')


def looks_like(text: str) -> bool:
    head = text.lstrip()[:4096]
    return head.startswith("{") and ("all_occupants" in head or "occupants" in head)


def _occupants(payload: Any) -> list[Any]:
    if isinstance(payload, dict):
        for key in ("all_occupants", "occupants"):
            value = payload.get(key)
            if isinstance(value, list):
                return value
    if isinstance(payload, list):
        return payload
    raise AttendanceParseError("no 'all_occupants' list in this Jitsi event")


def _line_index(text: str) -> list[int]:
    """Start offsets of lines, to turn JSON positions into line numbers."""
    starts = [0]
    starts.extend(match.end() for match in re.finditer("\n", text))
    return starts


def _epoch(value: Any, what: str, tz: tzinfo) -> datetime:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError(f"{what} is not an epoch timestamp: {str(value)[:40]!r}")
    # Compare before any float conversion: a 500-digit integer does not fit in a float.
    if not 0 <= value < 1e14 or (isinstance(value, float) and math.isnan(value)):
        raise ValueError(f"{what} is out of range: {str(value)[:40]}")
    return from_epoch(float(value), tz)


def parse(text: str, *, tz: tzinfo, **_: object) -> ParseResult:
    try:
        payload = json.loads(text)
    except (json.JSONDecodeError, RecursionError) as exc:
        line = exc.lineno if isinstance(exc, json.JSONDecodeError) else None
        raise AttendanceParseError(f"invalid JSON ({exc})", line=line) from exc
    occupants = _occupants(payload)
    markers = [match.start() for match in _NAME_KEY.finditer(text)]
    starts = _line_index(text) if markers else [0]
    records: list[AttendanceRecord] = []
    errors: list[RowError] = []
    for position, occupant in enumerate(occupants):
        line = _line_of(markers, starts, position)
        try:
            records.append(_record(occupant, line, tz))
        except ValueError as exc:
            errors.append(RowError(line, str(exc)))
    warnings: tuple[str, ...] = ()
    if records and not any(_has_role(item) for item in occupants):
        records, warnings = _first_is_moderator(records)
    return ParseResult(
        format=FORMAT, records=tuple(records), errors=tuple(errors), warnings=warnings
    )


def _has_role(occupant: Any) -> bool:
    return isinstance(occupant, dict) and any(
        key in occupant for key in ("role", "affiliation", "moderator")
    )


def _first_is_moderator(
    records: list[AttendanceRecord],
) -> tuple[list[AttendanceRecord], tuple[str, ...]]:
    """Without roles in the payload, Jitsi's own rule applies: the first to join the room
    is its moderator. Every connection of that person (same email or id) is marked."""
    first = min(records, key=lambda record: (record.join, record.lines))
    same = {value for value in (first.email, first.participant_id, first.name) if value}

    def is_first(record: AttendanceRecord) -> bool:
        if first.email or first.participant_id:
            return bool({record.email, record.participant_id} & same)
        return record.name == first.name

    marked = [
        replace(record, role=HOST, source_role="moderator (first to join)")
        if is_first(record)
        else record
        for record in records
    ]
    note = f"no roles in the Jitsi event: {first.name!r}, first to join, was taken as moderator"
    return marked, (note,)


def _line_of(markers: list[int], starts: list[int], position: int) -> int:
    if position >= len(markers):
        return 1
    return bisect_right(starts, markers[position])


def _record(occupant: Any, line: int, tz: tzinfo) -> AttendanceRecord:
    if not isinstance(occupant, dict):
        raise ValueError("occupant is not an object")
    raw_name = occupant.get("name") or occupant.get("display_name") or ""
    email = clean_email(str(occupant.get("email") or ""))
    if not isinstance(raw_name, str) or (not raw_name.strip() and not email):
        raise ValueError("occupant has neither a name nor an email")
    join = _epoch(occupant.get("joined_at"), "joined_at", tz)
    leave = _epoch(occupant.get("left_at"), "left_at", tz)
    if leave < join:
        raise ValueError("left_at is before joined_at")
    role_text = str(occupant.get("role") or occupant.get("affiliation") or "")
    moderator = role_text in ("moderator", "owner") or occupant.get("moderator") is True
    role: Role = HOST if moderator else ATTENDEE
    display = split_display_name(raw_name)
    ident = occupant.get("id")
    return AttendanceRecord(
        name=display.name or (email or ""),
        email=email,
        role=role,
        join=join,
        leave=leave,
        lines=(line,),
        original_name=display.original_name,
        participant_id=str(ident) if ident not in (None, "") else None,
        source_role=role_text,
    )
