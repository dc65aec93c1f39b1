"""The impact report's figures: aggregates over the row-level querysets of ``rows.py``, in a
fixed number of queries whatever the size of the data (one more for a section, which reads the
section tree; one more with the attendees switch, which groups the audience's people too):

1. the time zones sessions are held in (``scope.session_zones``);
2. the sessions in scope, each with its registrations and its audience (the per-session table,
   the audience's mean, median, minimum and maximum, and the registrations per topic come from
   these rows);
3. the registrants, each person once, grouped by what they count as (``ReportRows.counted``):
   registrants, members, new and returning participants and languages are sums over these
   groups, and, unless the switch says attendees, so are the organisations by kind and the
   members among them, the countries, the organisations waiting for review and the top
   organisations;
4. the attendees (people, and unmatched keys);
5. the topics of the sessions in scope.

``docs/report-definitions.md`` says in words what each figure means.
"""

from __future__ import annotations

import datetime as dt
import heapq
import statistics
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Count, Exists, IntegerField, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from convene.attendance.models import Attendance, Role
from convene.directory.models import Language
from convene.programme.models import Topic
from convene.reports.definitions import (
    AUTHORITY_KIND_VALUES,
    INSTITUTION_KIND_VALUES,
    REPRESENTED_BY,
    RepresentedBy,
)
from convene.reports.models import ReportSnapshot
from convene.reports.rows import ReportRows, registration_rows
from convene.reports.scope import Scope, session_zones


@dataclass(frozen=True)
class OrganisationCount:
    """An organisation counted in a report: the people who represent it, and whether it was a
    member on the date of at least one of their sessions."""

    pk: int
    name: str
    kind: str
    country: str
    people: int
    member: bool


@dataclass(frozen=True)
class SessionAudience:
    slug: str
    title: str
    starts_at: dt.datetime
    attendees: int


@dataclass(frozen=True)
class SessionLine:
    """A session in scope: its registrations, and its audience (``None`` when no attendance
    is recorded for it)."""

    slug: str
    title: str
    starts_at: dt.datetime
    timezone: str
    registrations: int
    attendees: int | None


@dataclass(frozen=True)
class AudienceFigures:
    """Audience of each session that has attendance recorded, and their statistics."""

    per_session: tuple[SessionAudience, ...]
    mean: float | None
    median: float | None
    min: int | None
    max: int | None


@dataclass(frozen=True)
class KindFigures:
    """Distinct organisations represented, by kind, and the members among them."""

    total: int
    members: int
    by_kind: Mapping[str, int]
    members_by_kind: Mapping[str, int]


@dataclass(frozen=True)
class TopicRegistrations:
    slug: str
    name: str
    name_fr: str
    registrations: int


@dataclass(frozen=True)
class ReportFigures:
    scope: Scope
    represented_by: RepresentedBy
    sessions: int
    registrants: int
    registrations: int
    attendees: int
    audience: AudienceFigures
    local_authorities: KindFigures
    institutions: KindFigures
    countries: int
    #: People counted per country (organisation's country, else the person's), largest first.
    by_country: Mapping[str, int]
    pending_review: int
    new_participants: int
    returning_participants: int
    member_registrants: int
    members_share: float | None
    languages: Mapping[str, int]
    topics: tuple[TopicRegistrations, ...]
    #: Every session in scope, in order, with its registrations and audience.
    session_lines: tuple[SessionLine, ...]
    #: The organisations counted, most people first, as many as ``report_figures`` was asked.
    organisations: tuple[OrganisationCount, ...]


def _kind_figures(kinds: Mapping[str, tuple[int, int]], values: tuple[str, ...]) -> KindFigures:
    by_kind = {kind: kinds.get(kind, (0, 0))[0] for kind in values}
    members_by_kind = {kind: kinds.get(kind, (0, 0))[1] for kind in values}
    return KindFigures(
        total=sum(by_kind.values()),
        members=sum(members_by_kind.values()),
        by_kind=by_kind,
        members_by_kind=members_by_kind,
    )


@dataclass(frozen=True)
class _Counted:
    """The organisation and country figures, summed from ``ReportRows.counted``."""

    #: kind -> (organisations, members among them)
    kinds: Mapping[str, tuple[int, int]]
    by_country: Mapping[str, int]
    organisations: tuple[OrganisationCount, ...]


#: The columns of a group of ``ReportRows.counted``, as ``report_figures`` reads them (tuples:
#: one row per group, some 26,000 for a large series at a million registrations).
GROUP_FIELDS = (
    "report_root",
    "report_kind",
    "report_country",
    "report_waiting",
    "people",
    "member_people",
    "report_name",
    "report_org_country",
)


def _counted_figures(groups: list[tuple[Any, ...]], organisations: int | None) -> _Counted:
    """Sum the represented people, grouped by organisation counted and country counted
    (``ReportRows.counted``, as ``GROUP_FIELDS`` tuples), up by country, by organisation and by
    kind."""
    by_country: Counter[str] = Counter()
    people: Counter[int] = Counter()
    members: set[int] = set()
    about: dict[int, tuple[str, str, str]] = {}
    for root, kind, country, _waiting, n, member_people, name, org_country, *_sums in groups:
        if country is not None:
            by_country[country] += n
        if root is not None:
            people[root] += n
            about[root] = (name, kind, org_country or "")
            if member_people:
                members.add(root)
    kinds: dict[str, tuple[int, int]] = {}
    for root, (_name, kind, _country) in about.items():
        total, member = kinds.get(kind, (0, 0))
        kinds[kind] = (total + 1, member + (root in members))

    def rank(root: int) -> tuple[int, str, int]:
        """The most people first, then by name."""
        return (-people[root], about[root][0], root)

    ranked = (
        sorted(people, key=rank)
        if organisations is None
        else heapq.nsmallest(organisations, people, key=rank)
    )
    return _Counted(
        kinds=kinds,
        by_country=dict(sorted(by_country.items(), key=lambda item: (-item[1], item[0]))),
        organisations=tuple(
            OrganisationCount(
                pk=root,
                name=about[root][0],
                kind=about[root][1],
                country=about[root][2],
                people=people[root],
                member=root in members,
            )
            for root in ranked
        ),
    )


def _per_session(rows: QuerySet[Any]) -> Coalesce:
    """The number of ``rows`` of the outer session (a correlated count, read from an index)."""
    counted = (
        rows.filter(session=OuterRef("pk"))
        .order_by()
        .values("session")
        .annotate(n=Count("*"))
        .values("n")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def _audience_figures(per_session: tuple[SessionAudience, ...]) -> AudienceFigures:
    """Statistics of the per-session audience (one value per session, already counted in SQL).

    The median is taken here: SQLite has no portable median aggregate."""
    values = [row.attendees for row in per_session]
    if not values:
        return AudienceFigures(per_session=per_session, mean=None, median=None, min=None, max=None)
    return AudienceFigures(
        per_session=per_session,
        mean=round(statistics.fmean(values), 2),
        median=float(statistics.median(values)),
        min=min(values),
        max=max(values),
    )


def report_figures(
    *,
    scope: Scope,
    represented_by: RepresentedBy = "registrants",
    organisations: int | None = 0,
) -> ReportFigures:
    """Every figure of the impact report for ``scope``, in a fixed number of queries.

    ``represented_by`` says who makes an organisation or a country represented: at least one
    registrant (the default), or at least one attendee. ``organisations`` says how many of the
    organisations counted to list, the most people first (``None``: all of them).
    """
    if represented_by not in REPRESENTED_BY:
        raise ValidationError({"represented": _("Choose registrants or attendees.")})
    zones = session_zones()
    sessions = ReportRows(scope=scope, zones=zones, represented_by=represented_by).sessions

    session_rows = list(
        sessions.annotate(
            audience=_per_session(Attendance.objects.filter(attended=True, role=Role.ATTENDEE)),
            registration_count=_per_session(registration_rows(Q())),
            recorded=Exists(Attendance.objects.filter(session=OuterRef("pk"))),
        )
        .order_by("starts_at", "pk")
        .values_list(
            "pk",
            "slug",
            "title",
            "starts_at",
            "timezone",
            "audience",
            "registration_count",
            "recorded",
        )
    )
    lines = tuple(
        SessionLine(
            slug=slug,
            title=str(title),  # translated content, in the viewer's language
            starts_at=starts_at,
            timezone=zone,
            registrations=registrations,
            attendees=audience if recorded else None,
        )
        for _pk, slug, title, starts_at, zone, audience, registrations, recorded in session_rows
    )
    per_session = tuple(
        SessionAudience(
            slug=line.slug, title=line.title, starts_at=line.starts_at, attendees=line.attendees
        )
        for line in lines
        if line.attendees is not None
    )
    registrations_by_session = {
        pk: line.registrations for (pk, *_rest), line in zip(session_rows, lines, strict=True)
    }

    rows = ReportRows(scope=scope, zones=zones, represented_by=represented_by)
    fields = (*GROUP_FIELDS, "returning", *Language.values)
    registrants = list(
        rows.counted(
            rows.registrants(lines[0].starts_at if lines else None),
            returning=Count("pk", filter=Q(report_returning=True)),
            **{code: Count("pk", filter=Q(preferred_language=code)) for code in Language.values},
        ).values_list(*fields)
    )
    represented = registrants
    if represented_by != "registrants":
        represented = list(rows.counted(rows.represented()).values_list(*GROUP_FIELDS))
    counted = _counted_figures(represented, organisations)
    attendees = rows.audience.aggregate(
        people=Count("person", distinct=True),
        unmatched=Count("key", distinct=True, filter=Q(person__isnull=True)),
    )

    topic_registrations: Counter[tuple[str, str, str]] = Counter()
    for slug, names, session in Topic.objects.filter(session__in=sessions.values("pk")).values_list(
        "slug", "name", "session"
    ):
        # Topic names are translated content: the report keeps the English and French ones.
        name, name_fr = names.localize("en"), names.localize("fr")
        topic_registrations[(slug, name, name_fr)] += registrations_by_session.get(session, 0)
    topics = tuple(
        TopicRegistrations(slug=slug, name=name, name_fr=name_fr, registrations=n)
        for (slug, name, name_fr), n in sorted(
            topic_registrations.items(), key=lambda item: (-item[1], item[0][0])
        )
    )

    waiting = GROUP_FIELDS.index("report_waiting")

    def total(field: str) -> int:
        column = fields.index(field)
        return sum(group[column] for group in registrants)

    count, member_registrants = total("people"), total("member_people")
    return ReportFigures(
        scope=scope,
        represented_by=represented_by,
        sessions=len(lines),
        registrants=count,
        registrations=sum(line.registrations for line in lines),
        attendees=attendees["people"] + attendees["unmatched"],
        audience=_audience_figures(per_session),
        local_authorities=_kind_figures(counted.kinds, AUTHORITY_KIND_VALUES),
        institutions=_kind_figures(counted.kinds, INSTITUTION_KIND_VALUES),
        countries=len(counted.by_country),
        by_country=counted.by_country,
        pending_review=len({group[waiting] for group in represented} - {None}),
        new_participants=count - total("returning"),
        returning_participants=total("returning"),
        member_registrants=member_registrants,
        members_share=round(member_registrants / count, 4) if count else None,
        languages={code: total(code) for code in Language.values},
        topics=topics,
        session_lines=lines,
        organisations=counted.organisations,
    )


def snapshot_list_recent(*, limit: int = 5) -> list[ReportSnapshot]:
    """The latest frozen reports, without their documents (for the staff dashboard)."""
    return list(ReportSnapshot.objects.select_related("created_by").defer("document")[:limit])
