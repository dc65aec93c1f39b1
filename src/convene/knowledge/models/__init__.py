"""Minutes, documents, practices and topic proposals: one module per kind of record. Sections
live in convene.sections, below programme."""

from convene.knowledge.models.practices import (
    EvidenceLevel,
    Practice,
    PracticeSearch,
)
from convene.knowledge.models.proposals import (
    Proposal,
    ProposalRound,
    ProposalStatus,
    ProposalSupport,
)

__all__ = [
    "EvidenceLevel",
    "Practice",
    "PracticeSearch",
    "Proposal",
    "ProposalRound",
    "ProposalStatus",
    "ProposalSupport",
]
