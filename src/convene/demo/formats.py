"""Attendance exports, byte for byte in the layouts the video tools write (the same layouts
as ``tests/attendance/samples``): here Zoom's participants and webinar reports and the
helpers; Teams in :mod:`.formats_teams`, BigBlueButton and Jitsi in :mod:`.formats_open`.
No Django."""

from __future__ import annotations

import csv
import datetime as dt
import io
import random
from collections.abc import Callable
from typing import Literal

from convene.demo.attendance import Attendee, Connection
from convene.demo.schedule import PlannedSession


def write_csv(
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


def connections_in_order(room: list[Attendee]) -> list[tuple[Attendee, Connection]]:
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
    for attendee, c in connections_in_order(room):
        if attendee.role == "organiser":
            name = f"{c.name} (Host)" if c.name == "Forum Secretariat" else c.name
            rows.append([name, c.email, _us(c.join), _us(c.leave), _minutes(c), "No", ""])
            continue
        name = f"{rng.choice(('iPhone', 'iPad', 'Galaxy S9'))} ({c.name})" if c.device else c.name
        rows.append(
            [name, c.email, _us(c.join), _us(c.leave), _minutes(c), "Yes", "Y" if c.email else ""]
        )
    return write_csv(rows).encode("utf-8")


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
    for attendee, c in connections_in_order([a for a in room if a.role != "organiser"]):
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
    return write_csv(rows).encode("utf-8")


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
