"""Minutes, documents, practices and topic proposals; one module per concern. Sections live in
convene.sections, below programme."""

from convene.knowledge.models.proposals import (
    Proposal,
    ProposalRound,
    ProposalStatus,
    ProposalSupport,
)

__all__ = ["Proposal", "ProposalRound", "ProposalStatus", "ProposalSupport"]
