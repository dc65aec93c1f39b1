"""The network platform's pages: the home (the sections a viewer may see, as a tree) and one
section (its description, subsections and sessions). They show programme sessions inside
sections, so they sit at the top layer.

Other parts of the platform (minutes, documents, practices) add a block to the section page by
appending a function to :data:`SECTION_BLOCKS`: it gets the request, the viewer and the section,
and returns a :class:`Block` (a template and its context) or None to show nothing. It must filter
with ``sections.selectors.visible_q`` (a constant number of queries)."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from convene.core.access import Viewer
from convene.programme.models import Session, SessionStatus
from convene.sections.access import refuse, staff_only, viewer
from convene.sections.models import Section
from convene.sections.selectors import may_view, section_get, section_list_visible, visible_q


@dataclasses.dataclass
class Block:
    template: str
    context: dict[str, Any]


#: Blocks shown on a section's page, in order, after its sessions.
SECTION_BLOCKS: list[Callable[[HttpRequest, Viewer, Section], Block | None]] = []


@dataclasses.dataclass
class Node:
    section: Section
    children: list[Node] = dataclasses.field(default_factory=list)


def section_tree(sections: list[Section]) -> list[Node]:
    """The sections as a forest: a section whose parent is not in the list is a root."""
    nodes = {s.pk: Node(s) for s in sections}
    roots: list[Node] = []
    for s in sections:
        parent = nodes.get(s.parent_id) if s.parent_id else None
        (parent.children if parent is not None else roots).append(nodes[s.pk])
    return roots


@require_GET
def network_home(request: HttpRequest) -> HttpResponse:
    """The sections the viewer may see (one query for the viewer, one for the sections)."""
    who = viewer(request)
    sections = list(section_list_visible(who))
    return render(request, "sections/network_home.html", {"tree": section_tree(sections)})


def section_sessions(who: Viewer, section: Section) -> list[Session]:
    """The published sessions of the section's series that the viewer may see."""
    return list(
        Session.objects.filter(series__section=section, status=SessionStatus.PUBLISHED)
        .filter(visible_q(who, section_field="series__section"))
        .select_related("series")
        .order_by("-starts_at", "pk")
    )


@require_GET
def section_detail(request: HttpRequest, slug: str) -> HttpResponse:
    who = viewer(request)
    section = section_get(slug=slug)
    if section is None:
        return refuse(request, who, staff_only=True)
    if not may_view(who, section):
        return refuse(request, who, staff_only=staff_only(section.effective_access))
    visible = {s.pk: s for s in section_list_visible(who)}
    children = [s for s in visible.values() if s.parent_id == section.pk]
    blocks = [b for b in (block(request, who, section) for block in SECTION_BLOCKS) if b]
    context = {
        "section": section,
        "ancestors": _ancestors(section, visible),
        "children": children,
        "sessions": section_sessions(who, section),
        "blocks": blocks,
    }
    return render(request, "sections/section_detail.html", context)


def _ancestors(section: Section, visible: dict[int, Section]) -> list[Section]:
    """The path from the root, as far up as the viewer may see (no query)."""
    chain: list[Section] = []
    node = visible.get(section.parent_id) if section.parent_id else None
    while node is not None and len(chain) < len(visible):
        chain.append(node)
        node = visible.get(node.parent_id) if node.parent_id else None
    return chain[::-1]
