"""The report's rules, row by row: which registrations and attendance rows count, and what
each row counts as (its organisation, kind, country, and whether it was a member's).

``explain.py`` lists the rows behind each figure with these querysets. ``statement.py``
computes the same rules in bulk for the figures, and the tests check that both agree.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

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
    Value,
    When,
)
from django.db.models.functions import Coalesce, NullIf

from convene.attendance.models import Attendance, Role
from convene.directory.models import Membership
from convene.programme.models import Session, SessionStatus
from convene.registrations.models import ACTIVE_STATUSES, Registration
from convene.reports.definitions import REPRESENTED_BY, UNSETTLED_STATUSES, RepresentedBy
from convene.reports.scope import Scope, local_day, scope_sessions, session_zones

if TYPE_CHECKING:
    from django.db.backends.base.base import BaseDatabaseWrapper
    from django.db.models.sql.compiler import SQLCompiler

_ORG = "person__organisation"
_UP = (f"{_ORG}__parent__parent", f"{_ORG}__parent", _ORG)


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


def _highest(field: str) -> Coalesce:
    return Coalesce(*(f"{level}__{field}" for level in _UP), output_field=CharField())


def organisation_rows(
    *, scope: Scope, represented_by: RepresentedBy = "registrants"
) -> QuerySet[Any, dict[str, Any]]:
    """The organisations counted, as ``values`` rows, most people first (one query): the rule
    behind ``ReportFigures.organisations``, row by row. A department counts as its city
    (``report_root``); ``member_rows`` counts the rows of a member's on its session's date."""
    if represented_by not in REPRESENTED_BY:
        raise ValueError(represented_by)
    zones = session_zones()
    sessions = scope_sessions(scope, zones)
    by_registrants = represented_by == "registrants"
    rows = registration_rows(sessions) if by_registrants else audience_rows(sessions)
    return (
        with_organisation(rows, zones)
        .filter(report_root__isnull=False)
        .annotate(report_name=_highest("name"), report_org_country=_highest("country"))
        .values("report_root", "report_name", "report_kind", "report_org_country")
        .annotate(
            people=Count("person", distinct=True),
            member_rows=Count("pk", filter=Q(report_member=True)),
        )
        .order_by("-people", "report_name", "report_root")
    )
