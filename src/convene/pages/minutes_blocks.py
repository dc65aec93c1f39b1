"""The section page's block of minutes and documents (``convene.pages.network.SECTION_BLOCKS``):
the minutes of the section's sessions and the section's own documents that the viewer may
see, in two queries whatever their number (both filtered with the access rule in SQL).
Registered when ``convene.urls`` imports this module."""

from __future__ import annotations

from django.http import HttpRequest

from convene.core.access import Viewer
from convene.knowledge.selectors.documents import document_list_for_viewer
from convene.knowledge.selectors.minutes import minutes_list_for_viewer
from convene.pages.network import SECTION_BLOCKS, Block
from convene.sections.models import Section


def minutes_and_documents(request: HttpRequest, who: Viewer, section: Section) -> Block | None:
    minutes = list(minutes_list_for_viewer(viewer=who).filter(session__series__section=section))
    documents = list(document_list_for_viewer(viewer=who, section=section))
    if not minutes and not documents:
        return None
    return Block("knowledge/_section_block.html", {"minutes": minutes, "documents": documents})


if minutes_and_documents not in SECTION_BLOCKS:
    SECTION_BLOCKS.append(minutes_and_documents)
