"""Merging two records of one person, with what the network platform holds of them. The merge
itself is attendance's (``convene.attendance.services.people``, which deletes the other record);
knowledge sits above it, so it moves its own rows first: the staff page calls this one."""

from __future__ import annotations

from django.db import transaction

from convene.attendance.services import people as attendance_people
from convene.core.models import User
from convene.directory.models import Person
from convene.knowledge.models.proposals import Proposal, ProposalSupport


def _move_proposals(kept: Person, other: Person) -> None:
    """``other``'s topic proposals and supports become ``kept``'s. A proposal both supported
    keeps one support. The merged person may end above a round's limit: the supports stay, and
    new ones are refused until they are below it again."""
    Proposal.objects.filter(proposed_by=other).update(proposed_by=kept)
    both = ProposalSupport.objects.filter(person=kept).values("proposal_id")
    ProposalSupport.objects.filter(person=other, proposal_id__in=both).delete()
    ProposalSupport.objects.filter(person=other).update(person=kept)


@transaction.atomic
def person_merge(*, actor: User | None, kept: Person, other: Person) -> Person:
    """Fold ``other`` into ``kept``: topic proposals and supports, then everything attendance's
    merge moves (registrations, attendance, speaker roles, blank fields). One transaction: if
    attendance's merge refuses, nothing moved."""
    if kept.pk != other.pk:
        _move_proposals(kept, other)
    return attendance_people.person_merge(actor=actor, kept=kept, other=other)
