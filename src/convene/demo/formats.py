"""Attendance exports, byte for byte in the layouts the video tools write (the same layouts
as ``tests/attendance/samples``): Zoom participants and webinar reports, Teams in English and
in French, BigBlueButton's learning dashboard and Jitsi's room event. No Django."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import random
import zlib
import zoneinfo
from collections.abc import Callable
from typing import Any, Literal

from convene.demo.attendance import Attendee, Connection
from convene.demo.schedule import PlannedSession

_ZONE = zoneinfo.ZoneInfo("Europe/Brussels")


def _csv(
    rows: list[list[str]],
    *,
    delimiter: str = ",",
    quoting: Literal[0, 1, 2, 3] = csv.QUOTE_MINIMAL,
    newline: str = "\r\n",
) -> str:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, quoting=quoting, lineterminator=newline)
    writer.writerows(rows)
    return out.getvalue()


def _us(moment: dt.datetime) -> str:
    return moment.strftime("%m/%d/%Y %I:%M:%S %p")


def _minutes(c: Connection) -> str:
    return str(max(1, round(c.minutes)))


def _connections(room: list[Attendee]) -> list[tuple[Attendee, Connection]]:
    rows = [(a, c) for a in room for c in a.connections]
    return sorted(rows, key=lambda item: item[1].join)


def zoom_participants(session: PlannedSession, room: list[Attendee], rng: random.Random) -> bytes:
    rows = [
        [
            "Name (Original Name)",
            "User Email",
            "Join Time",
            "Leave Time",
            "Duration (Minutes)",
            "Guest",
            "Recording Consent",
        ]
    ]
    for attendee, c in _connections(room):
        if attendee.role == "organiser":
            name = f"{c.name} (Host)" if c.name == "Forum Secretariat" else c.name
            rows.append([name, c.email, _us(c.join), _us(c.leave), _minutes(c), "No", ""])
            continue
        name = f"{rng.choice(('iPhone', 'iPad', 'Galaxy S9'))} ({c.name})" if c.device else c.name
        rows.append(
            [name, c.email, _us(c.join), _us(c.leave), _minutes(c), "Yes", "Y" if c.email else ""]
        )
    return _csv(rows).encode("utf-8")


def _webinar_time(moment: dt.datetime) -> str:
    hour = moment.hour % 12 or 12
    return f"{moment:%b} {moment.day}, {moment.year} {hour}:{moment:%M} {moment:%p}"


def zoom_webinar(
    session: PlannedSession,
    room: list[Attendee],
    rng: random.Random,
    absent: list[tuple[str, str]] | None = None,
) -> bytes:
    width = 14

    def pad(cells: list[str]) -> list[str]:
        return cells + [""] * (width - len(cells))

    start = min(c.join for a in room for c in a.connections)
    end = max(c.leave for a in room for c in a.connections)
    audience = [a for a in room if a.role != "organiser"]
    rows = [
        pad(["Attendee Report"]),
        pad(["Report Generated:", _webinar_time(end + dt.timedelta(hours=1))]),
        pad(
            [
                "Topic",
                "Webinar ID",
                "Actual Start Time",
                "Actual Duration (minutes)",
                "# Registered",
                "# Cancelled",
                "Unique Viewers",
                "Total Users",
                "Max Concurrent Views",
                "Enable Registration",
            ]
        ),
        pad(
            [
                session.title_en.replace(":", " -"),
                f"9{session.number:02d} 6543 2100",
                _webinar_time(start),
                str(round((end - start).total_seconds() / 60)),
                str(len(audience) + len(absent or [])),
                "0",
                str(len(audience)),
                str(sum(len(a.connections) for a in audience)),
                str(len(audience)),
                "Yes",
            ]
        ),
        pad(["Host Details"]),
        pad(
            [
                "Attended",
                "User Name (Original Name)",
                "Email",
                "Join Time",
                "Leave Time",
                "Time in Session (minutes)",
                "Is Guest",
                "Country/Region Name",
            ]
        ),
    ]
    host = room[0].connections[0]
    rows.append(
        pad(
            [
                "Yes",
                host.name,
                host.email,
                _webinar_time(host.join),
                _webinar_time(host.leave),
                _minutes(host),
                "No",
                "Belgium",
            ]
        )
    )
    rows.append(pad(["Panelist Details"]))
    rows.append(
        pad(
            [
                "Attended",
                "User Name (Original Name)",
                "Email",
                "Join Time",
                "Leave Time",
                "Time in Session (minutes)",
                "Is Guest",
                "Country/Region Name",
            ]
        )
    )
    for attendee in room[1:]:
        if attendee.role == "organiser":
            for c in attendee.connections:
                rows.append(
                    pad(
                        [
                            "Yes",
                            c.name,
                            c.email,
                            _webinar_time(c.join),
                            _webinar_time(c.leave),
                            _minutes(c),
                            "No",
                            "Belgium",
                        ]
                    )
                )
    rows.append(pad(["Attendee Details"]))
    rows.append(
        [
            "Attended",
            "User Name (Original Name)",
            "First Name",
            "Last Name",
            "Email",
            "Phone",
            "Registration Time",
            "Approval Status",
            "Join Time",
            "Leave Time",
            "Time in Session (minutes)",
            "Is Guest",
            "Country/Region Name",
            "",
        ]
    )
    registered = _webinar_time(
        dt.datetime.combine(session.day - dt.timedelta(days=5), dt.time(10, 2))
    )
    for attendee, c in _connections([a for a in room if a.role != "organiser"]):
        first, _sep, last = attendee.name.partition(" ")
        name = f"{c.name} ({first})" if c.device else c.name
        rows.append(
            [
                "Yes",
                name,
                first,
                last,
                attendee.email,
                "",
                registered,
                "approved",
                _webinar_time(c.join),
                _webinar_time(c.leave),
                _minutes(c),
                "Yes",
                "",
                "",
            ]
        )
    for name, email in absent or []:
        first, _sep, last = name.partition(" ")
        rows.append(
            [
                "No",
                name,
                first,
                last,
                email,
                "",
                registered,
                "approved",
                "--",
                "--",
                "--",
                "--",
                "",
                "",
            ]
        )
    return _csv(rows).encode("utf-8")


def _teams_duration(seconds: float, french: bool) -> str:
    seconds = round(seconds)
    h, rest = divmod(seconds, 3600)
    m, s = divmod(rest, 60)
    if french:
        parts = [f"{h} h" if h else "", f"{m} min" if m else "", f"{s} s" if s else ""]
    else:
        parts = [f"{h}h" if h else "", f"{m}m" if m else "", f"{s}s" if s else ""]
    return " ".join(p for p in parts if p) or ("0 s" if french else "0s")


def teams(
    session: PlannedSession, room: list[Attendee], rng: random.Random, french: bool = False
) -> bytes:
    if french:
        when = lambda m: m.strftime("%d/%m/%Y %H:%M:%S")  # noqa: E731
        roles = {"organiser": "Organisateur", "attendee": "Participant"}
        guest = "Invité"
        head = (
            "1. Résumé",
            "Titre de la réunion",
            "Participants présents",
            "Heure de début",
            "Heure de fin",
            "Durée de la réunion",
            "2. Participants",
            [
                "Nom",
                "Première participation",
                "Dernier départ",
                "Durée de la réunion",
                "E-mail",
                "ID du participant (UPN)",
                "Rôle",
            ],
            "3. Activités pendant la réunion",
            ["Nom", "Heure d’arrivée", "Heure de départ", "Durée", "E-mail", "Rôle"],
        )
        title = session.title_fr
    else:
        when = lambda m: f"{m.month}/{m.day}/{m:%y}, {m.hour % 12 or 12}:{m:%M:%S %p}"  # noqa: E731
        roles = {"organiser": "Organizer", "attendee": "Attendee"}
        guest = "EXT"
        head = (
            "1. Summary",
            "Meeting title",
            "Attended participants",
            "Start time",
            "End time",
            "Meeting duration",
            "2. Participants",
            [
                "Name",
                "First Join",
                "Last Leave",
                "In-Meeting Duration",
                "Email",
                "Participant ID (UPN)",
                "Role",
            ],
            "3. In-Meeting Activities",
            ["Name", "Join Time", "Leave Time", "Duration", "Email", "Role"],
        )
        title = session.title_en
    start = min(c.join for a in room for c in a.connections)
    end = max(c.leave for a in room for c in a.connections)
    names = {}
    for a in room:
        external = a.role != "organiser" and rng.random() < 0.3
        first, _sep, last = a.name.partition(" ")
        names[id(a)] = f"{last.upper()} {first} ({guest})" if external and last else a.name
    lines = [
        head[0],
        f"{head[1]}\t{title}",
        f"{head[2]}\t{len(room)}",
        f"{head[3]}\t{when(start)}",
        f"{head[4]}\t{when(end)}",
        f"{head[5]}\t{_teams_duration((end - start).total_seconds(), french)}",
        "",
        head[6],
        "\t".join(head[7]),
    ]
    for a in room:
        first_join = min(c.join for c in a.connections)
        last_leave = max(c.leave for c in a.connections)
        upn = a.email
        if a.email and a.role != "organiser":
            upn = a.email.replace("@", "_") + "#EXT#@forumurban.onmicrosoft.example"
        lines.append(
            "\t".join(
                [
                    names[id(a)],
                    when(first_join),
                    when(last_leave),
                    _teams_duration(a.minutes * 60, french),
                    a.email,
                    upn,
                    roles[a.role],
                ]
            )
        )
    lines += ["", head[8], "\t".join(head[9])]
    for a, c in _connections(room):
        lines.append(
            "\t".join(
                [
                    names[id(a)],
                    when(c.join),
                    when(c.leave),
                    _teams_duration(c.minutes * 60, french),
                    a.email,
                    roles[a.role],
                ]
            )
        )
    return ("\n".join(lines) + "\n").encode("utf-16")


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
    return _csv(rows, quoting=csv.QUOTE_ALL).encode("utf-8")


def jitsi(session: PlannedSession, room: list[Attendee], rng: random.Random) -> bytes:
    def epoch(moment: dt.datetime) -> int:
        return int(moment.replace(tzinfo=_ZONE).timestamp())

    occupants: list[dict[str, Any]] = []
    for index, (a, c) in enumerate(_connections(room)):
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


Writer = Callable[[PlannedSession, list[Attendee], random.Random], bytes]

#: Session number → the tool that ran it and the file it exported.
TOOLS: dict[int, tuple[str, str]] = {
    1: ("zoom", "csv"),
    2: ("zoom", "csv"),
    3: ("teams", "csv"),
    4: ("zoom_webinar", "csv"),
    5: ("teams_fr", "csv"),
    6: ("bbb", "csv"),
    7: ("zoom", "csv"),
    8: ("jitsi", "json"),
    9: ("zoom_webinar", "csv"),
    10: ("teams", "csv"),
    11: ("teams_fr", "csv"),
    12: ("jitsi", "json"),
    13: ("bbb", "csv"),
    14: ("zoom", "csv"),
}
