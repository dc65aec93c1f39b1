"""Knowledge of the network: minutes and documents (``minutes``, ``documents``), practices and
topic proposals. Each kind of content has its own module; this package re-exports the models."""

from convene.knowledge.models.documents import Document, document_storage, document_upload_to
from convene.knowledge.models.minutes import (
    Minutes,
    MinutesNotice,
    MinutesNoticeKind,
    MinutesRevision,
    MinutesState,
)

__all__ = [
    "Document",
    "Minutes",
    "MinutesNotice",
    "MinutesNoticeKind",
    "MinutesRevision",
    "MinutesState",
    "document_storage",
    "document_upload_to",
]
