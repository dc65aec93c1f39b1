"""Builders for the topic-proposal tests: people who sign in, rounds and proposals, made through
the services (people as member sign-in makes them: ``directory.services.accounts``)."""

from __future__ import annotations

import datetime as dt
import itertools

from django.utils import timezone

from convene.core.models import User
from convene.directory.models import Organisation, Person
from convene.directory.services import organisation_create, person_create
from convene.directory.services.accounts import person_email_verify, person_user_ensure
from convene.knowledge.models import Proposal, ProposalRound
from convene.knowledge.services import proposals as services
from tests import factories as f

_n = itertools.count(1)


def member_city(name: str = "Ville de Liège", domain: str = "liege.example") -> Organisation:
    return Organisation.objects.filter(name=name).first() or f.member_city(name, domain)


def partner_ngo(name: str = "Efus Research Lab", domain: str = "lab.example") -> Organisation:
    found = Organisation.objects.filter(name=name).first()
    return found or organisation_create(
        actor=None, name=name, kind="research", country="FR", domains=[domain]
    )


def person_user(
    *, organisation: Organisation | None, verified: bool = True, name: str = ""
) -> tuple[User, Person]:
    """A signed-in person: a user account linked to a directory person, their email verified
    (as a sign-in link does) unless ``verified`` is false."""
    n = next(_n)
    domain = organisation.domains.first().domain if organisation is not None else "mail.example"  # type: ignore[union-attr]
    email = f"person{n}@{domain}"
    person = person_create(
        actor=None, email=email, name=name or f"Person {n}", organisation=organisation
    )
    if verified:
        person_email_verify(person=person)
    return person_user_ensure(person=person), person


def member(**kw: object) -> tuple[User, Person]:
    return person_user(organisation=member_city(), **kw)  # type: ignore[arg-type]


def partner(**kw: object) -> tuple[User, Person]:
    return person_user(organisation=partner_ngo(), **kw)  # type: ignore[arg-type]


def open_round(*, supports: int = 3, days_left: int = 10, **kw: object) -> ProposalRound:
    today = timezone.localdate()
    values: dict = {
        "title": {"en": "Topics for 2027", "fr": "Thèmes pour 2027"},
        "opens_on": today - dt.timedelta(days=3),
        "closes_on": today + dt.timedelta(days=days_left),
        "supports_per_person": supports,
    }
    values.update(kw)
    return services.round_create(actor=None, **values)


def past_round(**kw: object) -> ProposalRound:
    today = timezone.localdate()
    values: dict = {
        "title": "Topics for 2026",
        "opens_on": today - dt.timedelta(days=60),
        "closes_on": today - dt.timedelta(days=30),
    }
    values.update(kw)
    return services.round_create(actor=None, **values)


def proposal(
    round_obj: ProposalRound, by: User | None = None, title: str = "", **kw: object
) -> Proposal:
    n = next(_n)
    return services.proposal_create(
        actor=by or member()[0],
        round_obj=round_obj,
        title={"en": title or f"Shelters for victims of domestic violence {n}"},
        rationale={"en": "Several cities opened shelters during the lockdown."},
        **kw,  # type: ignore[arg-type]
    )
