"""Reads of topic proposals. Lists come with their support counts (one aggregate) and their
joins applied, so that a page's query count does not grow with its rows."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, F, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from convene.knowledge.models.proposals import Proposal, ProposalRound, ProposalStatus
from convene.knowledge.proposal_rules import Participation
from convene.programme.models import Series, Session


def require_view(participation: Participation) -> None:
    """Hide proposals from whoever may not see them: 404, so that nothing leaks."""
    if not participation.may_view:
        raise Http404


def round_current(*, today: dt.date | None = None) -> ProposalRound | None:
    """The round open today, if any (rounds do not overlap)."""
    day = today or timezone.localdate()
    return ProposalRound.objects.filter(opens_on__lte=day, closes_on__gte=day).first()


def round_list(*, past_only: bool = False, today: dt.date | None = None) -> QuerySet[ProposalRound]:
    """Rounds, newest first, with their number of proposals (merged ones included)."""
    rounds = ProposalRound.objects.annotate(
        proposal_count=Count("proposals", distinct=True)
    ).order_by("-opens_on", "-id")
    if past_only:
        rounds = rounds.filter(closes_on__lt=today or timezone.localdate())
    return rounds


def round_get(*, pk: int) -> ProposalRound:
    """One round, with ``proposal_count``."""
    return get_object_or_404(round_list(), pk=pk)


def _with_counts(proposals: QuerySet[Proposal]) -> QuerySet[Proposal]:
    return proposals.select_related(
        "round", "proposed_by__organisation", "merged_into", "session__series"
    ).annotate(support_count=Count("supports"))


def proposal_list(*, round_obj: ProposalRound | None = None) -> QuerySet[Proposal]:
    """Proposals with ``support_count``, most supported first, then oldest first."""
    proposals = Proposal.objects.all()
    if round_obj is not None:
        proposals = proposals.filter(round=round_obj)
    return _with_counts(proposals).order_by(F("support_count").desc(), "created_at", "id")


def proposal_get(*, pk: int) -> Proposal:
    proposal = _with_counts(Proposal.objects.filter(pk=pk)).first()
    if proposal is None:
        raise Http404
    return proposal


def supported_ids(*, person_id: int | None, round_obj: ProposalRound) -> set[int]:
    """The proposals of the round that the person supports."""
    if person_id is None:
        return set()
    return set(
        Proposal.objects.filter(round=round_obj, supports__person_id=person_id).values_list(
            "pk", flat=True
        )
    )


def proposal_for_session(*, session: Session) -> Proposal | None:
    """The proposal a session came from, for the public session page."""
    return Proposal.objects.filter(session=session).only("pk", "title").first()


def merge_targets(*, proposal: Proposal) -> QuerySet[Proposal]:
    """Proposals ``proposal`` may be merged into: same round, not merged, not itself."""
    return (
        Proposal.objects.filter(round_id=proposal.round_id)
        .exclude(pk=proposal.pk)
        .exclude(status=ProposalStatus.MERGED)
        .order_by("created_at", "id")
    )


def series_for_sessions() -> QuerySet[Series]:
    """Series a proposal may become a session of, newest first (the next series leads)."""
    return Series.objects.order_by("-created_at", "-id")
