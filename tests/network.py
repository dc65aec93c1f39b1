"""The network used by the permission matrix and the access tests (fixture ``network``, in
tests/knowledge/conftest.py and tests/sections/conftest.py): one person per role, and a
section tree with one section per access mode.

Other apps' rows in the matrix (minutes, documents, practices, proposals) put their objects in
``network.sections[...]`` and sign in with ``network.client(role)``. Roles:

========== ===========================================================================
role       who
========== ===========================================================================
anonymous  nobody signed in
outsider   a registered non-member: verified email, an NGO that is not a member
other      a member user of another member organisation (Essen)
unverified a person of a member organisation (Liège) whose email is not verified
member     a member user (Liège, email on Liège's domain, verified)
former     a person of an organisation whose membership ended yesterday (Rotterdam)
extra      a non-member (a research centre) on the extra list of the members section
staff      programme staff
========== ===========================================================================

Sections: ``public``; ``members`` (extra list: the ``extra`` person); ``inheriting``, below
``members``, with no mode of its own; ``staff``.

Sessions (published, next week), one series per section: ``public``, ``members``,
``inheriting`` and ``staff`` follow their section; ``stricter`` (own access ``members``) and
``staff-own`` (own access ``staff``) sit in the public section.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest
from django.db import transaction
from django.test import Client
from django.utils import timezone

from convene.core.access import Access, Viewer
from convene.core.models import User
from convene.core.services import staff_create
from convene.directory.models import Organisation, Person
from convene.directory.selectors import viewer_for
from convene.directory.services import MembershipPeriod, organisation_create, person_create
from convene.directory.services.accounts import person_email_verify, person_user_ensure
from convene.programme.models import Series, Session
from convene.programme.services import series_create, session_create
from convene.sections.models import Section
from convene.sections.services import section_create

ROLES = ["anonymous", "outsider", "other", "unverified", "member", "former", "extra", "staff"]
SECTIONS = ["public", "members", "inheriting", "staff"]

LONG_AGO = dt.date(2010, 1, 1)


@dataclasses.dataclass
class Network:
    organisations: dict[str, Organisation] = dataclasses.field(default_factory=dict)
    people: dict[str, Person] = dataclasses.field(default_factory=dict)
    users: dict[str, User] = dataclasses.field(default_factory=dict)
    sections: dict[str, Section] = dataclasses.field(default_factory=dict)
    sessions: dict[str, Session] = dataclasses.field(default_factory=dict)

    def client(self, role: str) -> Client:
        """A browser signed in as ``role`` (not signed in for ``anonymous``)."""
        client = Client()
        if role != "anonymous":
            client.force_login(self.users[role])
        return client

    def viewer(self, role: str) -> Viewer:
        return viewer_for(self.users.get(role))


def _organisation(
    name: str, *, kind: str, country: str, domain: str, member: bool, ended: bool = False
) -> Organisation:
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    periods = []
    if member:
        periods = [MembershipPeriod(LONG_AGO, yesterday if ended else None)]
    return organisation_create(
        actor=None, name=name, kind=kind, country=country, domains=[domain], memberships=periods
    )


def _person(
    network: Network, role: str, *, email: str, organisation: Organisation, verified: bool = True
) -> Person:
    person = person_create(
        actor=None, email=email, name=role.title() + " Person", organisation=organisation
    )
    if verified:
        person_email_verify(person=person)
    network.people[role] = person
    network.users[role] = person_user_ensure(person=person)
    return person


def build_network() -> Network:
    n = Network()
    n.organisations["liege"] = _organisation(
        "Ville de Liège", kind="local_authority", country="BE", domain="liege.example", member=True
    )
    n.organisations["essen"] = _organisation(
        "Stadt Essen", kind="local_authority", country="DE", domain="essen.example", member=True
    )
    n.organisations["rotterdam"] = _organisation(
        "Gemeente Rotterdam",
        kind="local_authority",
        country="NL",
        domain="rotterdam.example",
        member=True,
        ended=True,
    )
    n.organisations["ngo"] = _organisation(
        "Safe Streets", kind="ngo", country="FR", domain="ngo.example", member=False
    )
    n.organisations["lab"] = _organisation(
        "Urban Lab", kind="research", country="ES", domain="lab.example", member=False
    )
    _person(n, "outsider", email="outsider@ngo.example", organisation=n.organisations["ngo"])
    _person(n, "other", email="other@essen.example", organisation=n.organisations["essen"])
    _person(
        n,
        "unverified",
        email="unverified@liege.example",
        organisation=n.organisations["liege"],
        verified=False,
    )
    _person(n, "member", email="member@liege.example", organisation=n.organisations["liege"])
    _person(
        n, "former", email="former@rotterdam.example", organisation=n.organisations["rotterdam"]
    )
    _person(n, "extra", email="extra@lab.example", organisation=n.organisations["lab"])
    n.users["staff"], _pw = staff_create(
        actor=None, email="staff@network.example", password="pw-1234"
    )
    n.sections["public"] = section_create(
        actor=None,
        name={"en": "Urban security", "fr": "Sécurité urbaine"},
        slug="urban-security",
        access=Access.PUBLIC,
    )
    n.sections["members"] = section_create(
        actor=None,
        name={"en": "Crisis management", "fr": "Gestion de crise"},
        slug="crisis-management",
        access=Access.MEMBERS,
        extra_people=[n.people["extra"]],
    )
    n.sections["inheriting"] = section_create(
        actor=None,
        name={"en": "Covid-19 lockdown 2020", "fr": "Confinement Covid-19 2020"},
        slug="covid-19-lockdown-2020",
        parent=n.sections["members"],
    )
    n.sections["staff"] = section_create(
        actor=None, name={"en": "Board", "fr": "Bureau"}, slug="board", access=Access.STAFF
    )
    starts = timezone.now() + dt.timedelta(days=7)
    for name, section in n.sections.items():
        series = series_create(
            actor=None, slug=f"series-{section.slug}", title=f"Series of {name}", section=section
        )
        n.sessions[name] = _session(series, f"{name}-session", starts)
    public_series = n.sessions["public"].series
    n.sessions["stricter"] = _session(public_series, "stricter-session", starts, Access.MEMBERS)
    n.sessions["staff-own"] = _session(public_series, "staff-own-session", starts, Access.STAFF)
    return n


def _session(
    series: Series, slug: str, starts: dt.datetime, access: str = Access.INHERIT
) -> Session:
    return session_create(
        actor=None,
        series=series,
        slug=slug,
        title=slug.replace("-", " ").capitalize(),
        starts_at=starts,
        ends_at=starts + dt.timedelta(hours=1),
        status="published",
        access=access,
    )


@pytest.fixture
def network(db: None) -> Network:
    """The roles and the section tree (see the module's docstring)."""
    return build_network()


@pytest.fixture(scope="module")
def matrix_network(django_db_setup: None, django_db_blocker: Any) -> Iterator[Network]:
    """The same network, built once for a whole module and rolled back at its end (each test
    that also asks for ``db`` runs in a savepoint inside it): for large parametrized tables."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield build_network()
        transaction.set_rollback(True)
