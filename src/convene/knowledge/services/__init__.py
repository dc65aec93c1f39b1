"""Knowledge writes, one module per kind of record."""

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
