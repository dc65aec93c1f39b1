"""Teams attendance reports, English and French (UTF-16 with tabs, three sections), as in
``tests/attendance/samples/teams_attendance*.csv``. No Django."""

from __future__ import annotations

import random

from convene.demo.attendance import Attendee
from convene.demo.formats import connections_in_order
from convene.demo.schedule import PlannedSession


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
    for a, c in connections_in_order(room):
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
