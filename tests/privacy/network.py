"""A network with registrations, mails, attendance and stored files, built through the
services as real use builds it, for the erasure and export tests.

Five organisations, two series of three and two sessions, 40 people with unique two-word
names (some with accents), each registered for one to three sessions by the form service
(its mails land in the outbox). Four sessions are held and their Zoom reports committed (with
one guest nobody registered); the last session's report waits in preview, its file stored.
A registration file with six of the people is staged for import.
"""

from __future__ import annotations

import datetime as dt
import random
import unicodedata
from dataclasses import dataclass, field

from convene.attendance.services import ImportOptions
from convene.attendance.services.upload import attendance_import_start
from convene.directory.models import Person
from convene.directory.services import MembershipPeriod, organisation_create
from convene.programme.models import Series, Session
from convene.registrations.models import RegistrationImport
from convene.registrations.services import (
    RegistrantIn,
    registration_request_confirm,
    registration_request_create,
)
from convene.registrations.services.imports import registration_import_stage
from convene.reports.scope import scope_get
from convene.reports.selectors import report_figures
from convene.reports.serialise import report_as_json
from tests import factories as f
from tests.attendance.builders import zoom_report
from tests.attendance.importing import commit
from tests.attendance.meeting import held

FIRST = ["Amélie", "Bartosz", "Chiara", "Dieter", "Eleni", "François", "Greta", "Hélène"]
LAST = ["Vasquez", "Lindqvist", "Okonkwo", "Marchetti", "Dubreuil"]


@dataclass
class Network:
    series: list[Series] = field(default_factory=list)
    sessions: list[Session] = field(default_factory=list)
    people: list[Person] = field(default_factory=list)
    registration_import: RegistrationImport | None = None


def _ascii(word: str) -> str:
    return unicodedata.normalize("NFKD", word).encode("ascii", "ignore").decode().lower()


def _zoom_time(day: dt.date, hour: int, minute: int) -> str:
    suffix = "PM" if hour >= 12 else "AM"
    return f"{day:%m/%d/%Y} {(hour - 1) % 12 + 1:02d}:{minute:02d}:00 {suffix}"


def build_network(rng: random.Random) -> Network:
    network = Network()
    organisations = [
        organisation_create(
            actor=None,
            name="Ville de Liège",
            kind="local_authority",
            country="BE",
            domains=["liege.example"],
            memberships=[MembershipPeriod(dt.date(2010, 1, 1))],
        ),
        organisation_create(
            actor=None,
            name="Stadt Essen",
            kind="local_authority",
            country="DE",
            domains=["essen.example"],
        ),
        organisation_create(
            actor=None,
            name="Generalitat de Catalunya",
            kind="regional_authority",
            country="ES",
            domains=["gencat.example"],
            memberships=[MembershipPeriod(dt.date(2012, 1, 1))],
        ),
        organisation_create(
            actor=None, name="Peace NGO", kind="ngo", country="FR", domains=["peace.example"]
        ),
        organisation_create(
            actor=None, name="Acme Security", kind="private", country="NL", domains=["acme.example"]
        ),
    ]
    domains = ["liege.example", "essen.example", "gencat.example", "peace.example", "acme.example"]
    for n, sessions in enumerate((3, 2)):
        series = f.series(slug=f"privacy-series-{n}")
        network.series.append(series)
        for k in range(sessions):
            network.sessions.append(f.session(series, days=10 + 3 * n + k))
    names = [f"{first} {last}" for first in FIRST for last in LAST]
    rng.shuffle(names)
    for n, name in enumerate(names):
        first, last = name.split()
        org = n % len(organisations)
        chosen = rng.sample(network.sessions, rng.randint(1, 3))
        by_series: dict[int, list[Session]] = {}
        for session in chosen:
            by_series.setdefault(session.series_id, []).append(session)
        for sessions in by_series.values():
            request = registration_request_create(
                series=sessions[0].series,
                sessions=sessions,
                registrant=RegistrantIn(
                    name=name,
                    email=f"{_ascii(first)}.{_ascii(last)}@{domains[org]}",
                    organisation=organisations[org].name if n % 7 else "Stadt Essen Ordnungsamt",
                    job_title="Prevention officer",
                    country=organisations[org].country,
                    language="fr" if n % 3 == 0 else "en",
                    consent_version="2026-11",
                    directory_opt_in=n % 4 == 0,
                    news_opt_in=n % 2 == 0,
                ),
            )
            if n % 9 != 8:
                registration_request_confirm(request=request)
        network.people.append(Person.objects.get(name=name))

    # Four sessions held and their reports committed; the fifth's waits in preview.
    for index, session in enumerate(network.sessions):
        day = dt.date(2020, 4, 14) + dt.timedelta(days=index)
        held(session, day)
        session.refresh_from_db()
        registrants = [
            p for p in network.people if p.registrations.filter(session=session).exists()
        ]
        attendees = rng.sample(registrants, max(1, len(registrants) * 2 // 3))
        rows = [
            (p.name, p.email, _zoom_time(day, 14, rng.randint(0, 5)), _zoom_time(day, 15, 20))
            for p in attendees
        ]
        rows.append(
            ("Guest Without Registration", "", _zoom_time(day, 14, 1), _zoom_time(day, 15, 0))
        )
        data = zoom_report(rows).encode()
        if index < len(network.sessions) - 1:
            commit(session, data, f"zoom-{index}.csv")
        else:
            attendance_import_start(
                actor=None,
                session=session,
                data=data,
                file_name=f"zoom-{index}.csv",
                options=ImportOptions(),
            )
    lines = ["name,email,organisation,country"] + [
        f"{p.name},{p.email},{p.organisation_text},{p.country}" for p in network.people[:6]
    ]
    network.registration_import = registration_import_stage(
        actor=None,
        series=network.series[1],
        file_name="registrations.csv",
        data=("\n".join(lines) + "\n").encode(),
    )
    return network


def report_json(network: Network) -> dict[str, object]:
    """The report JSON for every series and for the whole network, both ways of counting."""
    scopes = {"network": scope_get()} | {s.slug: scope_get(series=s.slug) for s in network.series}
    return {
        f"{name}/{represented}": report_as_json(
            report_figures(scope=scope, represented_by=represented, organisations=None)
        )
        for name, scope in scopes.items()
        for represented in ("registrants", "attendees")
    }
