"""BigBlueButton's learning dashboard and Jitsi's room event, as in
``tests/attendance/samples/bbb_learning_dashboard.csv`` and ``jitsi_event_sync.json``. No Django."""

from __future__ import annotations

import csv
import datetime as dt
import json
import random
import zlib
import zoneinfo
from typing import Any

from convene.demo.attendance import Attendee
from convene.demo.formats import connections_in_order, write_csv
from convene.demo.schedule import PlannedSession

_ZONE = zoneinfo.ZoneInfo("Europe/Brussels")


def bbb(session: PlannedSession, room: list[Attendee], rng: random.Random) -> bytes:
    rows = [
        [
            "Name",
            "Moderator",
            "Activity Score",
            "Talk Time",
            "Webcam Time",
            "Messages",
            "Reactions",
            "Poll Votes",
            "Raise Hands",
            "Join",
            "Left",
            "Duration",
            "Which topic next?",
        ]
    ]

    def clock(seconds: float) -> str:
        seconds = round(seconds)
        return f"{seconds // 3600:02d}:{seconds % 3600 // 60:02d}:{seconds % 60:02d}"

    for a in room:
        join = min(c.join for c in a.connections)
        left = max(c.leave for c in a.connections)
        rows.append(
            [
                a.name,
                "true" if a.role == "organiser" else "false",
                f"{rng.uniform(0, 8):.1f}",
                "00:00:00",
                "00:00:00",
                str(rng.randint(0, 4)),
                "0",
                str(rng.randint(0, 1)),
                "0",
                join.strftime("%Y-%m-%d %H:%M:%S"),
                left.strftime("%Y-%m-%d %H:%M:%S"),
                clock(a.minutes * 60),
                rng.choice(("", "Drugs", "Polarisation", "Night-time economy")),
            ]
        )
    rows.append(["Anonymous"] + [""] * 11 + ["Drugs"])
    return write_csv(rows, quoting=csv.QUOTE_ALL).encode("utf-8")


def jitsi(session: PlannedSession, room: list[Attendee], rng: random.Random) -> bytes:
    def epoch(moment: dt.datetime) -> int:
        return int(moment.replace(tzinfo=_ZONE).timestamp())

    occupants: list[dict[str, Any]] = []
    for index, (a, c) in enumerate(connections_in_order(room)):
        occupants.append(
            {
                "name": a.name,
                "email": a.email or None,
                "id": f"user-{zlib.crc32(a.email.encode()):08x}" if a.email else None,
                "occupant_jid": f"{session.slug}@conference.meet.example/{index:04x}",
                "joined_at": epoch(c.join),
                "left_at": epoch(c.leave),
            }
        )
    end = max(epoch(c.leave) for a in room for c in a.connections)
    event = {
        "event_name": "muc-room-destroyed",
        "room_name": session.slug,
        "room_jid": f"{session.slug}@conference.meet.example",
        "destroyed_at": end,
        "all_occupants": occupants,
    }
    return (json.dumps(event, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
