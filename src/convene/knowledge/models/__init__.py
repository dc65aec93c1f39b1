"""Minutes, documents, practices and topic proposals: one module per kind of record."""

from convene.knowledge.models.practices import (
    EvidenceLevel,
    Practice,
    PracticeAccess,
    PracticeSearch,
)

__all__ = ["EvidenceLevel", "Practice", "PracticeAccess", "PracticeSearch"]
