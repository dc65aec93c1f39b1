"""The network platform of the privacy tests' network (``network.py``): practices, topic
proposals and supports, and minutes, made through the knowledge services as real use makes
them, for a few people whose names and emails the texts then carry.

Each person given becomes the contact of a practice whose summary and French partners text
name them (so the search index holds their name); each person with an organisation proposes a
topic in their own words and names; each member supports every proposal of the others they
may (at most the round's limit); the minutes of the first session name the first two people,
and a second save drops the first of them, so only a stored revision still holds that name.
The minutes are published: the session's registrants are mailed a notice.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from convene.core.models import User
from convene.directory.models import Person
from convene.directory.selectors import viewer_for
from convene.directory.services.accounts import person_email_verify, person_user_ensure
from convene.knowledge.models import Minutes, Practice, Proposal, ProposalSupport
from convene.knowledge.services import PracticeData, practice_create
from convene.knowledge.services.minutes import minutes_publish, minutes_save
from convene.knowledge.services.proposals import proposal_create, proposal_support, round_create
from convene.programme.models import Session


@dataclass
class Platform:
    practices: dict[int, Practice] = field(default_factory=dict)
    proposals: dict[int, Proposal] = field(default_factory=dict)
    supports: dict[int, list[ProposalSupport]] = field(default_factory=dict)
    minutes: Minutes | None = None


def _practice(person: Person, n: int) -> Practice:
    return practice_create(
        actor=None,
        data=PracticeData(
            title=f"Night mediation pilot {n}",
            summary=f"Mediators walk the centre at night. Ask {person.name} ({person.email}).",
            partners={
                "en": "The police and the youth services.",
                "fr": f"La police et les services jeunesse ; contact : {person.name}.",
            },
            organisations=[person.organisation] if person.organisation else [],
            contact=person,
            access="public",
        ),
    )


def build_platform(people: list[Person], session: Session) -> Platform:
    platform = Platform()
    today = timezone.localdate()
    round_obj = round_create(
        actor=None,
        title="Topics for the next series",
        opens_on=today - dt.timedelta(days=2),
        closes_on=today + dt.timedelta(days=20),
        supports_per_person=len(people),
    )
    users: dict[int, User] = {}
    for n, person in enumerate(people, start=1):
        person_email_verify(person=person)
        person.refresh_from_db()
        platform.practices[person.pk] = _practice(person, n)
        users[person.pk] = person_user_ensure(person=person)
        try:
            platform.proposals[person.pk] = proposal_create(
                actor=users[person.pk],
                round_obj=round_obj,
                title=f"Safer nights, as {person.name} saw them",
                rationale=f"{person.name} <{person.email}> ran a pilot worth discussing.",
            )
        except PermissionDenied:  # no organisation: neither member nor partner
            pass
    for person in people:
        user = users[person.pk]
        if not viewer_for(user).is_member:
            continue
        for author, proposal in platform.proposals.items():
            if author != person.pk:
                try:
                    support = proposal_support(actor=user, proposal=proposal)
                except ValidationError:  # pragma: no cover - the limit is the number of people
                    continue
                platform.supports.setdefault(person.pk, []).append(support)
    first, second = people[0], people[1]
    minutes_save(
        actor=None,
        session=session,
        body={"en": f"{first.name} ({first.email}) and {second.name} presented the pilot."},
    )
    minutes = minutes_save(
        actor=None,
        session=session,
        body={"en": f"Two cities presented the pilot; {second.name} answered questions."},
    )
    platform.minutes = minutes_publish(actor=None, minutes=minutes)
    return platform
