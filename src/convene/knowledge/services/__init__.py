"""Knowledge writes, one module per kind of record: ``practices`` (re-exported here),
``proposals`` and ``proposal_answers`` (topic proposals)."""

from convene.knowledge.services.practices import (
    PracticeData,
    practice_create,
    practice_delete,
    practice_update,
    practices_reindex,
)

__all__ = [
    "PracticeData",
    "practice_create",
    "practice_delete",
    "practice_update",
    "practices_reindex",
]
