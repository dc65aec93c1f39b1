"""Who may read minutes and download documents: the rule of ``convene.core.access`` applied
through ``convene.sections.selectors`` (``visible_q`` for lists, ``may_view`` for one object).

Minutes sit in their session's section (the session's series' section) and follow the
session's own access; a document of a session likewise, a document of a section in that
section. Either may set a stricter access of its own. Nothing here decides anything the rule
does not: it says where each object sits.

Refusals. When a published object is closed to a viewer only because it is for members (its
access in effect is ``members``), selectors raise ``MembersOnly`` and pages answer as every page
of the platform does (``sections.access.refuse``: the sign-in page for someone not signed in, a
403 page on how to join for a signed-in non-member); anything stricter (staff only) answers 404,
so that its existence does not leak. The API answers 404 to both.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q
from django.http import Http404, HttpRequest

from convene.core.access import Access, Viewer, stricter
from convene.directory.models import Person
from convene.directory.selectors import people_viewers, person_access_facts, viewer_for
from convene.knowledge.models import Document, Minutes, MinutesState
from convene.programme.selectors import PUBLIC_STATUSES
from convene.sections.access import viewer as sections_viewer
from convene.sections.models import Section
from convene.sections.selectors import may_view, may_view_many, visible_q

__all__ = [
    "MembersOnly",
    "Viewer",
    "check_view",
    "document_visible_q",
    "effective_access",
    "minutes_visible_q",
    "people_may_view",
    "person_may_view",
    "person_viewer",
    "request_viewer",
]

_SESSION_SECTION = "session__series__section"


class MembersOnly(Exception):
    """The object exists and is published, and is for members the viewer is not one of."""


@dataclass(frozen=True)
class _Placed:
    """An object as the rule sees it: the section it sits in, and its own access."""

    section: Section | None
    access: str


def _placed(obj: Minutes | Document) -> _Placed:
    session = obj.session
    if session is None:  # a section's document
        return _Placed(obj.section, obj.access)
    return _Placed(session.series.section, stricter(session.access, obj.access))


def request_viewer(request: HttpRequest) -> Viewer:
    """The request's viewer (worked out once per request)."""
    return sections_viewer(request)


def effective_access(obj: Minutes | Document) -> Access:
    """The access in effect: the stricter of the section's (public outside any section) and
    the object's own."""
    placed = _placed(obj)
    section_level = placed.section.effective_access if placed.section else Access.PUBLIC
    return stricter(section_level, placed.access)


def check_view(viewer: Viewer, obj: Minutes | Document) -> None:
    """Return if ``viewer`` may see ``obj``; raise ``MembersOnly`` when it is for members, and
    Http404 when it is stricter than that."""
    if may_view(viewer, _placed(obj)):
        return
    if effective_access(obj) == Access.MEMBERS:
        raise MembersOnly
    raise Http404


def minutes_visible_q(viewer: Viewer) -> Q:
    """The minutes ``viewer`` may read: published, of a public session, and open to them."""
    if viewer.is_staff:
        return Q()
    return Q(state=MinutesState.PUBLISHED, session__status__in=PUBLIC_STATUSES) & _in_session(
        viewer
    )


def _in_session(viewer: Viewer) -> Q:
    """Rows of a session that ``viewer`` may see, by the session's section, the session's own
    access and the row's own access (the stricter of the two own accesses decides)."""
    return visible_q(viewer, section_field=_SESSION_SECTION) & visible_q(
        viewer, section_field=_SESSION_SECTION, access_field="session__access"
    )


def document_visible_q(viewer: Viewer) -> Q:
    """The documents ``viewer`` may download: a public session's, or a section's, open to them."""
    if viewer.is_staff:
        return Q()
    of_session = Q(session__isnull=False, session__status__in=PUBLIC_STATUSES) & _in_session(viewer)
    of_section = Q(session__isnull=True) & visible_q(viewer, section_field="section")
    return of_session | of_section


def person_viewer(person: Person) -> Viewer:
    """``person`` as a viewer today, signed in or not: a registrant mailed about minutes may have
    no account yet (their account's viewer when they have one)."""
    if person.user_id is not None:
        return viewer_for(person.user)
    facts = person_access_facts(person=person)
    organisation = person.organisation_id if facts.organisation_trusted else None
    return Viewer(None, person.pk, organisation, False, facts.is_member)


def people_may_view(people: list[Person], obj: Minutes | Document) -> set[int]:
    """The ids of ``people`` (with ``organisation`` and ``user`` selected) that
    :func:`person_may_view` would allow to read ``obj``: a few queries for the whole list."""
    viewers = people_viewers(people)
    allowed = may_view_many([viewers[p.pk] for p in people], _placed(obj))
    return {person.pk for person, yes in zip(people, allowed, strict=True) if yes}


def person_may_view(person: Person, obj: Minutes | Document) -> bool:
    """Would ``person`` be allowed to read ``obj`` once signed in (the rule, applied to the
    person's facts today)?"""
    return may_view(person_viewer(person), _placed(obj))
