"""Read endpoints of topic proposals: rounds and proposals with their support counts.

Who may read them is the rule of ``convene.knowledge.proposal_rules``: signed-in members and
partners (their browser session) and staff (their session or a staff token). To anyone else
every endpoint answers 404, so that nothing about proposals leaks."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Field, Router, Schema
from ninja.pagination import paginate

from convene.core.api_auth import staff_token
from convene.core.api_types import BoundedLimitOffset
from convene.core.translated import translations
from convene.knowledge.models.proposals import Proposal, ProposalRound
from convene.knowledge.proposal_rules import participation_for
from convene.knowledge.selectors import proposals as selectors
from convene.programme.models import SessionStatus
from convene.sections.access import viewer

router = Router(auth=None)


def _require_view(request: HttpRequest) -> None:
    """A staff token when one is sent (``Authorization: Bearer …``), else the browser session;
    whoever may not see proposals, a wrong token included, gets 404 rather than 401."""
    if request.headers.get("Authorization"):
        staff_token(request)  # sets request.user when the token is valid
    selectors.require_view(participation_for(viewer(request)))


class RoundOut(Schema):
    id: int
    title: str = Field(..., description="In the request's language, else English.")
    title_translations: dict[str, str]
    opens_on: dt.date
    closes_on: dt.date = Field(..., description="The last day of the round.")
    supports_per_person: int
    is_open: bool
    proposal_count: int

    @staticmethod
    def resolve_title(obj: ProposalRound) -> str:
        return str(obj.title)

    @staticmethod
    def resolve_title_translations(obj: ProposalRound) -> dict[str, str]:
        return translations(obj.title)

    @staticmethod
    def resolve_is_open(obj: ProposalRound) -> bool:
        return obj.is_open()


class ProposalOut(Schema):
    id: int
    round: int = Field(..., alias="round_id")
    title: str = Field(..., description="In the request's language, else the proposer's.")
    title_translations: dict[str, str]
    rationale: str
    rationale_translations: dict[str, str]
    status: str = Field(..., description="open, accepted, not_now or merged.")
    answer: str
    answer_translations: dict[str, str]
    answered_at: dt.datetime | None
    support_count: int
    merged_into: int | None = Field(None, alias="merged_into_id")
    session: str | None = Field(None, description="The published session it became (slug).")
    created_at: dt.datetime

    @staticmethod
    def resolve_title(obj: Proposal) -> str:
        return str(obj.title)

    @staticmethod
    def resolve_title_translations(obj: Proposal) -> dict[str, str]:
        return translations(obj.title)

    @staticmethod
    def resolve_rationale(obj: Proposal) -> str:
        return str(obj.rationale)

    @staticmethod
    def resolve_rationale_translations(obj: Proposal) -> dict[str, str]:
        return translations(obj.rationale)

    @staticmethod
    def resolve_answer(obj: Proposal) -> str:
        return str(obj.answer)

    @staticmethod
    def resolve_answer_translations(obj: Proposal) -> dict[str, str]:
        return translations(obj.answer)

    @staticmethod
    def resolve_session(obj: Proposal) -> str | None:
        session = obj.session
        if session is None or session.status != SessionStatus.PUBLISHED:
            return None
        return session.slug


@router.get("proposal-rounds", response=list[RoundOut])
@paginate(BoundedLimitOffset)
def round_list(request: HttpRequest, **kwargs: Any) -> QuerySet[ProposalRound]:
    """Every round, newest first."""
    _require_view(request)
    return selectors.round_list()


@router.get("proposal-rounds/{round_id}", response=RoundOut)
def round_get(request: HttpRequest, round_id: int) -> ProposalRound:
    _require_view(request)
    return selectors.round_get(pk=round_id)


@router.get("proposal-rounds/{round_id}/proposals", response=list[ProposalOut])
@paginate(BoundedLimitOffset)
def proposal_list(request: HttpRequest, round_id: int, **kwargs: Any) -> QuerySet[Proposal]:
    """The round's proposals, most supported first."""
    _require_view(request)
    return selectors.proposal_list(round_obj=selectors.round_get(pk=round_id))


@router.get("proposals/{proposal_id}", response=ProposalOut)
def proposal_get(request: HttpRequest, proposal_id: int) -> Proposal:
    _require_view(request)
    return selectors.proposal_get(pk=proposal_id)
