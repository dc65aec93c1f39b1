"""The report runs a fixed number of queries, however many rows there are."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from convene.directory.models import Membership
from convene.directory.services import MembershipPeriod, organisation_create, person_create
from convene.reports.scope import scope_get
from convene.reports.selectors import report_figures
from tests.reports.conftest import attend, day, make_session, register

pytestmark = pytest.mark.django_db

SCOPES = [{"series": "lockdown"}, {"section": "urban-security"}, {"start": day(11)}, {}]
#: the time zones, the sessions, the registrants (grouped by what they count as), the audience,
#: the topics (+ the section tree).
EXPECTED = {"series": 5, "section": 6, "period": 5, "network": 5}
#: With the switch, the people of the audience are grouped too.
SWITCH = {"registrants": 0, "attendees": 1}


def count_queries(scope: dict, represented_by: str) -> int:
    the_scope = scope_get(**scope)
    with CaptureQueriesContext(connection) as context:
        report_figures(scope=the_scope, represented_by=represented_by)
    return len(context.captured_queries)


def grow(world, n: int) -> None:
    """More of everything: organisations with parents and memberships, people, registrations,
    attendance, a session in another time zone."""
    lockdown = world.series["lockdown"]
    extra = make_session(
        world,
        lockdown,
        f"s-extra-{n}",
        12,
        timezone="America/New_York",
        topics=[world.topics["polarisation"]],
    )
    for i in range(n):
        city = organisation_create(
            actor=None,
            name=f"City {n}-{i}",
            kind="local_authority" if i % 2 else "ngo",
            country="IT",
            memberships=[MembershipPeriod(dt.date(2000, 1, 1), day(i))],
        )
        Membership.objects.create(organisation=city, member_from=day(20 + i))
        department = organisation_create(
            actor=None, name=f"Dept {n}-{i}", kind="public_body", country="IT", parent=city
        )
        person = person_create(
            actor=None, email=f"grow{n}-{i}@it.example", name=f"P {i}", organisation=department
        )
        register(person, world.sessions["s1"], world.sessions["s3"], extra)
        attend(world.sessions["s1"], person)
        attend(extra, None, key=f"email:anon{n}-{i}@x.example")


@pytest.mark.parametrize("represented_by", ["registrants", "attendees"])
def test_the_number_of_queries_does_not_grow_with_rows(world, represented_by):
    before = {str(scope): count_queries(scope, represented_by) for scope in SCOPES}
    for scope in SCOPES:
        assert before[str(scope)] == EXPECTED[scope_get(**scope).kind] + SWITCH[represented_by]
    grow(world, 6)
    after = {str(scope): count_queries(scope, represented_by) for scope in SCOPES}
    assert after == before
    # And the rows were really there to count.
    assert report_figures(scope=scope_get(series="lockdown")).registrants == 8 + 6


def test_the_api_runs_a_fixed_number_of_queries(api_client, world):
    def queries() -> int:
        with CaptureQueriesContext(connection) as context:
            response = api_client.get("/api/reports", {"series": "lockdown"})
        assert response.status_code == 200
        return len(context.captured_queries)

    queries()  # the token's first use is written once (last_used_at)
    before = queries()
    assert before == 2 + 5  # the token, the series, then the figures
    grow(world, 4)
    assert queries() == before
