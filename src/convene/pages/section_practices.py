"""The practices of a section, as a block on the section's page (``pages.network.SECTION_BLOCKS``).
Registered when ``convene.urls`` imports this module."""

from __future__ import annotations

from django.db.models import Prefetch
from django.http import HttpRequest

from convene.core.access import Viewer
from convene.directory.models import Organisation
from convene.knowledge.selectors.practices import practices_visible
from convene.pages.network import SECTION_BLOCKS, Block
from convene.sections.models import Section


def practices_block(request: HttpRequest, who: Viewer, section: Section) -> Block | None:
    """The section's practices that ``who`` may see, by title (three queries), or nothing."""
    practices = list(
        practices_visible(who)
        .filter(section=section)
        .order_by("title", "pk")
        .prefetch_related(
            "topics", Prefetch("organisations", queryset=Organisation.objects.order_by("name"))
        )
    )
    if not practices:
        return None
    return Block("knowledge/_section_practices.html", {"practices": practices})


if practices_block not in SECTION_BLOCKS:
    SECTION_BLOCKS.append(practices_block)
