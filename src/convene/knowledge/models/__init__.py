"""Minutes, documents, practices and topic proposals: one module per kind of record."""

from convene.knowledge.models.practices import (
    EvidenceLevel,
    Practice,
    PracticeSearch,
)

__all__ = ["EvidenceLevel", "Practice", "PracticeSearch"]
