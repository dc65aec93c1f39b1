"""The network platform of the demo, loaded from ``content.json`` through the services staff
and members use: the members-only section tree that holds the 2020 series, the practice
records the article names (through ``knowledge.services.practices``), and the topic proposals
for the next series with their supports (through ``knowledge.services.proposals``, by member
users who signed in as anyone does: a verified email, an account, and the city's domain or a
staff approval of their link to it), and each 2020 session's minutes, published, in the
members section (through ``knowledge.services.minutes``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone

from convene.core.access import Access
from convene.core.models import User
from convene.demo.schedule import sessions
from convene.directory.models import Membership, Organisation, OrganisationKind, Person
from convene.directory.selectors import membership_on_q, viewer_for
from convene.directory.services.accounts import (
    person_email_verify,
    person_organisation_approve,
    person_user_ensure,
)
from convene.knowledge.models import Minutes, Practice
from convene.knowledge.models.proposals import Proposal, ProposalRound
from convene.knowledge.services.minutes import minutes_publish, minutes_save
from convene.knowledge.services.practices import PracticeData, practice_create
from convene.knowledge.services.proposals import proposal_create, proposal_support, round_create
from convene.programme.models import Series, Session, Topic
from convene.programme.services.planning import series_update
from convene.programme.services.topics import topic_create
from convene.resolution.normalise import fold
from convene.sections.models import Section
from convene.sections.services import section_create

SECTION_SLUGS = ("crisis-management", "covid-19-lockdown-2020")
SECTION_FR = ("Gestion de crise", "Confinement Covid-19 2020")
ROUND_TITLE = {
    "en": "Topics for the next series",
    "fr": "Les thèmes de la prochaine série",
}


@dataclass
class PlatformReport:
    section: str = ""
    practices: int = 0
    proposals: int = 0
    supports: int = 0
    member_users: int = 0
    minutes: int = 0
    notes: list[str] = field(default_factory=list)


def platform_load(*, actor: User, series: Series, content: dict[str, Any]) -> PlatformReport:
    """Sections, practices and proposals of ``content`` (the generator's ``content.json``)."""
    report = PlatformReport()
    section = section_tree(actor=actor, names=content["section"])
    series_update(actor=actor, series=series, section=section)
    report.section = section.slug
    report.practices = practices_load(actor=actor, practices=content["practices"])
    report.proposals, report.supports, report.member_users = proposals_load(
        actor=actor, proposals=content["proposals"]
    )
    report.minutes = minutes_load(actor=actor, minutes=content["minutes"], section=section)
    return report


def section_tree(*, actor: User, names: list[str]) -> Section:
    """The tree "Crisis management" (members) and, inside it, "Covid-19 lockdown 2020"
    (inheriting); returns the inner section."""
    parent: Section | None = None
    for depth, (name, name_fr, slug) in enumerate(
        zip(names, SECTION_FR, SECTION_SLUGS, strict=True)
    ):
        existing = Section.objects.filter(slug=slug).first()
        parent = existing or section_create(
            actor=actor,
            name={"en": name, "fr": name_fr},
            slug=slug,
            parent=parent,
            access=Access.MEMBERS if depth == 0 else Access.INHERIT,
            position=depth,
        )
    if parent is None:
        raise ValueError("content.json names no section")
    return parent


def city(name: str) -> Organisation | None:
    """The local authority of the city ``name``, as staff would find it by searching: the
    shortest name of a local authority containing it ("Ville de Bordeaux")."""
    key = fold(name)
    found = [
        o
        for o in Organisation.objects.filter(
            kind=OrganisationKind.LOCAL_AUTHORITY, name__icontains=name.split("-")[0]
        )
        if key in fold(o.name)
    ]
    return min(found, key=lambda o: len(o.name)) if found else None


def _topic(actor: User, session: Session) -> Topic:
    """The topic of a 2020 session (the end of its slug), created once in the taxonomy."""
    planned = {p.slug: p for p in sessions()}[session.slug]
    topic = Topic.objects.filter(slug=planned.topic).first()
    if topic is None:
        topic = topic_create(
            actor=actor,
            slug=planned.topic,
            name={
                "en": planned.title_en.split(": ", 1)[-1],
                "fr": planned.title_fr.split(" : ", 1)[-1],
            },
        )
    return topic


def _contact(organisation: Organisation) -> Person | None:
    """Someone of ``organisation`` who registered for the series, writing from its own domain
    when anyone does (a practice's contact is an official address, not a webmail one)."""
    people = Person.objects.filter(organisation=organisation).order_by("pk")
    domains = tuple(f"@{d}" for d in organisation.domains.values_list("domain", flat=True))
    official = [p for p in people if domains and p.email.lower().endswith(domains)]
    return official[0] if official else people.first()


def practices_load(*, actor: User, practices: list[dict[str, Any]]) -> int:
    """One practice a record: public, linked to its cities, session and topic; its contact a
    person of the first city (``_contact``)."""
    if Practice.objects.exists():
        return 0
    made = 0
    for record in practices:
        cities = [c for c in (city(name) for name in record["cities"]) if c is not None]
        session = Session.objects.get(slug=record["session"])
        contact = _contact(cities[0]) if cities else None
        practice_create(
            actor=actor,
            data=PracticeData(
                title=record["title"],
                summary=record["summary"],
                organisations=cities,
                country=cities[0].country if len(cities) == 1 else "",
                topics=[_topic(actor, session)],
                sessions=[session],
                contact=contact,
                started_on=dt.date(2020, 3, 16),
                ended_on=dt.date(2020, 6, 30),
                access=Access.PUBLIC,
            ),
        )
        made += 1
    return made


def member_user(*, actor: User, person: Person) -> User:
    """``person``'s account as the sign-in gives it (the link verifies the email), with staff
    approving their link to the organisation when the email is not on its domain."""
    person_email_verify(person=person)
    user = person_user_ensure(person=person)
    if not viewer_for(user).is_member and person.organisation_approved_at is None:
        person_organisation_approve(actor=actor, person=person)
    return user


def _member_users(*, actor: User, count: int) -> list[User]:
    """``count`` member users: people of member organisations, in the order they came."""
    members = Membership.objects.filter(membership_on_q(timezone.localdate())).values(
        "organisation_id"
    )
    people = Person.objects.filter(organisation_id__in=members).order_by("pk")[:count]
    users = [member_user(actor=actor, person=p) for p in people]
    return [u for u in users if viewer_for(u).is_member]


def proposals_load(*, actor: User, proposals: list[dict[str, Any]]) -> tuple[int, int, int]:
    """A round open today for four weeks; each proposal made by a member user and supported by
    as many member users as ``supports`` says. Returns (proposals, supports, member users)."""
    if ProposalRound.objects.exists():
        return 0, 0, 0
    today = timezone.localdate()
    round_obj = round_create(
        actor=actor,
        title=ROUND_TITLE,
        opens_on=today - dt.timedelta(days=7),
        closes_on=today + dt.timedelta(days=21),
        supports_per_person=max(len(proposals), 1),
    )
    needed = max((p["supports"] for p in proposals), default=0) + len(proposals)
    users = _member_users(actor=actor, count=needed)
    supports = 0
    for index, record in enumerate(proposals):
        proposer = users[index % len(users)]
        proposal: Proposal = proposal_create(
            actor=proposer,
            round_obj=round_obj,
            title={"en": record["title"]},
            rationale={
                "en": "Several cities asked the secretariat for this topic after the 2020 "
                "webconferences; a session would let them compare what they do."
            },
        )
        for supporter in users[len(proposals) :][: record["supports"]]:
            proposal_support(actor=supporter, proposal=proposal)
            supports += 1
    return len(proposals), supports, len(users)


def minutes_load(*, actor: User, minutes: list[dict[str, Any]], section: Section) -> int:
    """Each session's minutes, saved and published through the minutes service. They inherit
    their access from the session's series, which sits in ``section`` (members only). The
    first publication mails each session's confirmed registrants (to the outbox)."""
    if Minutes.objects.filter(session__series__section=section).exists():
        return 0
    made = 0
    for record in minutes:
        session = Session.objects.get(slug=record["session"])
        saved = minutes_save(
            actor=actor, session=session, body={record["language"]: record["text"]}
        )
        minutes_publish(actor=actor, minutes=saved)
        made += 1
    return made
