"""The report's rules, stated once, as querysets: which registrations and attendance rows
count, who the people behind them are, and what each person counts as (an organisation, a
kind, a country, a member's person, a returning participant).

Every figure of ``selectors.report_figures`` is an aggregate over these querysets, and
``explain.figure_rows`` lists the same querysets as the rows behind each figure, so a figure
and its rows agree by construction. ``docs/report-definitions.md`` says in words what each
rule means and points here.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import (
    BooleanField,
    Case,
    CharField,
    Count,
    Exists,
    IntegerField,
    Min,
    OuterRef,
    Q,
    QuerySet,
    Value,
    When,
)
from django.db.models.functions import Coalesce, Lower, NullIf

from convene.attendance.models import Attendance, Role
from convene.directory.models import Membership, Person
from convene.programme.models import Session, SessionStatus
from convene.registrations.models import Registration, awaiting_confirmation_q, confirmed_q
from convene.reports.definitions import REPRESENTED_BY, UNSETTLED_STATUSES, RepresentedBy
from convene.reports.scope import Scope, in_scope, local_day, session_zones

#: The person's organisation, its parent and its grandparent, the highest first.
_UP = ("organisation__parent__parent", "organisation__parent", "organisation")


def registration_rows(sessions: Q) -> QuerySet[Registration]:
    """Registrations that count, for a session in scope (``sessions``: ``scope.in_scope`` from
    the registration; ``Q()`` for every session): the confirmed ones, ``confirmed_q``. The
    person confirmed it by the mail link (with a seat, or on the waitlist), or staff added,
    promoted or imported it as confirmed; cancelled and lapsed ones never count."""
    return Registration.objects.filter(sessions, confirmed_q()).order_by()


def awaiting_rows(sessions: Q) -> QuerySet[Registration]:
    """Registrations awaiting confirmation, shown apart and never counted: a held seat or a
    place on the waitlist whose mail link was not clicked yet (``awaiting_confirmation_q``),
    until it lapses 48 hours after the request."""
    return Registration.objects.filter(sessions, awaiting_confirmation_q()).order_by()


def audience_rows(sessions: Q) -> QuerySet[Attendance]:
    """The audience: attendance rows marked attended, hosts excluded, for a session in scope
    (``sessions``: ``scope.in_scope`` from the attendance row)."""
    return Attendance.objects.filter(sessions, attended=True, role=Role.ATTENDEE).order_by()


def people(rows: QuerySet[Any]) -> QuerySet[Person]:
    """The people behind registration or attendance ``rows``, each once."""
    return Person.objects.filter(pk__in=rows.values("person"))


def _highest(field: str) -> Coalesce:
    """``field`` of the organisation counted: the highest of the person's organisation, its
    parent and its grandparent (a municipal department counts as its city)."""
    output = IntegerField() if field == "pk" else CharField()
    return Coalesce(*(f"{level}__{field}" for level in _UP), output_field=output)


def _country() -> Coalesce:
    """The organisation counted's country, else the person's own (``None`` for neither)."""
    return Coalesce(
        NullIf(_highest("country"), Value("")),
        NullIf("country", Value("")),
        output_field=CharField(),
    )


def with_organisation(persons: QuerySet[Any]) -> QuerySet[Any]:
    """Annotate people with what they count as: ``report_root`` (the organisation counted),
    ``report_kind`` (its kind), ``report_country`` (its country, else the person's) and
    ``report_waiting`` (for ``unsettled_q`` people, the organisation name they typed, in lower
    case: the organisations waiting for review are these distinct names)."""
    return persons.annotate(
        report_root=_highest("pk"),
        report_kind=_highest("kind"),
        report_country=_country(),
        report_waiting=Case(
            When(unsettled_q(), then=Lower("organisation_text")), output_field=CharField()
        ),
    )


def with_member(persons: QuerySet[Any], rows: QuerySet[Any], zones: list[str]) -> QuerySet[Any]:
    """Annotate people with ``report_member``: a membership period (both ends inclusive) of
    their organisation, its parent or its grandparent covers the local date of the session of
    one of their ``rows`` (registrations or audience in scope; ``zones``: ``session_zones``)."""
    chain = [OuterRef(OuterRef(level)) for level in _UP]
    day = OuterRef("report_day")
    covering = Membership.objects.filter(
        Q(organisation=chain[0]) | Q(organisation=chain[1]) | Q(organisation=chain[2]),
        Q(member_until__isnull=True) | Q(member_until__gte=day),
        member_from__lte=day,
    )
    covered = (
        rows.filter(person=OuterRef("pk"))
        .alias(report_day=local_day(zones, "session__"))
        .filter(Exists(covering))
    )
    # Only someone whose organisation is (under) a member can be a member's person: the
    # members are listed once, and the sessions' dates looked at for those people only.
    members = Membership.objects.values("organisation")
    under_a_member = (
        Q(organisation__in=members)
        | Q(organisation__parent__in=members)
        | Q(organisation__parent__parent__in=members)
    )
    return persons.annotate(
        report_member=Case(
            When(under_a_member, then=Exists(covered)),
            default=Value(False),
            output_field=BooleanField(),
        )
    )


def with_returning(persons: QuerySet[Any], scope_start: dt.datetime | None) -> QuerySet[Any]:
    """Annotate people with ``report_returning``: they registered (a registration that counts,
    ``confirmed_q``) for a published session that started before ``scope_start``, the scope's
    first session."""
    if scope_start is None:
        return persons.annotate(report_returning=Value(False, output_field=BooleanField()))
    earlier_sessions = Session.objects.filter(
        status=SessionStatus.PUBLISHED, starts_at__lt=scope_start
    )
    # The earlier sessions are listed once and each of the person's registrations is looked up
    # in that list. As a plain condition PostgreSQL joins the session again for every one of
    # them; inside the CASE it hashes the list (a "hashed SubPlan"). At a million registrations
    # this cut the report of the large series on PostgreSQL by about a quarter
    # (benchmarks/bench_report.py).
    earlier = Registration.objects.filter(
        confirmed_q(),
        Case(
            When(session__in=earlier_sessions.values("pk"), then=Value(True)),
            default=Value(False),
            output_field=BooleanField(),
        ),
        person=OuterRef("pk"),
    )
    # Nobody is returning when no session came before the scope (the whole network): then
    # nobody's registrations are looked up.
    return persons.annotate(
        report_returning=Case(
            When(Exists(earlier_sessions), then=Exists(earlier)),
            default=Value(False),
            output_field=BooleanField(),
        )
    )


def unsettled_q(prefix: str = "") -> Q:
    """People whose organisation is still pending or in review, with a name typed (``prefix``
    leads to the person: ``"person__"`` from a registration or an attendance row)."""
    return Q(**{f"{prefix}resolution_status__in": UNSETTLED_STATUSES}) & ~Q(
        **{f"{prefix}organisation_text": ""}
    )


@dataclass(frozen=True)
class ReportRows:
    """The row sets of one report: its sessions, the registrations and the audience that
    count, and the people who represent organisations and countries (``represented_by``:
    registrants, or attendees with the switch). Each is a queryset, not yet evaluated."""

    scope: Scope
    zones: list[str]
    represented_by: RepresentedBy

    @property
    def sessions(self) -> QuerySet[Session]:
        return Session.objects.filter(in_scope(self.scope, self.zones))

    @property
    def registrations(self) -> QuerySet[Registration]:
        return registration_rows(in_scope(self.scope, self.zones, "session__"))

    @property
    def awaiting(self) -> QuerySet[Registration]:
        """Registrations awaiting confirmation, for sessions in scope (shown apart)."""
        return awaiting_rows(in_scope(self.scope, self.zones, "session__"))

    @property
    def audience(self) -> QuerySet[Attendance]:
        return audience_rows(in_scope(self.scope, self.zones, "session__"))

    def registrants(self, scope_start: dt.datetime | None = None) -> QuerySet[Any]:
        """The registrants, each with what they count as (``with_organisation``),
        ``report_member`` and ``report_returning`` (``scope_start``: the first session's)."""
        registrations = self.registrations
        registrants = with_organisation(people(registrations))
        return with_returning(with_member(registrants, registrations, self.zones), scope_start)

    def represented(self, scope_start: dt.datetime | None = None) -> QuerySet[Any]:
        """The people who make an organisation or a country represented (the registrants, or
        the people of the audience), each with what they count as and ``report_member``."""
        if self.represented_by == "registrants":
            return self.registrants(scope_start)
        audience = self.audience
        return with_member(with_organisation(people(audience)), audience, self.zones)

    @staticmethod
    def counted(persons: QuerySet[Any], **sums: Count) -> QuerySet[Any, dict[str, Any]]:
        """``persons`` (``registrants`` or ``represented``), grouped by what they count as
        (``report_root``, ``report_kind``, ``report_country``, ``report_waiting``), with
        ``people``, ``member_people``, the organisation counted's ``report_name`` and
        ``report_org_country``, and ``sums``. The report's figures are sums over these groups:
        it reads each person once."""
        return persons.values(
            "report_root", "report_kind", "report_country", "report_waiting"
        ).annotate(
            people=Count("pk"),
            member_people=Count("pk", filter=Q(report_member=True)),
            report_name=Min(_highest("name")),
            report_org_country=Min(_highest("country")),
            **sums,
        )

    def organisations(self) -> QuerySet[Any, dict[str, Any]]:
        """The organisations counted, as ``values`` rows, most people first: ``report_root``,
        ``report_name``, ``report_kind``, ``report_org_country``, ``people`` and
        ``member_rows`` (their member's people; a member when there is at least one)."""
        return (
            self.represented()
            .filter(report_root__isnull=False)
            .annotate(report_name=_highest("name"), report_org_country=_highest("country"))
            .values("report_root", "report_name", "report_kind", "report_org_country")
            .annotate(people=Count("pk"), member_rows=Count("pk", filter=Q(report_member=True)))
            .order_by("-people", "report_name", "report_root")
        )


def report_rows(scope: Scope, represented_by: RepresentedBy = "registrants") -> ReportRows:
    """The row sets of the report for ``scope`` (one query: the time zones sessions use)."""
    if represented_by not in REPRESENTED_BY:
        raise ValueError(represented_by)
    return ReportRows(scope=scope, zones=session_zones(), represented_by=represented_by)


def organisation_rows(
    *, scope: Scope, represented_by: RepresentedBy = "registrants"
) -> QuerySet[Any, dict[str, Any]]:
    """The organisations counted in ``scope`` (``ReportRows.organisations``)."""
    return report_rows(scope, represented_by).organisations()
