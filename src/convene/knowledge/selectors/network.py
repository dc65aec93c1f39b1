"""City pages and Find peers: who in the network works on what. People are shown only to
member users and staff, and only those who opted in to the participant directory
(``Person.listed_in_directory``), whose email is verified and whose organisation (or its
parent) is a member today."""

from __future__ import annotations

import dataclasses
import datetime as dt

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from convene.core.access import Viewer
from convene.directory.models import Membership, Organisation, OrganisationKind, Person
from convene.directory.selectors import membership_on_q
from convene.knowledge.models import Practice
from convene.knowledge.selectors.practices import (
    PracticeFilters,
    practice_search,
    sessions_visible,
)
from convene.programme.models import Session

#: Find peers lists the cities of at most this many practices, the best matches first.
PEER_PRACTICES_LIMIT = 50


def may_see_people(viewer: Viewer) -> bool:
    return viewer.is_member or viewer.is_staff


def peers_listed(*, on: dt.date | None = None) -> QuerySet[Person]:
    """People who opted in to the participant directory, verified, of a member organisation."""
    on = on or timezone.localdate()
    member = Membership.objects.filter(membership_on_q(on)).filter(
        Q(organisation_id=OuterRef("organisation_id"))
        | Q(organisation_id=OuterRef("organisation__parent_id"))
    )
    return (
        Person.objects.filter(listed_in_directory=True, email_verified_at__isnull=False)
        .filter(Exists(member))
        .order_by("name", "pk")
    )


@dataclasses.dataclass
class CityPage:
    city: Organisation
    practices: list[Practice]
    sessions: list[Session]
    #: None when the viewer may not see people (not a member user, not staff).
    people: list[Person] | None


def city_page(*, viewer: Viewer, pk: int) -> CityPage:
    """A local authority's page: its practices the viewer may see, the public sessions where
    its people spoke or its practices were presented, and its listed people (members only).
    Http404 for anything that is not a local authority."""
    city = Organisation.objects.filter(pk=pk, kind=OrganisationKind.LOCAL_AUTHORITY).first()
    if city is None:
        raise Http404
    practices = list(practice_search(viewer=viewer, filters=PracticeFilters(city=city.pk)))
    sessions = list(
        sessions_visible(viewer)
        .filter(Q(speakers__person__organisation=city) | Q(practices__in=[p.pk for p in practices]))
        .distinct()
        .order_by("-starts_at", "pk")
    )
    people = list(peers_listed().filter(organisation=city)) if may_see_people(viewer) else None
    return CityPage(city=city, practices=practices, sessions=sessions, people=people)


@dataclasses.dataclass
class PeerCity:
    organisation: Organisation
    practices: list[Practice]
    sessions: list[Session]
    people: list[Person] | None


def peers_find(*, viewer: Viewer, topic: str = "", problem: str = "") -> list[PeerCity]:
    """For a topic (a slug) or a problem in words: the cities of the matching practices and of
    the speakers of sessions on the topic, each with its listed people (members only), its
    matching practices and those sessions. Best-matching cities first. Seven queries."""
    if not topic and not problem.strip():
        return []
    practices = list(
        practice_search(viewer=viewer, query=problem, filters=PracticeFilters(topic=topic))[
            :PEER_PRACTICES_LIMIT
        ]
    )
    session_q = Q(practices__in=[p.pk for p in practices])
    if topic:
        session_q |= Q(topics__slug=topic, speakers__person__organisation__isnull=False)
    sessions = list(
        sessions_visible(viewer)
        .filter(session_q)
        .prefetch_related(
            Prefetch("speakers__person", queryset=Person.objects.only("pk", "organisation_id")),
            Prefetch("practices", queryset=Practice.objects.only("pk")),
        )
        .distinct()
        .order_by("-starts_at", "pk")
    )
    order: dict[int, int] = {}
    for practice in practices:
        for org in practice.organisations.all():
            order.setdefault(org.pk, len(order))
    for session in sessions:
        for speaker in session.speakers.all():
            if speaker.person.organisation_id is not None:
                order.setdefault(speaker.person.organisation_id, len(order))
    queryset = Organisation.objects.filter(pk__in=order)
    if may_see_people(viewer):
        queryset = queryset.prefetch_related(
            Prefetch("people", queryset=peers_listed(), to_attr="listed")
        )
    cities = []
    for org in sorted(queryset, key=lambda o: order[o.pk]):
        org_practices = [p for p in practices if org in p.organisations.all()]
        presented = {p.pk for p in org_practices}
        org_sessions = [
            s
            for s in sessions
            if any(sp.person.organisation_id == org.pk for sp in s.speakers.all())
            or any(p.pk in presented for p in s.practices.all())
        ]
        people = getattr(org, "listed", None) if may_see_people(viewer) else None
        cities.append(PeerCity(org, org_practices, org_sessions, people))
    return cities
