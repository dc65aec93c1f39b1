"""The report as one JSON object, the same for ``GET /api/reports`` and ``convene report --json``.

The keys of issue 6 come first and keep their shapes; the further figures follow them. The
object holds no translated text, so it is the same whatever the language of the request.
"""

from __future__ import annotations

from typing import Any

from convene.reports.scope import Scope
from convene.reports.selectors import KindFigures, ReportFigures


def scope_as_json(scope: Scope) -> dict[str, Any]:
    return {
        "kind": scope.kind,
        "series": scope.series.slug if scope.series is not None else None,
        "section": scope.section.slug if scope.section is not None else None,
        "from": scope.start.isoformat() if scope.start is not None else None,
        "until": scope.end.isoformat() if scope.end is not None else None,
    }


def _kinds(figures: KindFigures) -> dict[str, dict[str, int]]:
    return {"by_kind": dict(figures.by_kind), "members_by_kind": dict(figures.members_by_kind)}


def report_as_json(figures: ReportFigures) -> dict[str, Any]:
    audience = figures.audience
    return {
        "scope": scope_as_json(figures.scope),
        "sessions": figures.sessions,
        "registrants": figures.registrants,
        "registrations": figures.registrations,
        "attendees": figures.attendees,
        "audience": {
            "per_session": [
                {"session": row.slug, "attendees": row.attendees} for row in audience.per_session
            ],
            "mean": audience.mean,
            "median": audience.median,
            "min": audience.min,
            "max": audience.max,
        },
        "local_authorities": {
            "represented": figures.local_authorities.total,
            "members": figures.local_authorities.members,
            **_kinds(figures.local_authorities),
        },
        "institutions": {
            "total": figures.institutions.total,
            "members": figures.institutions.members,
            **_kinds(figures.institutions),
        },
        "countries": figures.countries,
        "pending_review": figures.pending_review,
        # Further figures of the issue, beyond its JSON sketch.
        "represented_by": figures.represented_by,
        "by_country": dict(figures.by_country),
        "participants": {
            "new": figures.new_participants,
            "returning": figures.returning_participants,
        },
        "member_registrants": figures.member_registrants,
        "members_share": figures.members_share,
        "languages": dict(figures.languages),
        "topics": [
            {"topic": topic.slug, "registrations": topic.registrations} for topic in figures.topics
        ],
    }
