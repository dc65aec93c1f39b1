"""The figures (sums over the people grouped by what they count as) agree with the rows behind
them (the same querysets, listed), on a random network built around the edges:
sessions late at night in time zones either side of UTC, membership periods that start or end
on the session's UTC date or local date, departments of departments, every registration status,
hosts, short visits and unmatched guests."""

from __future__ import annotations

import datetime as dt
import random

import pytest
from django.db.models.functions import Lower

from convene.attendance.models import Attendance, Role
from convene.directory.models import Membership, Organisation, Person
from convene.programme.models import Series, Session
from convene.registrations.models import Registration, RegistrationRequest, RegistrationStatus
from convene.reports.explain import figure_rows
from convene.reports.rows import organisation_rows
from convene.reports.scope import Scope
from convene.reports.selectors import report_figures
from convene.reports.serialise import report_as_json
from convene.sections.models import Section

pytestmark = pytest.mark.django_db

ZONES = ("Europe/Brussels", "Europe/Helsinki", "America/Montreal", "Asia/Tokyo", "UTC")
KINDS = ("local_authority", "regional_authority", "public_body", "research", "ngo", "private")
FIRST_DAY = dt.date(2031, 3, 10)


def build(seed: int) -> None:
    rnd = random.Random(seed)
    section = Section.objects.create(name="Top", slug="top")
    Section.objects.create(name="Below", slug="below", parent=section)
    series = [
        Series.objects.create(title=f"S{n}", slug=f"s{n}", section=section if n else None)
        for n in range(2)
    ]
    sessions = []
    for n in range(10):
        day = FIRST_DAY + dt.timedelta(days=n // 2)
        hour = rnd.choice((0, 1, 12, 22, 23))
        starts = dt.datetime.combine(day, dt.time(hour, 30), tzinfo=dt.UTC)
        sessions.append(
            Session.objects.create(
                series=series[n % 2],
                slug=f"session-{n}",
                title=f"Session {n}",
                starts_at=starts,
                ends_at=starts + dt.timedelta(hours=1),
                timezone=rnd.choice(ZONES),
                status=rnd.choice(("published",) * 6 + ("draft", "cancelled")),
            )
        )
    organisations: list[Organisation] = []
    for n in range(16):
        parent = rnd.choice(organisations) if organisations and n >= 8 else None
        organisations.append(
            Organisation.objects.create(
                name=f"Organisation {n}",
                kind=rnd.choice(KINDS),
                country=rnd.choice(("BE", "FR", "CA", "JP", "")) if parent else "BE",
                parent=parent,
            )
        )
    for organisation in organisations:
        for _n in range(rnd.choice((0, 0, 1, 2))):
            start = FIRST_DAY + dt.timedelta(days=rnd.randrange(-2, 6))
            until = start + dt.timedelta(days=rnd.randrange(0, 3)) if rnd.random() < 0.6 else None
            Membership.objects.create(
                organisation=organisation, member_from=start, member_until=until
            )
    people = []
    for n in range(40):
        organisation = rnd.choice(organisations) if rnd.random() < 0.8 else None
        status = "matched" if organisation else rnd.choice(("review", "pending", "none"))
        people.append(
            Person.objects.create(
                email=f"p{n}@example.org",
                name=f"Person {n}",
                organisation=organisation,
                organisation_text=rnd.choice(("", "Ville X", "ville x", "Stadt Y"))
                if organisation is None
                else "",
                resolution_status=status,
                country=rnd.choice(("BE", "FR", "")),
                preferred_language=rnd.choice(("en", "fr")),
            )
        )
    for person in people:
        for session in rnd.sample(sessions, rnd.randrange(0, 5)):
            request = RegistrationRequest.objects.create(
                person=person, series=session.series, consent_version="1"
            )
            Registration.objects.create(
                session=session,
                person=person,
                request=request,
                status=rnd.choice(RegistrationStatus.values),
            )
    for session in sessions:
        for person in rnd.sample(people, rnd.randrange(0, 8)):
            Attendance.objects.create(
                session=session,
                person=person,
                key=f"person:{person.pk}",
                name=person.name,
                attended=rnd.random() < 0.8,
                role=Role.HOST if rnd.random() < 0.1 else Role.ATTENDEE,
            )
        for n in range(rnd.randrange(0, 3)):
            key = f"email:guest{rnd.randrange(0, 4)}@example.org"
            if not Attendance.objects.filter(session=session, key=key).exists():
                Attendance.objects.create(
                    session=session, key=key, name=f"Guest {n}", attended=True
                )


def flatten(data: dict, prefix: str = "") -> dict[str, int]:
    out: dict[str, int] = {}
    for key, value in data.items():
        if isinstance(value, dict):
            out.update(flatten(value, f"{prefix}{key}."))
        elif isinstance(value, int) and not isinstance(value, bool):
            out[f"{prefix}{key}"] = value
    return out


NOT_A_COUNT = {"attendees", "pending_review", "audience", "members_share", "countries"}


@pytest.mark.parametrize("seed", range(4))
def test_the_figures_are_the_rows_behind_them(seed):
    build(seed)
    scopes = [
        Scope(),
        Scope(series=Series.objects.get(slug="s0")),
        Scope(section=Section.objects.get(slug="top")),
        Scope(start=FIRST_DAY + dt.timedelta(days=1), end=FIRST_DAY + dt.timedelta(days=3)),
    ]
    for scope in scopes:
        for represented_by in ("registrants", "attendees"):
            figures_object = report_figures(
                scope=scope, represented_by=represented_by, organisations=None
            )
            data = report_as_json(figures_object)
            assert [
                (o.pk, o.name, o.kind, o.country, o.people, o.member)
                for o in figures_object.organisations
            ] == [
                (
                    row["report_root"],
                    row["report_name"],
                    row["report_kind"],
                    row["report_org_country"] or "",
                    row["people"],
                    row["member_rows"] > 0,
                )
                for row in organisation_rows(scope=scope, represented_by=represented_by)
            ], (scope.kind, represented_by)
            top = report_figures(scope=scope, represented_by=represented_by, organisations=3)
            assert top.organisations == figures_object.organisations[:3]

            def rows(name, scope=scope, represented_by=represented_by):
                return figure_rows(scope=scope, figure=name, represented_by=represented_by)

            figures = flatten({k: v for k, v in data.items() if k not in ("scope", "audience")})
            for name, value in figures.items():
                if name not in NOT_A_COUNT:
                    assert rows(name).count() == value, (name, scope.kind, represented_by)
            unmatched = rows("attendees.unmatched").values("key").distinct().count()
            assert rows("attendees").count() + unmatched == data["attendees"]
            texts = rows("pending_review").annotate(text=Lower("organisation_text"))
            assert texts.values("text").distinct().count() == data["pending_review"]
            assert {
                code: rows(f"by_country.{code}").count() for code in data["by_country"]
            } == data["by_country"]
            assert rows("countries").count() == sum(data["by_country"].values())
            assert [s.audience for s in rows("audience")] == [
                row["attendees"] for row in data["audience"]["per_session"]
            ]
            for row in data["topics"]:
                assert rows(f"topics.{row['topic']}").count() == row["registrations"]
