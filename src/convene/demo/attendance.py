"""Who attended each 2020 session, connection by connection: the ground truth the attendance
exports are written from. Reconnections, second devices, the organising team, people who
stayed a few minutes and guests who never registered. No Django.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from convene.demo.people import Person
from convene.demo.schedule import PlannedSession

ORGANISER_DOMAIN = "forum-urban-security.example"
ORGANISERS = (
    ("Forum Secretariat", f"webconf@{ORGANISER_DOMAIN}"),
    ("Anna Lenz", f"a.lenz@{ORGANISER_DOMAIN}"),
)
#: The series counts an attendee from ten minutes on (the series' default threshold).
MIN_MINUTES = 10
_GUESTS = (
    "Karl Weiss",
    "Dr. Elena Marchetti",
    "Jean-Pierre Roux",
    "Ilse Vermeulen",
    "Tomás Ruiz",
    "Birgit Lang",
    "Paolo Greco",
    "Nora Haddad",
    "Sven Olsen",
    "Maud Lecomte",
    "Ewa Zając",
    "Rui Almeida",
)


@dataclass
class Connection:
    name: str
    email: str
    join: dt.datetime  # local time of the session, naive
    leave: dt.datetime
    role: str = "attendee"  # or "organiser"
    #: The second device of someone connected already ("iPhone (Marie Dupont)").
    device: bool = False

    @property
    def minutes(self) -> float:
        return (self.leave - self.join).total_seconds() / 60


@dataclass
class Attendee:
    """One person in the room: a registrant (``person``), a guest, or an organiser."""

    name: str
    email: str
    person: Person | None
    connections: list[Connection]
    role: str = "attendee"

    @property
    def minutes(self) -> float:
        spans = sorted((c.join, c.leave) for c in self.connections)
        total, end = 0.0, None
        for start, stop in spans:
            if end is not None and start < end:
                start = end
            if stop > start:
                total += (stop - start).total_seconds() / 60
            end = stop if end is None else max(end, stop)
        return round(total, 1)

    @property
    def counted(self) -> bool:
        return self.role == "attendee" and self.minutes >= MIN_MINUTES


def _at(day: dt.date, minute: float) -> dt.datetime:
    """``minute`` minutes after 14:00 local time, to the second."""
    return dt.datetime.combine(day, dt.time(14, 0)) + dt.timedelta(seconds=round(minute * 60))


def _stay(rng: random.Random, day: dt.date, name: str, email: str, short: bool) -> list[Connection]:
    start = rng.uniform(-4, 8)
    if short:
        return [Connection(name, email, _at(day, start), _at(day, start + rng.uniform(1, 8)))]
    length = rng.uniform(46, 66) if rng.random() < 0.8 else rng.uniform(15, 45)
    end = min(start + length, 66)
    roll = rng.random()
    if roll < 0.15:  # dropped out and came back
        cut = rng.uniform(start + 5, end - 6)
        gap = rng.uniform(0.5, 6)
        return [
            Connection(name, email, _at(day, start), _at(day, cut)),
            Connection(name, email, _at(day, cut + gap), _at(day, end)),
        ]
    if roll < 0.20:  # joined again from a phone, overlapping
        other = rng.uniform(start + 10, end - 3)
        return [
            Connection(name, email, _at(day, start), _at(day, end)),
            Connection(name, "", _at(day, other), _at(day, end + rng.uniform(0, 3)), device=True),
        ]
    return [Connection(name, email, _at(day, start), _at(day, end))]


def plan_attendance(
    session: PlannedSession, registrants: list[Person], rng: random.Random
) -> list[Attendee]:
    day = session.day
    room: list[Attendee] = [
        Attendee(
            name,
            email,
            None,
            [Connection(name, email, _at(day, -6 + i), _at(day, 67 - i), role="organiser")],
            role="organiser",
        )
        for i, (name, email) in enumerate(ORGANISERS)
    ]
    guests = rng.randint(1, 4)
    audience = rng.randint(56, 86) - guests
    shuffled = rng.sample(registrants, len(registrants))
    for person in shuffled[:audience]:
        room.append(
            Attendee(
                person.name,
                person.email,
                person,
                _stay(rng, day, person.name, person.email, short=False),
            )
        )
    for person in shuffled[audience : audience + rng.randint(2, 5)]:
        room.append(
            Attendee(
                person.name,
                person.email,
                person,
                _stay(rng, day, person.name, person.email, short=True),
            )
        )
    for name in rng.sample(_GUESTS, guests):
        stay = _stay(rng, day, name, "", short=False)
        room.append(Attendee(name, "", None, [c for c in stay if not c.device]))
    return room
