"""A network small enough to count on paper, for checking every figure of the report.

Sessions (12:00 UTC, 13:00 or 14:00 in Brussels, so every session's local date is its UTC
date). Day numbers count from ``BASE``, a month ahead, because registration is only open for
sessions that have not started.

    series "earlier" (section urban-security):   e1 day 0
    series "lockdown" (section polarisation, a subsection of urban-security):
        s1 day 10 topics polarisation, public-spaces
        s2 day 11 topic polarisation
        s3 day 12 topic crisis-management
        s4 day 13
        s5 day 14
        s6 day 15 draft (never counts)
    series "later" (no section):                 l1 day 30

Organisations (the counted one is the highest above, its kind and country are used):

    Liège          local authority   BE  member from 2010, open-ended
      Liège police public body (dept) BE  parent Liège: counts as Liège
    Essen          local authority   DE  member from day 60 (after the series)
    Barcelona      local authority   ES  member 2015 until day 5 (before the series)
    Catalonia      regional auth.    ES  member from 2012
    ULiège         research          BE  (its only registrant cancelled)
    Peace NGO      ngo               FR
    Acme           private           NL
    Ministry       public body       FR  (only an attendee who never registered)

People and their registrations (active unless said):

    Anne    Liège         s1 s2 s3 s4 s5 (five sessions: one registrant)
    Bruno   Liège police  s1
    Clara   Essen         s2            (her own country NL; Essen's DE counts) + l1
    Dora    Catalonia     s3            language fr
    Emil    ULiège        s1 s2 both cancelled
    Fatima  Peace NGO     s4            language fr
    Gert    Acme          s5
    Hugo    Ministry      none (attended s3)
    Ines    no org, in review ("Ville de Mons"), BE   s2; e1 cancelled
    Jon     Barcelona     e1, s3        (returning)
    Kai     Acme          s5 lapsed (never confirmed)
    Lea     no org, in review ("Stadt Köln"), DE      l1 only

Audience (attended, role attendee):

    s1: Anne, Bruno, an unmatched guest           = 3 (+ a host, not counted)
    s2: Anne (Clara connected 3 minutes: not attended) = 1
    s3: Hugo, Dora, Jon                          = 3
    s4: Fatima, Anne                             = 2
    s5: no attendance recorded (left out of the audience figures)
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import pytest
from django.utils import timezone

from convene.attendance.models import Attendance, Role
from convene.directory.models import Organisation, Person, ResolutionStatus
from convene.directory.services import MembershipPeriod, organisation_create, person_create
from convene.programme.models import Series, Session, Topic
from convene.programme.services import series_create, session_create
from convene.registrations.models import Registration
from convene.registrations.services import (
    RegistrantIn,
    registration_cancel,
    registration_request_confirm,
    registration_request_create,
    registrations_lapse,
)
from convene.sections.models import Section
from tests.factories import seed_topics

BASE = (timezone.now() + dt.timedelta(days=30)).replace(hour=12, minute=0, second=0, microsecond=0)


def day(n: int) -> dt.date:
    return (BASE + dt.timedelta(days=n)).date()


@dataclass
class World:
    series: dict[str, Series] = field(default_factory=dict)
    sessions: dict[str, Session] = field(default_factory=dict)
    organisations: dict[str, Organisation] = field(default_factory=dict)
    people: dict[str, Person] = field(default_factory=dict)
    sections: dict[str, Section] = field(default_factory=dict)
    topics: dict[str, Topic] = field(default_factory=dict)


def make_session(world: World, series: Series, slug: str, n: int, **kw: object) -> Session:
    starts = BASE + dt.timedelta(days=n)
    values: dict = {
        "series": series,
        "slug": slug,
        "title": slug.upper(),
        "starts_at": starts,
        "ends_at": starts + dt.timedelta(hours=1, minutes=30),
        "status": "published",
        "timezone": "Europe/Brussels",
    }
    values.update(kw)
    world.sessions[slug] = session_create(actor=None, **values)
    return world.sessions[slug]


def register(person: Person, *sessions: Session, confirm: bool = True) -> list[Registration]:
    """Register through the service, as the form does, and confirm (the double opt-in)."""
    request = registration_request_create(
        series=sessions[0].series,
        sessions=list(sessions),
        registrant=RegistrantIn(
            name=person.name,
            email=person.email,
            country=person.country,
            language=person.preferred_language,
            consent_version="2026-11",
        ),
        send_request_mail=False,
    )
    if confirm:
        registration_request_confirm(request=request)
    return list(Registration.objects.filter(request=request))


def attend(session: Session, person: Person | None, *, key: str = "", **kw: object) -> Attendance:
    values: dict = {
        "session": session,
        "person": person,
        "key": key or f"person:{person.pk if person else 0}",
        "name": person.name if person else key,
        "minutes": 60,
        "attended": True,
        "role": Role.ATTENDEE,
    }
    values.update(kw)
    return Attendance.objects.create(**values)


def build_world() -> World:
    w = World()
    w.sections["urban-security"] = Section.objects.create(
        name="Urban security", slug="urban-security"
    )
    w.sections["polarisation"] = Section.objects.create(
        name="Polarisation", slug="polarisation", parent=w.sections["urban-security"]
    )
    Section.objects.create(name="Unrelated", slug="unrelated")
    # The taxonomy a migration installs (again, if a browser test before this one flushed it).
    seed_topics()
    for slug in ("polarisation", "public-spaces", "crisis-management"):
        w.topics[slug] = Topic.objects.get(slug=slug)

    for slug, title in (
        ("earlier", "Earlier series"),
        ("lockdown", "Lockdown webconferences"),
        ("later", "Later series"),
    ):
        w.series[slug] = series_create(actor=None, slug=slug, title=title)
    Series.objects.filter(slug="earlier").update(section=w.sections["urban-security"])
    Series.objects.filter(slug="lockdown").update(section=w.sections["polarisation"])
    for series in w.series.values():
        series.refresh_from_db()

    make_session(w, w.series["earlier"], "e1", 0)
    lockdown = w.series["lockdown"]
    make_session(
        w, lockdown, "s1", 10, topics=[w.topics["polarisation"], w.topics["public-spaces"]]
    )
    make_session(w, lockdown, "s2", 11, topics=[w.topics["polarisation"]])
    make_session(w, lockdown, "s3", 12, topics=[w.topics["crisis-management"]])
    make_session(w, lockdown, "s4", 13)
    make_session(w, lockdown, "s5", 14)
    make_session(w, lockdown, "s6", 15, status="draft")
    make_session(w, w.series["later"], "l1", 30)

    def org(key: str, name: str, kind: str, country: str, *periods: MembershipPeriod, **kw: object):
        w.organisations[key] = organisation_create(
            actor=None, name=name, kind=kind, country=country, memberships=periods, **kw
        )

    org("liege", "Ville de Liège", "local_authority", "BE", MembershipPeriod(dt.date(2010, 1, 1)))
    org(
        "liege_police",
        "Ville de Liège – Police administrative",
        "public_body",
        "BE",
        parent=w.organisations["liege"],
    )
    org("essen", "Stadt Essen", "local_authority", "DE", MembershipPeriod(day(60)))
    org(
        "barcelona",
        "Ajuntament de Barcelona",
        "local_authority",
        "ES",
        MembershipPeriod(dt.date(2015, 1, 1), day(5)),
    )
    org(
        "catalonia",
        "Generalitat de Catalunya",
        "regional_authority",
        "ES",
        MembershipPeriod(dt.date(2012, 1, 1)),
    )
    org("uliege", "Université de Liège", "research", "BE")
    org("ngo", "Peace NGO", "ngo", "FR")
    org("acme", "Acme Security", "private", "NL")
    org("ministry", "Ministère de l'Intérieur", "public_body", "FR")

    def person(key: str, organisation: str | None, country: str, language: str = "en") -> Person:
        w.people[key] = person_create(
            actor=None,
            email=f"{key}@people.example",
            name=key.capitalize(),
            organisation=w.organisations[organisation] if organisation else None,
            country=country,
            preferred_language=language,
        )
        return w.people[key]

    person("anne", "liege", "BE")
    person("bruno", "liege_police", "BE")
    person("clara", "essen", "NL")
    person("dora", "catalonia", "ES", "fr")
    person("emil", "uliege", "BE")
    person("fatima", "ngo", "FR", "fr")
    person("gert", "acme", "NL")
    person("hugo", "ministry", "FR")
    person("ines", None, "BE")
    person("jon", "barcelona", "ES", "fr")
    person("kai", "acme", "DE")
    person("lea", None, "DE")

    p, s = w.people, w.sessions
    register(p["anne"], s["s1"], s["s2"], s["s3"], s["s4"], s["s5"])
    register(p["bruno"], s["s1"])
    register(p["clara"], s["s2"])
    register(p["clara"], s["l1"])
    register(p["dora"], s["s3"])
    for registration in register(p["emil"], s["s1"], s["s2"]):
        registration_cancel(actor=None, registration=registration)
    register(p["fatima"], s["s4"])
    register(p["gert"], s["s5"])
    register(p["ines"], s["s2"])
    for registration in register(p["ines"], s["e1"]):
        registration_cancel(actor=None, registration=registration)
    register(p["jon"], s["e1"])
    register(p["jon"], s["s3"])
    register(p["kai"], s["s5"], confirm=False)
    register(p["lea"], s["l1"])
    assert registrations_lapse(now=timezone.now() + dt.timedelta(hours=49)) == 1
    # What the resolution engine leaves for staff: a typed name, no organisation yet.
    for key, text in (("ines", "Ville de Mons"), ("lea", "Stadt Köln")):
        Person.objects.filter(pk=w.people[key].pk).update(
            organisation_text=text, resolution_status=ResolutionStatus.REVIEW
        )
        w.people[key].refresh_from_db()

    attend(s["s1"], p["anne"])
    attend(s["s1"], p["bruno"])
    attend(s["s1"], None, key="email:guest@elsewhere.example")
    attend(s["s1"], None, key="email:host@network.example", role=Role.HOST)
    attend(s["s2"], p["anne"])
    attend(s["s2"], p["clara"], minutes=3, attended=False)
    attend(s["s3"], p["hugo"])
    attend(s["s3"], p["dora"])
    attend(s["s3"], p["jon"])
    attend(s["s4"], p["fatima"])
    attend(s["s4"], p["anne"])
    return w


@pytest.fixture
def world(db: None) -> World:
    return build_world()
