"""The organisations a report counts, one row each, with the people behind them.

One ``GROUP BY`` query over the represented rows (registrations, or the audience with the
switch), grouped by the organisation counted (``report_root``: a department counts as its
city). The page shows the first rows as "top organisations"; the XLSX export lists them all.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import CharField, Count, Q, QuerySet
from django.db.models.functions import Coalesce

from convene.reports.scope import Scope, scope_sessions, session_zones
from convene.reports.selectors import (
    REPRESENTED_BY,
    RepresentedBy,
    audience_rows,
    registration_rows,
    with_organisation,
)

_ORG = "person__organisation"
_UP = (f"{_ORG}__parent__parent", f"{_ORG}__parent", _ORG)


@dataclass(frozen=True)
class OrganisationRow:
    """An organisation counted in a report: the people who represent it, and whether it was a
    member on the date of at least one of their sessions."""

    pk: int
    name: str
    kind: str
    country: str
    people: int
    member: bool


def _highest(field: str) -> Coalesce:
    return Coalesce(*(f"{level}__{field}" for level in _UP), output_field=CharField())


def organisation_rows(
    *, scope: Scope, represented_by: RepresentedBy = "registrants"
) -> QuerySet[Any, dict[str, Any]]:
    """Represented organisations as ``values`` rows, most people first (one query)."""
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


def top_organisations(
    *, scope: Scope, represented_by: RepresentedBy = "registrants", limit: int | None = 10
) -> list[OrganisationRow]:
    """The organisations with the most people in ``scope`` (all of them with ``limit=None``)."""
    rows = organisation_rows(scope=scope, represented_by=represented_by)
    if limit is not None:
        rows = rows[:limit]
    return [
        OrganisationRow(
            pk=row["report_root"],
            name=row["report_name"],
            kind=row["report_kind"],
            country=row["report_org_country"] or "",
            people=row["people"],
            member=row["member_rows"] > 0,
        )
        for row in rows
    ]
