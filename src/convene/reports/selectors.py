"""The impact report's figures, computed by SQL aggregates in a fixed number of queries.

Every rule is written out in ``docs/report-definitions.md``; keep the two in step.

The report reads three queries whatever the size of the data (one more for a period, which
first reads the time zones sessions use, and one more for a section, which reads the section
tree):

1. the sessions in scope, each with its registrations and its audience (one row per session:
   ``sessions``, ``registrations``, the per-session audience and its mean, median, minimum and
   maximum are taken from these rows);
2. one statement for the people and the organisations they represent (``_people_statement``):
   registrants, members' share, new and returning participants, languages, attendees, the
   organisations by kind and the members among them, countries and people per country, and
   the organisations waiting for review;
3. the topics of the sessions in scope (registrations per topic are summed from the
   per-session counts of the first query).

The rows behind each figure (``explain.py``) are built from ``with_organisation`` and the
other querysets below, which state each rule row by row; the statement computes the same rules
in bulk, once per person and once per organisation, and the tests check that both agree.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
import statistics
from collections import Counter
from collections.abc import Mapping
from contextlib import nullcontext
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import (
    BooleanField,
    Case,
    CharField,
    Count,
    Exists,
    F,
    Func,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce, NullIf
from django.utils.translation import gettext as _

from convene.attendance.models import Attendance, Role
from convene.directory.models import (
    AUTHORITY_KINDS,
    Language,
    Membership,
    OrganisationKind,
    ResolutionStatus,
)
from convene.programme.models import Session, SessionStatus, Topic
from convene.registrations.models import ACTIVE_STATUSES, Registration
from convene.reports.scope import Scope, local_day, scope_sessions, session_zones

if TYPE_CHECKING:
    from django.db.backends.base.base import BaseDatabaseWrapper
    from django.db.models.sql.compiler import SQLCompiler

#: The version of docs/report-definitions.md these figures follow; change it with any rule.
DEFINITIONS_VERSION = "1"

RepresentedBy = Literal["registrants", "attendees"]
REPRESENTED_BY: tuple[RepresentedBy, ...] = ("registrants", "attendees")

#: Local and regional authorities, in the order the report lists them.
AUTHORITY_KIND_VALUES: tuple[str, ...] = tuple(str(kind) for kind in AUTHORITY_KINDS)
#: Every other kind of organisation: the "institutions of various kinds".
INSTITUTION_KIND_VALUES: tuple[str, ...] = tuple(
    kind for kind in OrganisationKind.values if kind not in AUTHORITY_KIND_VALUES
)
#: A person whose organisation is not settled yet: waiting for staff, or not resolved at all.
UNSETTLED_STATUSES: tuple[str, ...] = (ResolutionStatus.REVIEW, ResolutionStatus.PENDING)

_ORG = "person__organisation"


@dataclass(frozen=True)
class SessionAudience:
    slug: str
    title: str
    starts_at: dt.datetime
    attendees: int


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


def registration_rows(sessions: QuerySet[Session]) -> QuerySet[Registration]:
    """Registrations that count: not cancelled (and not lapsed), for a session in scope."""
    return Registration.objects.filter(
        status__in=ACTIVE_STATUSES, session__in=sessions.values("pk")
    ).order_by()


def audience_rows(sessions: QuerySet[Session]) -> QuerySet[Attendance]:
    """The audience: attendance rows marked attended, hosts excluded, for a session in scope."""
    return Attendance.objects.filter(
        attended=True, role=Role.ATTENDEE, session__in=sessions.values("pk")
    ).order_by()


def with_organisation(rows: QuerySet[Any], zones: list[str]) -> QuerySet[Any]:
    """Annotate registration or attendance rows with what the report counts them as.

    - ``report_root``: the organisation counted: the person's organisation, or its parent, or
      its grandparent, whichever is highest (a municipal department counts as its city);
    - ``report_kind``: the counted organisation's kind;
    - ``report_country``: the counted organisation's country, else the person's own;
    - ``report_member``: a membership period of the person's organisation or of one above it
      covers the local date of the row's session.
    """
    parent, grandparent = f"{_ORG}__parent", f"{_ORG}__parent__parent"
    covering = Membership.objects.filter(
        Q(organisation=OuterRef(_ORG))
        | Q(organisation=OuterRef(parent))
        | Q(organisation=OuterRef(grandparent)),
        _Covers(
            F("member_from"),
            F("member_until"),
            OuterRef("session__starts_at"),
            OuterRef("report_day"),
        ),
    )
    # Only a row whose organisation is (under) a member can be a member's: the lists of
    # members are read once, and the membership periods only for those rows.
    members = Membership.objects.values("organisation")
    under_a_member = (
        Q(**{f"{_ORG}__in": members})
        | Q(**{f"{parent}__in": members})
        | Q(**{f"{grandparent}__in": members})
    )
    return rows.annotate(
        report_day=local_day(zones, "session__"),
        report_root=Coalesce(grandparent, parent, _ORG, output_field=IntegerField()),
        report_kind=Coalesce(
            f"{grandparent}__kind", f"{parent}__kind", f"{_ORG}__kind", output_field=CharField()
        ),
        report_country=_country(),
        report_member=Case(
            When(under_a_member, then=Exists(covering)),
            default=Value(False),
            output_field=BooleanField(),
        ),
    )


class _Covers(Func):
    """A membership period (member_from, member_until) covers the session's local date
    (starts_at, and its local date as ``scope.local_day`` computes it).

    On SQLite the local date is converted in Python, which is slow row by row: since it is the
    UTC date, the day before or the day after, the UTC date settles every session more than a
    day away from the period's ends, and only the others are converted."""

    output_field = BooleanField()
    conditional = True

    def as_sql(
        self,
        compiler: SQLCompiler,
        connection: BaseDatabaseWrapper,
        function: str | None = None,
        template: str | None = None,
        arg_joiner: str | None = None,
        **extra_context: Any,
    ) -> tuple[str, tuple[Any, ...]]:
        compiled = dict(
            zip(
                ("start", "until", "at", "day"),
                (compiler.compile(expression) for expression in self.get_source_expressions()),
                strict=True,
            )
        )
        start, until, at, day = (compiled[name][0] for name in ("start", "until", "at", "day"))
        if connection.vendor == "sqlite":
            before, after = f"date({at}, '-1 day')", f"date({at}, '+1 day')"
            sql = (
                f"((CASE WHEN {before} >= {start} THEN 1 WHEN {after} < {start} THEN 0"
                f" ELSE {day} >= {start} END) = 1 AND ({until} IS NULL OR"
                f" (CASE WHEN {after} <= {until} THEN 1 WHEN {before} > {until} THEN 0"
                f" ELSE {day} <= {until} END) = 1))"
            )
            order = "at start at start day start until at until at until day until"
        else:
            sql = f"({start} <= {day} AND ({until} IS NULL OR {day} <= {until}))"
            order = "start day until day until"
        return sql, tuple(param for name in order.split() for param in compiled[name][1])


def _country() -> Coalesce:
    parent, grandparent = f"{_ORG}__parent", f"{_ORG}__parent__parent"
    organisation_country = Coalesce(
        f"{grandparent}__country",
        f"{parent}__country",
        f"{_ORG}__country",
        output_field=CharField(),
    )
    return Coalesce(
        NullIf(organisation_country, Value("")),
        NullIf("person__country", Value("")),
        output_field=CharField(),
    )


def with_country(rows: QuerySet[Any]) -> QuerySet[Any]:
    """Only ``report_country`` (see ``with_organisation``), for grouping by country."""
    return rows.annotate(report_country=_country())


def returning_q(scope_start: dt.datetime | None) -> Exists | Value:
    """Rows whose person registered (not cancelled or lapsed) for a published session that
    started before the scope's first session: a returning participant."""
    if scope_start is None:
        return Value(False, output_field=BooleanField())
    return Exists(
        Registration.objects.filter(
            person=OuterRef("person"),
            status__in=ACTIVE_STATUSES,
            session__status=SessionStatus.PUBLISHED,
            session__starts_at__lt=scope_start,
        )
    )


def unsettled_q() -> Q:
    """People whose organisation is still pending or in review, with a name typed."""
    return Q(person__resolution_status__in=UNSETTLED_STATUSES) & ~Q(person__organisation_text="")


def _placeholders(values: tuple[str, ...]) -> str:
    return "(" + ", ".join(["%s"] * len(values)) + ")"


def _in_list(column: str, table: str) -> str:
    """SQL: ``column`` is the id of a row of ``table``, kept out of the planners' reach.

    As a plain condition, PostgreSQL would join the list again for every row of a correlated
    subquery, and SQLite would walk the list as index ranges; wrapped in a ``CASE``,
    PostgreSQL hashes it once (a "hashed SubPlan") and SQLite probes it."""
    return f"(CASE WHEN {column} IN (SELECT id FROM {table}) THEN 1 ELSE 0 END) = 1"  # noqa: S608


def _covers(period: str, session: str) -> tuple[str, list[Any]]:
    """SQL: the membership period ``period`` covers the local date of the session ``session``
    (both ends inclusive; see ``scope.local_day``)."""
    if connection.vendor == "postgresql":
        day = f"({session}.starts_at AT TIME ZONE {session}.timezone)::date"
        return (
            f"{period}.member_from <= {day} AND "
            f"({period}.member_until IS NULL OR {day} <= {period}.member_until)"
        ), []
    # SQLite has no time zones: Django's function converts in Python, slowly. The local date
    # is the UTC date, the day before or the day after, so the UTC date settles every session
    # more than a day away from a membership boundary, and only the others are converted.
    before = f"date({session}.starts_at, '-1 day')"
    after = f"date({session}.starts_at, '+1 day')"
    local = f"django_datetime_cast_date({session}.starts_at, {session}.timezone, %s)"
    return (
        f"(CASE WHEN {before} >= {period}.member_from THEN 1"
        f" WHEN {after} < {period}.member_from THEN 0"
        f" ELSE {local} >= {period}.member_from END) = 1"
        f" AND ({period}.member_until IS NULL OR"
        f" (CASE WHEN {after} <= {period}.member_until THEN 1"
        f" WHEN {before} > {period}.member_until THEN 0"
        f" ELSE {local} <= {period}.member_until END) = 1)"
    ), [connection.timezone_name] * 2


def _people_statement(
    *,
    sessions: QuerySet[Session],
    represented_by: RepresentedBy,
    scope_start: dt.datetime | None,
) -> tuple[str, list[Any]]:
    """The one statement behind the people and organisation figures, with its parameters.

    The same rules as ``registration_rows``, ``audience_rows``, ``with_organisation``,
    ``returning_q`` and ``unsettled_q``, computed once per person and then once per
    organisation instead of once per row:

    - ``registrations_ids`` / ``audience_ids``: the registrants (and the audience's people) of
      the sessions in scope;
    - ``registrations`` (and ``audience`` with the switch): each of those people once, with
      their organisation, country, language, the name typed while waiting for review, whether
      they are a member (a membership period of their organisation, its parent or its
      grandparent covers the date of one of their sessions in scope: ``chain`` lists the
      organisations under a membership, so only their people are looked at) and, for
      registrants, whether they are returning;
    - ``represented_groups`` and ``counted``: the represented people by organisation, then the
      organisation counted (the highest of it, its parent and its grandparent), its kind and the
      country counted.

    It returns rows of (figure, key, a, b, c): ``registrants`` (count, members, returning),
    ``language`` (code, count), ``pending`` (count), ``kind`` (kind, organisations, members),
    ``country`` (code, people) and ``attendees`` (people, unmatched keys).
    """
    materialized = "MATERIALIZED" if _materialized_ok() else ""
    parts: list[str] = []
    params: list[Any] = []

    def add(sql: str, *values: Any) -> None:
        parts.append(sql)
        params.extend(values)

    scope_sql, scope_params = sessions.order_by().values("pk").query.sql_with_params()
    add(f"WITH scope_sessions (id) AS {materialized} ({scope_sql}), ", *scope_params)
    if scope_start is not None:
        add(
            f"earlier_sessions AS {materialized} (SELECT s.id FROM programme_session s "  # noqa: S608
            "WHERE s.status = %s AND s.starts_at < %s), ",
            SessionStatus.PUBLISHED,
            connection.ops.adapt_datetimefield_value(scope_start),
        )
    add(
        f"chain AS {materialized} ("  # noqa: S608
        "SELECT m.organisation_id FROM directory_membership m "
        "UNION SELECT o.id FROM directory_membership m CROSS JOIN directory_organisation o "
        "WHERE o.parent_id = m.organisation_id "
        "UNION SELECT o.id FROM directory_membership m CROSS JOIN directory_organisation p "
        "CROSS JOIN directory_organisation o "
        "WHERE p.parent_id = m.organisation_id AND o.parent_id = p.id), "
    )
    sources: dict[str, tuple[str, str, list[Any]]] = {
        "registrations": (
            "registrations_registration",
            f"x.status IN {_placeholders(ACTIVE_STATUSES)}",
            list(ACTIVE_STATUSES),
        ),
        "audience": (
            "attendance_attendance",
            "x.attended = %s AND x.role = %s AND x.person_id IS NOT NULL",
            [True, Role.ATTENDEE],
        ),
    }
    for source, (table, condition, values) in sources.items():
        add(
            f"{source}_ids AS {materialized} (SELECT x.person_id FROM {table} x "  # noqa: S608
            f"WHERE {condition} AND x.session_id IN (SELECT id FROM scope_sessions) "
            "GROUP BY x.person_id), ",
            *values,
        )
        if source == "audience" and represented_by == "registrants":
            break
        covers, covers_params = _covers("m", "s")
        member = (
            "CASE WHEN p.organisation_id IN "  # noqa: S608
            "(SELECT organisation_id FROM chain) THEN COALESCE(("
            f"SELECT 1 FROM {table} x CROSS JOIN programme_session s "
            f"CROSS JOIN directory_membership m WHERE x.person_id = p.id AND {condition} "
            f"AND {_in_list('x.session_id', 'scope_sessions')} AND s.id = x.session_id "
            "AND m.organisation_id IN (p.organisation_id, "
            "(SELECT u.parent_id FROM directory_organisation u WHERE u.id = p.organisation_id), "
            "(SELECT v.parent_id FROM directory_organisation u CROSS JOIN directory_organisation v "
            f"WHERE u.id = p.organisation_id AND v.id = u.parent_id)) AND {covers} LIMIT 1), 0) "
            "ELSE 0 END"
        )
        returning, returning_params = "0", []
        if source == "registrations" and scope_start is not None:
            returning = (
                "COALESCE((SELECT 1 FROM registrations_registration r "  # noqa: S608
                "WHERE r.person_id = p.id "
                f"AND r.status IN {_placeholders(ACTIVE_STATUSES)} "
                f"AND {_in_list('r.session_id', 'earlier_sessions')} LIMIT 1), 0)"
            )
            returning_params = list(ACTIVE_STATUSES)
        add(
            f"{source} AS {materialized} (SELECT p.id, p.organisation_id, p.country, "  # noqa: S608
            "p.preferred_language AS language, CASE WHEN p.resolution_status IN "
            f"{_placeholders(UNSETTLED_STATUSES)} AND p.organisation_text <> '' "
            f"THEN LOWER(p.organisation_text) END AS waiting, {member} AS is_member, "
            f"{returning} AS is_returning FROM {source}_ids i CROSS JOIN directory_person p "
            "WHERE p.id = i.person_id), ",
            *UNSETTLED_STATUSES,
            *values,
            *covers_params,
            *returning_params,
        )
    represented = "registrations" if represented_by == "registrants" else "audience"
    add(
        f"represented_groups AS {materialized} (SELECT organisation_id, country, "  # noqa: S608
        f"COUNT(*) AS people, MAX(is_member) AS is_member FROM {represented} "
        "GROUP BY organisation_id, country), "
        f"counted AS {materialized} (SELECT g.people, g.is_member, "
        "COALESCE(o1.parent_id, o.parent_id, g.organisation_id) AS root, "
        "COALESCE(o2.kind, o1.kind, o.kind) AS kind, "
        "COALESCE(NULLIF(COALESCE(o2.country, o1.country, o.country), ''), "
        "NULLIF(g.country, '')) AS country FROM represented_groups g "
        "LEFT JOIN directory_organisation o ON o.id = g.organisation_id "
        "LEFT JOIN directory_organisation o1 ON o1.id = o.parent_id "
        "LEFT JOIN directory_organisation o2 ON o2.id = o1.parent_id) "
    )
    add(
        "SELECT 'registrants', NULL, COUNT(*), SUM(is_member), SUM(is_returning) "  # noqa: S608
        "FROM registrations "
        "UNION ALL SELECT 'language', language, COUNT(*), NULL, NULL FROM registrations "
        "GROUP BY language "
        f"UNION ALL SELECT 'pending', NULL, COUNT(DISTINCT waiting), NULL, NULL FROM {represented} "
        "UNION ALL SELECT 'kind', kind, COUNT(*), SUM(is_member), NULL FROM (SELECT root, kind, "
        "MAX(is_member) AS is_member FROM counted WHERE root IS NOT NULL "
        "GROUP BY root, kind) roots "
        "GROUP BY kind "
        "UNION ALL SELECT 'country', country, SUM(people), NULL, NULL FROM counted "
        "WHERE country IS NOT NULL GROUP BY country "
        "UNION ALL SELECT 'attendees', NULL, (SELECT COUNT(*) FROM audience_ids), "
        "(SELECT COUNT(DISTINCT x.key) FROM attendance_attendance x WHERE x.person_id IS NULL "
        "AND x.attended = %s AND x.role = %s AND x.session_id IN (SELECT id FROM scope_sessions)"
        "), NULL",
        True,
        Role.ATTENDEE,
    )
    return "".join(parts), params


def _materialized_ok() -> bool:
    """``AS MATERIALIZED`` is understood (SQLite 3.35 and later, PostgreSQL 12 and later)."""
    return connection.vendor != "sqlite" or sqlite3.sqlite_version_info >= (3, 35)


def _people_figures(
    *,
    sessions: QuerySet[Session],
    represented_by: RepresentedBy,
    scope_start: dt.datetime | None,
) -> dict[tuple[str, str | None], tuple[int, int, int]]:
    """Run ``_people_statement``: (figure, key) -> its three numbers (0 for none)."""
    sql, params = _people_statement(
        sessions=sessions,
        represented_by=represented_by,
        scope_start=scope_start,
    )
    postgresql = connection.vendor == "postgresql"
    # PostgreSQL would compile this statement (JIT) for longer than it takes to run: switch
    # that off until the end of the transaction (this statement's own, unless one is open).
    with transaction.atomic(savepoint=False) if postgresql else nullcontext():
        with connection.cursor() as cursor:
            if postgresql:
                cursor.execute("SET LOCAL jit = off")
            cursor.execute(sql, params)
            rows = cursor.fetchall()
    return {(figure, key): (int(a or 0), int(b or 0), int(c or 0)) for figure, key, a, b, c in rows}


def _kind_figures(
    kinds: Mapping[str, tuple[int, int, int]], values: tuple[str, ...]
) -> KindFigures:
    by_kind = {kind: kinds.get(kind, (0, 0, 0))[0] for kind in values}
    members_by_kind = {kind: kinds.get(kind, (0, 0, 0))[1] for kind in values}
    return KindFigures(
        total=sum(by_kind.values()),
        members=sum(members_by_kind.values()),
        by_kind=by_kind,
        members_by_kind=members_by_kind,
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


def report_figures(*, scope: Scope, represented_by: RepresentedBy = "registrants") -> ReportFigures:
    """Every figure of the impact report for ``scope``, in a fixed number of queries.

    ``represented_by`` says who makes an organisation or a country represented: at least one
    registrant (the default), or at least one attendee.
    """
    if represented_by not in REPRESENTED_BY:
        raise ValidationError({"represented": _("Choose registrants or attendees.")})
    sessions = scope_sessions(scope, session_zones() if scope.is_period else [])

    session_rows = list(
        sessions.annotate(
            audience=_per_session(Attendance.objects.filter(attended=True, role=Role.ATTENDEE)),
            registration_count=_per_session(
                Registration.objects.filter(status__in=ACTIVE_STATUSES)
            ),
            recorded=Exists(Attendance.objects.filter(session=OuterRef("pk"))),
        )
        .order_by("starts_at", "pk")
        .values_list(
            "pk", "slug", "title", "starts_at", "audience", "registration_count", "recorded"
        )
    )
    scope_start = session_rows[0][3] if session_rows else None
    per_session = tuple(
        SessionAudience(slug=slug, title=title, starts_at=starts_at, attendees=audience)
        for _pk, slug, title, starts_at, audience, _n, recorded in session_rows
        if recorded
    )
    registrations_by_session = {row[0]: row[5] for row in session_rows}
    registrations = sum(registrations_by_session.values())

    people = _people_figures(
        sessions=sessions,
        represented_by=represented_by,
        scope_start=scope_start,
    )
    registrants, member_registrants, returning = people.get(("registrants", None), (0, 0, 0))
    kinds = {key: value for (figure, key), value in people.items() if figure == "kind" and key}
    countries = sorted(
        ((key, value[0]) for (figure, key), value in people.items() if figure == "country" and key),
        key=lambda item: (-item[1], item[0]),
    )

    topic_registrations: Counter[tuple[str, str, str]] = Counter()
    for slug, name, name_fr, session in Topic.objects.filter(
        session__in=sessions.values("pk")
    ).values_list("slug", "name", "name_fr", "session"):
        topic_registrations[(slug, name, name_fr)] += registrations_by_session.get(session, 0)
    topics = tuple(
        TopicRegistrations(slug=slug, name=name, name_fr=name_fr, registrations=n)
        for (slug, name, name_fr), n in sorted(
            topic_registrations.items(), key=lambda item: (-item[1], item[0][0])
        )
    )

    attendees = people.get(("attendees", None), (0, 0, 0))
    return ReportFigures(
        scope=scope,
        represented_by=represented_by,
        sessions=len(session_rows),
        registrants=registrants,
        registrations=registrations,
        attendees=attendees[0] + attendees[1],
        audience=_audience_figures(per_session),
        local_authorities=_kind_figures(kinds, AUTHORITY_KIND_VALUES),
        institutions=_kind_figures(kinds, INSTITUTION_KIND_VALUES),
        countries=len(countries),
        by_country=dict(countries),
        pending_review=people.get(("pending", None), (0, 0, 0))[0],
        new_participants=registrants - returning,
        returning_participants=returning,
        member_registrants=member_registrants,
        members_share=round(member_registrants / registrants, 4) if registrants else None,
        languages={code: people.get(("language", code), (0, 0, 0))[0] for code in Language.values},
        topics=topics,
    )
