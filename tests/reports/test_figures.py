"""Every figure of the report, against the network of conftest.py counted by hand."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils import translation

from convene.attendance.models import Attendance
from convene.directory.models import Membership
from convene.directory.services import MembershipPeriod, organisation_create, person_create
from convene.programme.services import series_create, session_create
from convene.reports.scope import Scope, scope_get
from convene.reports.selectors import report_figures
from convene.reports.serialise import report_as_json
from tests.reports.conftest import BASE, attend, day, register

pytestmark = pytest.mark.django_db

NO_INSTITUTION = {"public_body": 0, "research": 0, "ngo": 0, "private": 0, "other": 0}

#: The lockdown series, counted on paper from the table in conftest.py.
LOCKDOWN = {
    "scope": {"kind": "series", "series": "lockdown", "section": None, "from": None, "until": None},
    "sessions": 5,  # s6 is a draft
    # Anne, Bruno, Clara, Dora, Fatima, Gert, Ines, Jon (Emil cancelled, Kai lapsed)
    "registrants": 8,
    "registrations": 12,  # Anne 5 + seven people with one each
    # Anne, Bruno, the unmatched guest, Hugo (never registered), Dora, Jon, Fatima
    "attendees": 7,
    "audience": {
        "per_session": [
            {"session": "s1", "attendees": 3},
            {"session": "s2", "attendees": 1},
            {"session": "s3", "attendees": 3},
            {"session": "s4", "attendees": 2},
        ],
        "mean": 2.25,
        "median": 2.5,
        "min": 1,
        "max": 3,
    },
    "local_authorities": {
        "represented": 4,  # Liège (Anne and Bruno's department), Essen, Barcelona, Catalonia
        "members": 2,  # Liège, Catalonia; Essen joined after, Barcelona left before
        "by_kind": {"local_authority": 3, "regional_authority": 1},
        "members_by_kind": {"local_authority": 1, "regional_authority": 1},
    },
    "institutions": {
        "total": 2,  # Peace NGO, Acme (the police department counts as Liège)
        "members": 0,
        "by_kind": {**NO_INSTITUTION, "ngo": 1, "private": 1},
        "members_by_kind": NO_INSTITUTION,
    },
    "countries": 5,  # BE, DE (Essen, not Clara's NL), ES, FR, NL
    "pending_review": 1,  # Ines's "Ville de Mons" (Lea is not in this series)
    "represented_by": "registrants",
    "by_country": {"BE": 3, "ES": 2, "DE": 1, "FR": 1, "NL": 1},
    "participants": {"new": 7, "returning": 1},  # Jon registered for the earlier series
    "member_registrants": 3,  # Anne, Bruno, Dora
    "members_share": 0.375,
    "languages": {"en": 5, "fr": 3},
    "topics": [
        {"topic": "polarisation", "registrations": 5},  # s1 2 + s2 3
        {"topic": "crisis-management", "registrations": 3},
        {"topic": "public-spaces", "registrations": 2},
    ],
}


def figures(world, represented_by="registrants", **scope):
    return report_as_json(report_figures(scope=scope_get(**scope), represented_by=represented_by))


def test_the_lockdown_series_counted_on_paper(world):
    assert figures(world, series="lockdown") == LOCKDOWN


def test_attendees_make_organisations_represented_when_switched(world):
    got = figures(world, "attendees", series="lockdown")
    expected = {
        **LOCKDOWN,
        "represented_by": "attendees",
        "local_authorities": {
            "represented": 3,  # Liège, Barcelona (Jon), Catalonia (Dora); Essen did not attend
            "members": 2,
            "by_kind": {"local_authority": 2, "regional_authority": 1},
            "members_by_kind": {"local_authority": 1, "regional_authority": 1},
        },
        "institutions": {
            "total": 2,  # the Ministry (Hugo, who never registered) and Peace NGO
            "members": 0,
            "by_kind": {**NO_INSTITUTION, "public_body": 1, "ngo": 1},
            "members_by_kind": NO_INSTITUTION,
        },
        "countries": 3,
        "by_country": {"BE": 2, "ES": 2, "FR": 2},  # the unmatched guest has no country
        "pending_review": 0,
    }
    assert got == expected


def test_a_person_registered_for_five_sessions_counts_once(world):
    assert world.people["anne"].registrations.filter(status="confirmed").count() == 5
    got = figures(world, series="lockdown")
    assert (got["registrants"], got["registrations"]) == (8, 12)
    Attendance.objects.filter(person=world.people["anne"]).delete()
    register(world.people["anne"], world.sessions["l1"])  # a sixth, outside the series
    assert figures(world, series="lockdown")["registrants"] == 8


def test_a_cancelled_registration_does_not_count(world):
    # Emil's only registrations were cancelled: not a registrant, ULiège not represented.
    got = figures(world, series="lockdown")
    assert got["institutions"]["by_kind"]["research"] == 0
    register(world.people["emil"], world.sessions["s1"])  # registering again counts
    got = figures(world, series="lockdown")
    assert (got["registrants"], got["registrations"]) == (9, 13)
    assert got["institutions"]["by_kind"]["research"] == 1


def test_a_member_is_a_member_on_the_date_of_the_session(world):
    # Essen joins on day 60, after the series: not a member in the series' report.
    assert figures(world, series="lockdown")["local_authorities"]["members"] == 2
    # Barcelona's membership ended on day 5: a member for e1 (day 0), not for the lockdown.
    assert figures(world, series="earlier")["local_authorities"]["members"] == 1
    # A membership that covers only s3's day makes Essen count if its registrant came then.
    Membership.objects.filter(organisation=world.organisations["essen"]).delete()
    Membership.objects.create(
        organisation=world.organisations["essen"], member_from=day(11), member_until=day(11)
    )
    assert figures(world, series="lockdown")["local_authorities"]["members"] == 3  # Clara: s2


def test_two_people_from_the_same_city_count_once(world):
    got = figures(world, series="lockdown")
    # Anne (Liège) and Bruno (a department of Liège) make one local authority.
    assert got["local_authorities"]["by_kind"]["local_authority"] == 3
    assert got["by_country"]["BE"] == 3  # but three people from Belgium


def test_a_regional_authority_is_listed_under_its_own_kind(world):
    got = figures(world, series="lockdown")["local_authorities"]
    assert got["by_kind"]["regional_authority"] == 1
    assert got["represented"] == sum(got["by_kind"].values())


def test_an_attendee_who_never_registered_counts_as_an_attendee(world):
    hugo = world.people["hugo"]
    assert not hugo.registrations.exists()
    assert figures(world, series="lockdown")["attendees"] == 7
    Attendance.objects.filter(person=hugo).delete()
    assert figures(world, series="lockdown")["attendees"] == 6


def test_the_whole_network(world):
    got = figures(world)
    assert got["scope"]["kind"] == "network"
    assert got["sessions"] == 7  # e1, s1–s5, l1
    assert (got["registrants"], got["registrations"]) == (9, 15)  # + Lea; + e1 Jon, l1 ×2
    # Nobody registered before the network's first session.
    assert got["participants"] == {"new": 9, "returning": 0}
    # Barcelona counts as a member through Jon's registration for e1 (day 0).
    assert got["local_authorities"]["members"] == 3
    assert (got["member_registrants"], got["members_share"]) == (4, 0.4444)
    assert got["pending_review"] == 2  # Ines, Lea
    assert got["languages"] == {"en": 6, "fr": 3}
    assert got["audience"] == LOCKDOWN["audience"]  # e1 and l1 have no attendance yet


def test_a_section_includes_its_subsections(world):
    parent = figures(world, section="urban-security")
    assert parent["sessions"] == 6  # e1 and the lockdown series
    assert (parent["registrants"], parent["registrations"]) == (8, 13)
    assert parent["participants"]["returning"] == 0
    child = figures(world, section="polarisation")
    assert {**child, "scope": LOCKDOWN["scope"]} == LOCKDOWN
    empty = figures(world, section="unrelated")
    assert (empty["sessions"], empty["registrants"], empty["attendees"]) == (0, 0, 0)
    assert empty["audience"] == {
        "per_session": [],
        "mean": None,
        "median": None,
        "min": None,
        "max": None,
    }
    assert empty["members_share"] is None


def test_a_period_of_session_dates(world):
    got = figures(world, start=day(11), end=day(13))
    assert got["scope"] == {
        "kind": "period",
        "series": None,
        "section": None,
        "from": day(11).isoformat(),
        "until": day(13).isoformat(),
    }
    assert got["sessions"] == 3  # s2, s3, s4
    assert (got["registrants"], got["registrations"]) == (6, 8)
    # Anne (s1) and Jon (e1) registered before s2; Ines's e1 was cancelled.
    assert got["participants"] == {"new": 4, "returning": 2}
    later = figures(world, start=day(30))
    assert (later["sessions"], later["registrants"]) == (1, 2)
    assert later["participants"]["returning"] == 1  # Clara came to s2
    assert figures(world, end=day(0))["sessions"] == 1


def test_the_local_date_of_the_session_decides_membership_and_period(db):
    """23:30 UTC on 10 March is 00:30 on 11 March in Brussels: the session is on the 11th."""
    zone_day = (BASE + dt.timedelta(days=40)).date()
    starts = dt.datetime.combine(zone_day, dt.time(23, 30), tzinfo=dt.UTC)
    local = (starts + dt.timedelta(hours=2)).date()  # the next day in Brussels, CET or CEST
    city = organisation_create(
        actor=None,
        name="Stad Gent",
        kind="local_authority",
        country="BE",
        memberships=[MembershipPeriod(local)],
    )
    series = series_create(actor=None, slug="night", title="Night")
    session = session_create(
        actor=None,
        series=series,
        slug="night-1",
        title="Night",
        starts_at=starts,
        ends_at=starts + dt.timedelta(hours=1),
        timezone="Europe/Brussels",
        status="published",
    )
    person = person_create(actor=None, email="a@gent.example", name="A", organisation=city)
    register(person, session)
    got = figures(None, series="night")
    assert got["local_authorities"]["members"] == 1
    assert figures(None, start=local, end=local)["sessions"] == 1
    assert figures(None, start=zone_day, end=zone_day)["sessions"] == 0


def test_an_unmatched_attendee_is_counted_once_across_sessions(world):
    attend(world.sessions["s2"], None, key="email:guest@elsewhere.example")
    got = figures(world, series="lockdown")
    assert got["attendees"] == 7
    assert got["audience"]["per_session"][1] == {"session": "s2", "attendees": 2}


def test_hosts_and_short_visits_are_not_the_audience(world):
    attend(world.sessions["s4"], world.people["gert"], role="host")
    attend(world.sessions["s4"], world.people["kai"], attended=False, minutes=2)
    got = figures(world, series="lockdown")
    assert got["attendees"] == 7
    assert got["audience"]["per_session"][3] == {"session": "s4", "attendees": 2}


def test_scope_errors_name_the_field(world):
    with pytest.raises(Http404, match="^series: "):
        scope_get(series="nope")
    with pytest.raises(Http404, match="^section: "):
        scope_get(section="nope")
    with pytest.raises(ValidationError) as caught:
        scope_get(series="lockdown", start=day(1))
    assert list(caught.value.message_dict) == ["scope"]
    with pytest.raises(ValidationError) as caught:
        Scope(start=day(2), end=day(1))
    assert list(caught.value.message_dict) == ["until"]
    with pytest.raises(ValidationError):
        report_figures(scope=Scope(), represented_by="everyone")  # type: ignore[arg-type]


def test_scope_describes_itself(world):
    assert scope_get(series="lockdown").describe() == "Series “Lockdown webconferences”"
    assert "Urban security" in scope_get(section="urban-security").describe()
    assert Scope().describe() == "The whole network"
    assert Scope(start=dt.date(2020, 4, 1)).describe().startswith("Sessions from ")


def test_the_json_holds_no_translated_text(world):
    english = figures(world, series="lockdown")
    with translation.override("fr"):
        assert figures(world, series="lockdown") == english


def test_every_figure_is_defined_in_the_docs(world):
    docs = (Path(__file__).parents[2] / "docs" / "report-definitions.md").read_text()
    data = figures(world, series="lockdown")
    fixed = ("audience", "local_authorities", "institutions", "participants")
    names = {f"`{key}" for key in data} | {f"{sub}`" for key in fixed for sub in data[key]}
    assert sorted(name for name in names if name not in docs) == []


def test_registrations_per_topic_count_only_sessions_in_scope(world):
    world.sessions["l1"].topics.add(world.topics["polarisation"])  # Clara and Lea registered
    assert figures(world, series="lockdown")["topics"] == LOCKDOWN["topics"]
    network = {row["topic"]: row["registrations"] for row in figures(world)["topics"]}
    assert network == {"polarisation": 7, "crisis-management": 3, "public-spaces": 2}
