"""Knowledge of the network: minutes and documents, practices and topic proposals, one module per
kind of record; this package re-exports the models. Sections live in convene.sections, below
programme."""

from convene.knowledge.models.documents import Document, document_storage, document_upload_to
from convene.knowledge.models.minutes import (
    Minutes,
    MinutesNotice,
    MinutesNoticeKind,
    MinutesRevision,
    MinutesState,
)
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
    "Document",
    "EvidenceLevel",
    "Minutes",
    "MinutesNotice",
    "MinutesNoticeKind",
    "MinutesRevision",
    "MinutesState",
    "Practice",
    "PracticeSearch",
    "Proposal",
    "ProposalRound",
    "ProposalStatus",
    "ProposalSupport",
    "document_storage",
    "document_upload_to",
]
