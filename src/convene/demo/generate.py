"""``generate(seed, directory)``: write the demo's raw inputs and, beside them, the ground truth.

Files written:

- ``members.csv``: the member list as the network exports it (semicolons, UTF-8 with BOM);
- ``registrations-2020.csv``: the 2020 series' Eventbrite attendee report;
- ``attendance/NN-<tool>.<ext>``: one video tool's export per session;
- ``content.json``: minutes, practices and topic proposals;
- ``truth.json``: who belongs where, who attended what for how long, and the figures those
  facts give. The loader never reads it; tests and staff's review decisions do.

The same seed writes the same bytes. No Django.
"""

from __future__ import annotations

import csv
import io
import json
import random
from pathlib import Path
from typing import Any

from convene.demo import formats, formats_open, formats_teams
from convene.demo.attendance import MIN_MINUTES, ORGANISER_DOMAIN, Attendee, plan_attendance
from convene.demo.content import content
from convene.demo.network import Network, Org, build_network
from convene.demo.people import Person, build_people
from convene.demo.places import BY_CODE
from convene.demo.schedule import PlannedSession, sessions

_KIND_WORDS = {
    "local_authority": "City",
    "regional_authority": "Region",
    "research": "Research",
    "public_body": "Public body",
    "ngo": "NGO",
    "private": "Company",
}
_COUNTRY_NAMES = {"CH": "Switzerland", "GB": "United Kingdom", "CA": "Canada"}


def _country_name(code: str) -> str:
    return BY_CODE[code].name if code in BY_CODE else _COUNTRY_NAMES.get(code, code)


def member_list(network: Network) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(
        [
            "Organisation",
            "Type",
            "Country",
            "Email domains",
            "Other names",
            "Member since",
            "Member until",
        ]
    )
    for org in network.organisations:
        if not org.in_member_list:
            continue
        start, end = org.periods[0] if org.periods else (None, None)
        writer.writerow(
            [
                org.name,
                _KIND_WORDS[org.kind],
                _country_name(org.country),
                org.domain,
                " | ".join(org.aliases),
                start.strftime("%d/%m/%Y") if start else "",
                end.strftime("%d/%m/%Y") if end else "",
            ]
        )
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def registrations(people: list[Person], plan: list[PlannedSession], rng: random.Random) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(
        [
            "Order #",
            "Order Date",
            "First Name",
            "Last Name",
            "Email",
            "Company",
            "Job Title",
            "Work Country",
            "Preferred language",
            "Event Name",
            "Attendee Status",
        ]
    )
    rows = []
    for index, person in enumerate(people):
        order = str(1_180_000_000 + index * 7)
        cancelled = (
            []
            if rng.random() > 0.04
            else [n for n in rng.sample(range(len(plan)), 2) if n not in person.sessions][:1]
        )
        for number in person.sessions + cancelled:
            session = plan[number]
            ordered = session.day.toordinal() - rng.randint(1, 12)
            rows.append(
                [
                    order,
                    f"{ordered}",
                    person.first,
                    person.last,
                    person.email,
                    person.typed,
                    person.job_title,
                    _country_name(person.country) if person.country else "",
                    "French" if person.language == "fr" else "English",
                    session.title_en,
                    "Cancelled" if number in cancelled else "Attending",
                ]
            )
    rng.shuffle(rows)
    import datetime as dt

    for row in rows:
        row[1] = dt.date.fromordinal(int(row[1])).strftime("%m/%d/%Y")
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


def _write_attendance(
    plan: list[PlannedSession], people: list[Person], rng: random.Random, folder: Path
) -> dict[str, list[Attendee]]:
    folder.mkdir(parents=True, exist_ok=True)
    rooms = {}
    for session in plan:
        registrants = [p for p in people if session.number - 1 in p.sessions]
        room = plan_attendance(session, registrants, rng)
        tool, ext = formats.TOOLS[session.number]
        if tool == "zoom":
            data = formats.zoom_participants(session, room, rng)
        elif tool == "zoom_webinar":
            present = {a.person.key for a in room if a.person}
            absent = [(p.name, p.email) for p in registrants if p.key not in present][:40]
            data = formats.zoom_webinar(session, room, rng, absent)
        elif tool in ("teams", "teams_fr"):
            data = formats_teams.teams(session, room, rng, french=tool == "teams_fr")
        elif tool == "bbb":
            data = formats_open.bbb(session, room, rng)
        else:
            data = formats_open.jitsi(session, room, rng)
        (folder / f"{session.number:02d}-{tool}.{ext}").write_bytes(data)
        rooms[session.slug] = room
    return rooms


def _org_truth(org: Org) -> dict[str, Any]:
    return {
        "key": org.key,
        "name": org.name,
        "kind": org.kind,
        "country": org.country,
        "member_2020": org.member_2020,
        "in_member_list": org.in_member_list,
    }


def _truth(
    network: Network,
    people: list[Person],
    plan: list[PlannedSession],
    rooms: dict[str, list[Attendee]],
) -> dict[str, Any]:
    represented = {p.org.key: p.org for p in people if p.org}
    authorities = [o for o in represented.values() if o.is_authority]
    audience = {slug: sum(a.counted for a in room) for slug, room in rooms.items()}
    return {
        "figures": {
            "registrants": len(people),
            "registrations": sum(len(p.sessions) for p in people),
            "local_authorities": len(authorities),
            "members": sum(o.member_2020 for o in authorities),
            "institutions": len(represented) - len(authorities),
            "audience": audience,
            "audience_mean": round(sum(audience.values()) / len(audience), 1),
            "min_minutes": MIN_MINUTES,
        },
        "organiser_domain": ORGANISER_DOMAIN,
        "organisations": [_org_truth(o) for o in network.organisations],
        "people": [
            {
                "key": p.key,
                "name": p.name,
                "email": p.email,
                "typed": p.typed,
                "organisation": p.org.key if p.org else None,
                "sessions": [plan[n].slug for n in p.sessions],
            }
            for p in people
        ],
        "attendance": {
            slug: [
                {
                    "name": a.name,
                    "person": a.person.key if a.person else None,
                    "role": a.role,
                    "minutes": a.minutes,
                    "connections": len(a.connections),
                    "counted": a.counted,
                }
                for a in room
            ]
            for slug, room in rooms.items()
        },
    }


def generate(seed: int, directory: Path) -> dict[str, Any]:
    """Write every raw input of the demo for ``seed`` into ``directory``; return the truth."""
    rng = random.Random(seed)  # noqa: S311 (made-up data, reproducible by design)
    directory.mkdir(parents=True, exist_ok=True)
    network = build_network(rng)
    plan = sessions()
    people = build_people(network, rng, len(plan))
    (directory / "members.csv").write_bytes(member_list(network))
    (directory / "registrations-2020.csv").write_bytes(registrations(people, plan, rng))
    rooms = _write_attendance(plan, people, rng, directory / "attendance")
    cities = sorted({o.city for o in network.organisations if o.city and o.member_2020})
    (directory / "content.json").write_text(
        json.dumps(content(plan, cities, rng), ensure_ascii=False, indent=1), encoding="utf-8"
    )
    truth = _truth(network, people, plan, rooms)
    (directory / "truth.json").write_text(
        json.dumps(truth, ensure_ascii=False, indent=1), encoding="utf-8"
    )
    return truth
