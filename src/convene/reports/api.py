"""``GET /api/reports``: the impact report's figures as JSON (staff token).

The same object as ``convene report SLUG --json`` (``serialise.report_as_json``).
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema

from convene.core.api_auth import staff_token
from convene.core.api_types import Day, Text
from convene.reports.scope import scope_get
from convene.reports.selectors import report_figures
from convene.reports.serialise import report_as_json

router = Router(auth=staff_token)


class ReportIn(Schema):
    series: Text = Field("", max_length=100, description="Slug of a series.")
    section: Text = Field(
        "", max_length=100, description="Slug of a section (its subsections included)."
    )
    from_: Day | None = Field(
        None, alias="from", description="First session date of a period (inclusive)."
    )
    until: Day | None = Field(None, description="Last session date of a period (inclusive).")
    represented: Literal["registrants", "attendees"] = Field(
        "registrants",
        description="An organisation or country is represented by at least one registrant "
        "(default) or at least one attendee.",
    )


class ScopeOut(Schema):
    kind: Literal["series", "section", "period", "network"]
    series: str | None
    section: str | None
    from_: dt.date | None = Field(alias="from")
    until: dt.date | None


class SessionAudienceOut(Schema):
    session: str
    attendees: int


class AudienceOut(Schema):
    per_session: list[SessionAudienceOut]
    mean: float | None
    median: float | None
    min: int | None
    max: int | None


class AuthorityKindsOut(Schema):
    local_authority: int
    regional_authority: int


class InstitutionKindsOut(Schema):
    public_body: int
    research: int
    ngo: int
    private: int
    other: int


class LocalAuthoritiesOut(Schema):
    represented: int
    members: int
    by_kind: AuthorityKindsOut
    members_by_kind: AuthorityKindsOut


class InstitutionsOut(Schema):
    total: int
    members: int
    by_kind: InstitutionKindsOut
    members_by_kind: InstitutionKindsOut


class ParticipantsOut(Schema):
    new: int
    returning: int


class TopicOut(Schema):
    topic: str
    registrations: int


class ReportOut(Schema):
    scope: ScopeOut
    sessions: int
    registrants: int
    registrations: int
    attendees: int
    audience: AudienceOut
    local_authorities: LocalAuthoritiesOut
    institutions: InstitutionsOut
    countries: int
    pending_review: int
    represented_by: Literal["registrants", "attendees"]
    by_country: dict[str, int]
    participants: ParticipantsOut
    member_registrants: int
    members_share: float | None
    languages: dict[str, int]
    topics: list[TopicOut]


@router.get("", response=ReportOut, by_alias=True)
def report_get(request: HttpRequest, params: Query[ReportIn]) -> dict[str, Any]:
    """The figures for a series (``series``), a section (``section``), a period of session
    dates (``from`` and/or ``until``), or with none of them the whole network."""
    scope = scope_get(
        series=params.series.strip(),
        section=params.section.strip(),
        start=params.from_,
        end=params.until,
    )
    return report_as_json(report_figures(scope=scope, represented_by=params.represented))
