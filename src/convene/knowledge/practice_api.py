"""Practice library endpoints: search with filters, and one practice. Anyone may call them;
each answer holds only what the caller may see (the same selectors as the pages), a practice
the caller may not see answers 404 as a missing one does, and the contact person is given to
member users and staff only. A staff bearer token (``convene token create``) counts as staff;
a wrong one answers 401.

Texts are translated content: each field is the text in the request's language (falling back
to English), and ``translations`` maps every content language to its texts."""

import datetime as dt
from typing import Any

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.errors import AuthenticationError
from ninja.pagination import paginate

from convene.core.access import Viewer
from convene.core.api_auth import staff_token
from convene.core.api_types import BoundedLimitOffset, Text
from convene.core.translated import translations
from convene.knowledge.models import EvidenceLevel, Practice
from convene.knowledge.models.practices import PRACTICE_TEXTS
from convene.knowledge.search import highlight_html
from convene.knowledge.selectors import network
from convene.knowledge.selectors.practices import (
    PracticeFilters,
    practice_get_for_viewer,
    practice_search,
)
from convene.sections.access import viewer as request_viewer

router = Router()


def _viewer(request: HttpRequest) -> Viewer:
    """The caller: a staff bearer token when one is sent (a wrong one is a 401), else the
    signed-in session, else anonymous."""
    if request.headers.get("Authorization") and staff_token(request) is None:
        raise AuthenticationError
    return request_viewer(request)


class PracticeQueryIn(Schema):
    q: Text = Field("", max_length=200, description="Words, all of which must match.")
    topic: Text = Field("", max_length=80, description="A topic's slug.")
    country: Text = Field("", max_length=2, description="ISO 3166 country code.")
    city: int | None = Field(None, ge=1, le=2**53, description="An organisation's id.")
    evidence: EvidenceLevel | None = None


class OrganisationRefOut(Schema):
    id: int
    name: str
    kind: str
    country: str


class PracticeListOut(Schema):
    slug: str
    title: str
    summary: str
    country: str
    evidence_level: str
    topics: list[str] = Field(..., description="Slugs.")
    organisations: list[OrganisationRefOut]
    snippet_html: str | None = Field(
        None, description="With words: where they matched, HTML-escaped, matches in <mark>."
    )

    @staticmethod
    def resolve_title(obj: Practice) -> str:
        return str(obj.title)

    @staticmethod
    def resolve_summary(obj: Practice) -> str:
        return str(obj.summary)

    @staticmethod
    def resolve_topics(obj: Practice) -> list[str]:
        return [t.slug for t in obj.topics.all()]

    @staticmethod
    def resolve_organisations(obj: Practice) -> list[Any]:
        return list(obj.organisations.all())

    @staticmethod
    def resolve_snippet_html(obj: Practice) -> str | None:
        snippet = getattr(obj, "snippet", None)
        return str(highlight_html(snippet)) if snippet is not None else None


class ContactOut(Schema):
    name: str
    email: str
    organisation: str | None


class PracticeOut(Schema):
    slug: str
    title: str
    summary: str
    problem: str
    actions: str = Field(..., description="What was done.")
    partners: str
    results: str
    evaluation: str
    target_group: str
    translations: dict[str, dict[str, str]] = Field(
        ..., description="Field name to language code to text."
    )
    language: str
    country: str
    evidence_level: str
    started_on: dt.date | None
    ended_on: dt.date | None
    ongoing: bool
    funding: str
    topics: list[str]
    organisations: list[OrganisationRefOut]
    sessions: list[str] = Field(..., description="Slugs of the sessions it was presented at.")
    contact: ContactOut | None = Field(None, description="Member users and staff only.")


def _practice_out(practice: Practice, *, show_contact: bool) -> dict[str, Any]:
    texts = ("title", *PRACTICE_TEXTS, "target_group")
    contact = practice.contact if show_contact else None
    return {
        **{name: str(getattr(practice, name)) for name in texts},
        "translations": {name: translations(getattr(practice, name)) for name in texts},
        "slug": practice.slug,
        "language": practice.language,
        "country": practice.country,
        "evidence_level": practice.evidence_level,
        "started_on": practice.started_on,
        "ended_on": practice.ended_on,
        "ongoing": practice.ongoing,
        "funding": practice.funding,
        "topics": [t.slug for t in practice.topics.all()],
        "organisations": list(practice.organisations.all()),
        "sessions": [s.slug for s in practice.sessions.all()],
        "contact": (
            {
                "name": contact.name,
                "email": contact.email,
                "organisation": contact.organisation.name if contact.organisation else None,
            }
            if contact
            else None
        ),
    }


@router.get("", response=list[PracticeListOut])
@paginate(BoundedLimitOffset)
def practice_list(request: HttpRequest, params: Query[PracticeQueryIn]) -> Any:
    """The practices the caller may see matching ``q`` and the filters; with words, the best
    matches first."""
    filters = PracticeFilters(
        topic=params.topic.strip(),
        country=params.country.strip().upper(),
        city=params.city,
        evidence=params.evidence or "",
    )
    return practice_search(viewer=_viewer(request), query=params.q, filters=filters)


@router.get("{slug}", response=PracticeOut)
def practice_get(request: HttpRequest, slug: str) -> dict[str, Any]:
    """One practice; 404 when it does not exist or the caller may not see it."""
    viewer = _viewer(request)
    practice = practice_get_for_viewer(viewer=viewer, slug=slug)
    return _practice_out(practice, show_contact=network.may_see_people(viewer))
