"""Reading documents through the access rule: lists filter in the database
(``document_visible_q``), one document is checked as the minutes are."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from convene.knowledge.access import Viewer, check_view, document_visible_q
from convene.knowledge.models import Document
from convene.programme.models import Session
from convene.programme.selectors import PUBLIC_STATUSES
from convene.sections.models import Section


def _documents() -> QuerySet[Document]:
    return Document.objects.select_related("session__series__section", "section")


def document_list_for_viewer(
    *, viewer: Viewer, session: Session | None = None, section: Section | None = None
) -> QuerySet[Document]:
    """The documents of ``session`` or ``section`` that ``viewer`` may download."""
    documents = _documents().filter(document_visible_q(viewer))
    if session is not None:
        documents = documents.filter(session=session)
    if section is not None:
        documents = documents.filter(section=section)
    return documents.order_by("title", "pk")


def document_get_for_viewer(*, viewer: Viewer, pk: int) -> Document:
    """The document if ``viewer`` may download it; ``MembersOnly`` when it is for members the
    viewer is not one of; else Http404 (a draft session's, a staff one, or none)."""
    document = _documents().filter(pk=pk).first()
    if document is None:
        raise Http404
    if viewer.is_staff:
        return document
    if document.session is not None and document.session.status not in PUBLIC_STATUSES:
        raise Http404
    check_view(viewer, document)
    return document


def document_list_for_staff(
    *, session: Session | None = None, section: Section | None = None
) -> QuerySet[Document]:
    documents = _documents().select_related("uploaded_by")
    if session is not None:
        documents = documents.filter(session=session)
    if section is not None:
        documents = documents.filter(section=section)
    return documents.order_by("title", "pk")


def document_get_for_staff(*, pk: int) -> Document:
    document = _documents().filter(pk=pk).first()
    if document is None:
        raise Http404
    return document
