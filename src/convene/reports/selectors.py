"""The impact report's figures, computed by SQL aggregates in a fixed number of queries.

Every rule is written out in ``docs/report-definitions.md``; keep the two in step.

The report reads six queries whatever the size of the data (seven for a section, which first
reads the section tree):

1. the time zones sessions use (a handful of rows), to compute each session's local date in SQL;
2. the sessions in scope with their audience (one row per session: the per-session figures,
   their mean, median, minimum and maximum are taken from these rows);
3. one aggregate over the registrations in scope (registrants, registrations, members' share,
   new and returning participants, languages, and the organisations they represent);
4. one aggregate over the audience rows in scope (attendees, and the organisations they
   represent when the report counts attendees);
5. people per country (``GROUP BY`` country);
6. registrations per topic (``GROUP BY`` topic).
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

from django.core.exceptions import ValidationError
from django.db.models import (
    BooleanField,
    CharField,
    Count,
    Exists,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Value,
)
from django.db.models.functions import Coalesce, Lower, NullIf
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
    day = OuterRef("report_day")
    covering = Membership.objects.filter(
        Q(organisation=OuterRef(_ORG))
        | Q(organisation=OuterRef(parent))
        | Q(organisation=OuterRef(grandparent)),
        Q(member_until__isnull=True) | Q(member_until__gte=day),
        member_from__lte=day,
    )
    return rows.annotate(
        report_day=local_day(zones, "session__"),
        report_root=Coalesce(grandparent, parent, _ORG, output_field=IntegerField()),
        report_kind=Coalesce(
            f"{grandparent}__kind", f"{parent}__kind", f"{_ORG}__kind", output_field=CharField()
        ),
        report_country=_country(),
        report_member=Exists(covering),
    )


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


def _organisation_aggregates() -> dict[str, Any]:
    """Aggregates over rows annotated by ``with_organisation``."""
    root = "report_root"
    member = Q(report_member=True)
    aggregates: dict[str, Any] = {
        "authorities": Count(root, distinct=True, filter=Q(report_kind__in=AUTHORITY_KIND_VALUES)),
        "authority_members": Count(
            root, distinct=True, filter=Q(report_kind__in=AUTHORITY_KIND_VALUES) & member
        ),
        "institutions": Count(
            root, distinct=True, filter=Q(report_kind__in=INSTITUTION_KIND_VALUES)
        ),
        "institution_members": Count(
            root, distinct=True, filter=Q(report_kind__in=INSTITUTION_KIND_VALUES) & member
        ),
        "countries": Count("report_country", distinct=True),
        "pending_review": Count(
            Lower("person__organisation_text"), distinct=True, filter=unsettled_q()
        ),
    }
    for kind in OrganisationKind.values:
        aggregates[f"kind:{kind}"] = Count(root, distinct=True, filter=Q(report_kind=kind))
        aggregates[f"members:{kind}"] = Count(
            root, distinct=True, filter=Q(report_kind=kind) & member
        )
    return aggregates


def _kind_figures(
    counts: Mapping[str, Any], kinds: tuple[str, ...], total: str, members: str
) -> KindFigures:
    return KindFigures(
        total=counts[total],
        members=counts[members],
        by_kind={kind: counts[f"kind:{kind}"] for kind in kinds},
        members_by_kind={kind: counts[f"members:{kind}"] for kind in kinds},
    )


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
    zones = session_zones()
    sessions = scope_sessions(scope, zones)

    session_rows = list(
        sessions.annotate(
            audience=Count(
                "attendances",
                filter=Q(attendances__attended=True, attendances__role=Role.ATTENDEE),
            ),
            recorded=Exists(Attendance.objects.filter(session=OuterRef("pk"))),
        )
        .order_by("starts_at", "pk")
        .values_list("slug", "title", "starts_at", "audience", "recorded")
    )
    scope_start = session_rows[0][2] if session_rows else None
    per_session = tuple(
        SessionAudience(slug=slug, title=title, starts_at=starts_at, attendees=audience)
        for slug, title, starts_at, audience, recorded in session_rows
        if recorded
    )

    registrations = with_organisation(registration_rows(sessions), zones).annotate(
        report_returning=returning_q(scope_start)
    )
    registrant_aggregates: dict[str, Any] = {
        "registrations": Count("pk"),
        "registrants": Count("person", distinct=True),
        "member_registrants": Count("person", distinct=True, filter=Q(report_member=True)),
        "returning": Count("person", distinct=True, filter=Q(report_returning=True)),
    }
    for code in Language.values:
        registrant_aggregates[f"language:{code}"] = Count(
            "person", distinct=True, filter=Q(person__preferred_language=code)
        )
    audience = audience_rows(sessions)
    audience_aggregates: dict[str, Any] = {
        "people": Count("person", distinct=True),
        "unmatched": Count("key", distinct=True, filter=Q(person__isnull=True)),
    }
    if represented_by == "registrants":
        registrant_aggregates.update(_organisation_aggregates())
        represented: QuerySet[Any] = registration_rows(sessions)
    else:
        audience = with_organisation(audience, zones)
        audience_aggregates.update(_organisation_aggregates())
        represented = audience_rows(sessions)

    counts = registrations.aggregate(**registrant_aggregates)
    attended = audience.aggregate(**audience_aggregates)
    organisations = counts if represented_by == "registrants" else attended

    by_country = dict(
        with_country(represented)
        .filter(report_country__isnull=False)
        .values("report_country")
        .annotate(people=Count("person", distinct=True))
        .order_by("-people", "report_country")
        .values_list("report_country", "people")
    )
    topics = tuple(
        TopicRegistrations(slug=slug, name=name, name_fr=name_fr, registrations=n)
        for slug, name, name_fr, n in Topic.objects.filter(session__in=sessions.values("pk"))
        .annotate(
            registrations=Count(
                "session__registrations",
                filter=Q(session__registrations__status__in=ACTIVE_STATUSES),
            )
        )
        .order_by("-registrations", "slug")
        .values_list("slug", "name", "name_fr", "registrations")
    )

    registrants = counts["registrants"]
    return ReportFigures(
        scope=scope,
        represented_by=represented_by,
        sessions=len(session_rows),
        registrants=registrants,
        registrations=counts["registrations"],
        attendees=attended["people"] + attended["unmatched"],
        audience=_audience_figures(per_session),
        local_authorities=_kind_figures(
            organisations, AUTHORITY_KIND_VALUES, "authorities", "authority_members"
        ),
        institutions=_kind_figures(
            organisations, INSTITUTION_KIND_VALUES, "institutions", "institution_members"
        ),
        countries=organisations["countries"],
        by_country=by_country,
        pending_review=organisations["pending_review"],
        new_participants=registrants - counts["returning"],
        returning_participants=counts["returning"],
        member_registrants=counts["member_registrants"],
        members_share=round(counts["member_registrants"] / registrants, 4) if registrants else None,
        languages={code: counts[f"language:{code}"] for code in Language.values},
        topics=topics,
    )
