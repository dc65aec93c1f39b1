"""Knowledge writes, one module per kind of record: ``minutes``, ``documents``, ``practices``
(re-exported here), ``proposals`` and ``proposal_answers`` (topic proposals). Views, the API, the
CLI and tasks all call these functions."""

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
