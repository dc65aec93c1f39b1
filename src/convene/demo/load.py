"""Loading the demo through the pipelines staff use: the member list through the directory
import, the 2020 registrations through the registration import (organisations resolved by
the engine), each session's attendance export through the attendance import, the review
queue settled through the staff review service, the section tree, practices and topic
proposals through their services (``convene.demo.platform``), and an upcoming series open
for registration through the registration service (its mails go to the outbox). Nothing here
writes a figure.

``truth.json`` stands in for what staff know when they settle the review queue: which
organisation someone who typed "Ajuntament BCN" works for. It is read for nothing else.
"""

from __future__ import annotations

import datetime as dt
import json
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from convene.attendance.models import OrganiserDomain
from convene.attendance.services.import_types import ImportOptions
from convene.attendance.services.imports import attendance_import_file
from convene.attendance.services.undo import organiser_domain_add
from convene.core.models import User
from convene.demo.platform import PlatformReport, platform_load
from convene.demo.schedule import SERIES_SLUG, SERIES_TITLE, ZONE, sessions
from convene.directory.models import Organisation, OrganisationAlias, Person, ResolutionStatus
from convene.directory.selectors import review_groups
from convene.directory.services.member_import import member_list_import
from convene.directory.services.organisations import review_decide_new
from convene.directory.services.resolve import review_decide
from convene.programme.models import Series, Session, SessionStatus
from convene.programme.services.base import series_create, session_create
from convene.registrations.services.imports import registrations_import
from convene.registrations.services.requests import RegistrantIn, registration_request_create
from convene.registrations.services.staff import STAFF_CONSENT_PREFIX
from convene.resolution.normalise import fold

Progress = Callable[[str], None]


@dataclass
class LoadReport:
    members: dict[str, int] = field(default_factory=dict)
    registrations: dict[str, int] = field(default_factory=dict)
    attendance: dict[str, dict[str, Any]] = field(default_factory=dict)
    #: Review groups staff settled, and how: (typed text, people, decision).
    decisions: list[tuple[str, int, str]] = field(default_factory=list)
    upcoming: str = ""
    platform: PlatformReport = field(default_factory=PlatformReport)
    seconds: dict[str, float] = field(default_factory=dict)
    #: The CPU time of each step (its wall time also counts whatever else the machine runs).
    cpu_seconds: dict[str, float] = field(default_factory=dict)


def _quiet(_message: str) -> None:
    return None


def load(*, directory: Path, actor: User, progress: Progress = _quiet) -> LoadReport:
    """Load the files ``convene.demo.generate`` wrote into ``directory``."""
    truth = json.loads((directory / "truth.json").read_text(encoding="utf-8"))
    report = LoadReport()
    clock, cpu = time.monotonic(), time.process_time()

    def step(name: str) -> None:
        nonlocal clock, cpu
        now, cpu_now = time.monotonic(), time.process_time()
        report.seconds[name] = round(now - clock, 2)
        report.cpu_seconds[name] = round(cpu_now - cpu, 2)
        clock, cpu = now, cpu_now

    progress("member list")
    if not OrganiserDomain.objects.filter(domain=truth["organiser_domain"]).exists():
        organiser_domain_add(actor=actor, domain=truth["organiser_domain"])
    _plan, report.members = member_list_import(
        actor=actor, file_name="members.csv", data=(directory / "members.csv").read_bytes()
    )
    step("members")
    progress("2020 series")
    series = _series_2020(actor)
    progress("2020 registrations")
    _plan2, report.registrations = registrations_import(
        actor=actor,
        series=series,
        file_name="registrations-2020.csv",
        data=(directory / "registrations-2020.csv").read_bytes(),
    )
    step("registrations")
    progress("review queue")
    report.decisions = settle_review(actor=actor, truth=truth)
    step("review")
    by_number = {s.slug.split("-")[1]: s for s in Session.objects.filter(series=series)}
    files = sorted((directory / "attendance").iterdir())
    for index, path in enumerate(files, start=1):
        progress(f"attendance {index}/{len(files)}")
        session = by_number[path.name[:2]]
        outcome = attendance_import_file(
            actor=actor,
            session=session,
            data=path.read_bytes(),
            file_name=path.name,
            options=ImportOptions(),
        )
        report.attendance[session.slug] = dict(outcome.attendance_import.counts or {})
    step("attendance")
    progress("sections, minutes, practices")
    report.platform = platform_load(
        actor=actor,
        series=series,
        content=json.loads((directory / "content.json").read_text(encoding="utf-8")),
    )
    step("platform")
    progress("upcoming series")
    report.upcoming = upcoming_series(actor=actor).slug
    step("upcoming")
    return report


def _series_2020(actor: User) -> Series:
    series = Series.objects.filter(slug=SERIES_SLUG).first()
    if series is not None:
        return series
    with transaction.atomic():
        series = series_create(
            actor=actor, slug=SERIES_SLUG, title=SERIES_TITLE, languages=["en", "fr"]
        )
        for planned in sessions():
            session_create(
                actor=actor,
                series=series,
                slug=planned.slug,
                title={"en": planned.title_en, "fr": planned.title_fr},
                starts_at=planned.starts_at,
                ends_at=planned.ends_at,
                status=SessionStatus.PUBLISHED,
                languages=["en", "fr"],
                video_platform="zoom",
            )
    return series


def _find_organisation(org: dict[str, Any]) -> Organisation | None:
    """The organisation staff would find by searching the directory for its name."""
    key = fold(org["name"])
    for candidate in Organisation.objects.filter(country=org["country"]):
        if fold(candidate.name) == key:
            return candidate
    alias = (
        OrganisationAlias.objects.filter(organisation__country=org["country"])
        .select_related("organisation")
        .filter(name__iexact=org["name"])
        .first()
    )
    return alias.organisation if alias else None


def settle_review(*, actor: User, truth: dict[str, Any]) -> list[tuple[str, int, str]]:
    """Settle every group waiting for review as staff would, one decision a group: the
    organisation the person works for (created when the directory lacks it), or none."""
    people = {p["email"].lower(): p for p in truth["people"]}
    organisations = {o["key"]: o for o in truth["organisations"]}
    decisions: list[tuple[str, int, str]] = []
    while True:
        groups = review_groups()
        if not groups:
            return decisions
        person, size = groups[0]
        known = people.get(person.email.lower())
        org = organisations.get(known["organisation"]) if known and known["organisation"] else None
        if org is None:
            settled = review_decide(actor=actor, person=person, organisation=None)
            decisions.append((person.organisation_text, settled, "no organisation"))
            continue
        found = _find_organisation(org)
        if found is not None:
            settled = review_decide(actor=actor, person=person, organisation=found)
            decisions.append((person.organisation_text, settled, f"existing: {found.name}"))
        else:
            settled = review_decide_new(
                actor=actor,
                person=person,
                name=org["name"],
                kind=org["kind"],
                country=org["country"],
            )
            decisions.append((person.organisation_text, settled, f"new: {org['name']}"))


UPCOMING_SLUG = "public-spaces-2027"


def upcoming_series(*, actor: User, today: dt.date | None = None) -> Series:
    """A series open for registration, its first session three weeks after ``today``."""
    existing = Series.objects.filter(slug=UPCOMING_SLUG).first()
    if existing is not None:
        return existing
    today = today or timezone.localdate()
    first = today + dt.timedelta(days=21)
    first += dt.timedelta(days=(1 - first.weekday()) % 7)  # a Tuesday
    topics = (
        (
            "night-time-economy",
            "The night-time economy after the reopening",
            "L'économie de la nuit après la réouverture",
        ),
        ("drug-markets", "Drug markets in the streets", "Les marchés de la drogue dans la rue"),
        (
            "harassment-of-officials",
            "Cyber-harassment of local elected officials",
            "Le cyberharcèlement des élus locaux",
        ),
    )
    with transaction.atomic():
        series = series_create(
            actor=actor,
            slug=UPCOMING_SLUG,
            title={
                "en": "Safer public spaces: webconferences",
                "fr": "Des espaces publics plus sûrs : webconférences",
            },
            languages=["en", "fr"],
        )
        made = []
        for index, (slug, en, fr) in enumerate(topics):
            day = first + dt.timedelta(days=7 * index)
            starts = dt.datetime.combine(day, dt.time(14, 0), tzinfo=ZONE)
            made.append(
                session_create(
                    actor=actor,
                    series=series,
                    slug=slug,
                    title={"en": en, "fr": fr},
                    starts_at=starts,
                    ends_at=starts + dt.timedelta(hours=1),
                    capacity=100,
                    status=SessionStatus.PUBLISHED,
                    languages=["en", "fr"],
                    video_platform="zoom",
                    join_url=f"https://meet.example/{slug}",
                )
            )
    consent = f"{STAFF_CONSENT_PREFIX}{settings.PRIVACY_NOTICE_VERSION}"
    for name, email, organisation, country in (
        ("Marie Dupont", "marie.dupont@bordeaux.example", "Ville de Bordeaux", "FR"),
        ("Hans Becker", "h.becker@essen.example", "Stadt Essen", "DE"),
        ("Lotte Peeters", "lotte.peeters@mechelen.example", "Stad Mechelen", "BE"),
    ):
        registration_request_create(
            series=series,
            sessions=made[:2],
            registrant=RegistrantIn(
                name=name,
                email=email,
                organisation=organisation,
                country=country,
                consent_version=consent,
            ),
            actor=actor,
        )
    return series


def review_left() -> list[dict[str, Any]]:
    """Whoever is still waiting for review, with the engine's explanation."""
    return [
        {"text": p.organisation_text, "email": p.email, "why": p.resolution_explanation}
        for p in Person.objects.filter(resolution_status=ResolutionStatus.REVIEW)
    ]
