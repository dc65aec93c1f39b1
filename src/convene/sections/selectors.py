"""Reads of the section tree, and the one database filter for "what may this viewer see".

:func:`visible_q` turns the access rule of ``convene.core.access`` into a ``Q`` for any model
that sits in a section and has its own ``access`` (``inherit`` or stricter): sessions (through
their series), minutes, documents, practices. Lists and searches filter with it in SQL, so their
query count does not depend on what the viewer may see. :func:`may_view` answers the same
question for one object already loaded.

An object's access in effect is ``stricter(section's effective access, own access)``; an object
outside any section counts as being in a public one. Being on a section's extra list (in effect:
see ``sections.models``) counts as being a member there, and opens even a staff-only section,
but never an object whose own access is ``staff``.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet

from convene.core.access import Access, Viewer
from convene.sections.models import Section, SectionEntrantOrganisation, SectionEntrantPerson


def _join(prefix: str, name: str) -> str:
    return f"{prefix}__{name}" if prefix else name


def entrant_q(viewer: Viewer, *, section_field: str = "section") -> Q:
    """Rows whose section has ``viewer`` (or the viewer's trusted organisation) on its extra
    list in effect. ``section_field=""`` when the rows are sections themselves."""
    outer = OuterRef(_join(section_field, "pk") if section_field else "pk")
    condition = Q(pk__in=[])
    if viewer.person_id is not None:
        people = SectionEntrantPerson.objects.filter(section_id=outer, person_id=viewer.person_id)
        condition |= Q(Exists(people))
    if viewer.organisation_id is not None:
        organisations = SectionEntrantOrganisation.objects.filter(
            section_id=outer, organisation_id=viewer.organisation_id
        )
        condition |= Q(Exists(organisations))
    return condition


def visible_q(
    viewer: Viewer, *, section_field: str = "section", access_field: str | None = "access"
) -> Q:
    """A ``Q`` for the rows ``viewer`` may see.

    ``section_field`` is the path to the section (``"series__section"`` for sessions; ``""``
    when filtering sections themselves); ``access_field`` the row's own access, or None when it
    has none (sections: their own mode is already in their effective access).
    """
    if viewer.is_staff:
        return Q()
    level = _join(section_field, "effective_access")
    entrant = entrant_q(viewer, section_field=section_field)
    open_levels = [Access.PUBLIC, *([Access.MEMBERS] if viewer.is_member else [])]
    section_ok = Q(**{f"{level}__in": open_levels}) | entrant
    if section_field:
        section_ok |= Q(**{f"{section_field}__isnull": True})
    if access_field is None:
        return section_ok
    own_ok = Q(**{f"{access_field}__in": [Access.INHERIT, Access.PUBLIC]})
    if viewer.is_member:
        own_ok |= Q(**{access_field: Access.MEMBERS})
    else:
        own_ok |= Q(**{access_field: Access.MEMBERS}) & entrant
    return section_ok & own_ok


def is_entrant(viewer: Viewer, section: Section | None) -> bool:
    """Is ``viewer`` on the section's extra list in effect? (One query; none when anonymous.)"""
    if section is None or (viewer.person_id is None and viewer.organisation_id is None):
        return False
    return Section.objects.filter(entrant_q(viewer, section_field=""), pk=section.pk).exists()


def may_view(viewer: Viewer, obj: Any) -> bool:
    """May ``viewer`` see ``obj``: a section, or any object with a ``section`` (or a
    ``series.section``, for sessions) and its own ``access``. The same rule as
    :func:`visible_q`, for one object."""
    if viewer.is_staff:
        return True
    if isinstance(obj, Section):
        section: Section | None = obj
        own: str = Access.INHERIT
    else:
        section = _section_of(obj)
        own = getattr(obj, "access", Access.INHERIT)
    if own == Access.STAFF:
        return False
    level = section.effective_access if section is not None else Access.PUBLIC
    needs_list = level == Access.STAFF or (
        not viewer.is_member and (level == Access.MEMBERS or own == Access.MEMBERS)
    )
    extra = needs_list and is_entrant(viewer, section)
    return viewer.may_enter(level, extra=extra, own=own)


def may_view_many(viewers: list[Viewer], obj: Any) -> list[bool]:
    """:func:`may_view` for each of ``viewers`` and one object: two queries at most for the
    extra lists of the object's section, whatever the number of viewers."""
    if isinstance(obj, Section):
        section: Section | None = obj
        own: str = Access.INHERIT
    else:
        section = _section_of(obj)
        own = getattr(obj, "access", Access.INHERIT)
    level = section.effective_access if section is not None else Access.PUBLIC

    def needs_list(viewer: Viewer) -> bool:
        if viewer.is_staff or own == Access.STAFF:
            return False
        return level == Access.STAFF or (
            not viewer.is_member and (level == Access.MEMBERS or own == Access.MEMBERS)
        )

    asking = [v for v in viewers if needs_list(v)]
    people: set[int] = set()
    organisations: set[int] = set()
    if section is not None and asking:
        person_ids = {v.person_id for v in asking if v.person_id is not None}
        organisation_ids = {v.organisation_id for v in asking if v.organisation_id is not None}
        if person_ids:
            people = set(
                SectionEntrantPerson.objects.filter(
                    section_id=section.pk, person_id__in=person_ids
                ).values_list("person_id", flat=True)
            )
        if organisation_ids:
            organisations = set(
                SectionEntrantOrganisation.objects.filter(
                    section_id=section.pk, organisation_id__in=organisation_ids
                ).values_list("organisation_id", flat=True)
            )
    answers = []
    for viewer in viewers:
        extra = needs_list(viewer) and (
            viewer.person_id in people or viewer.organisation_id in organisations
        )
        answers.append(viewer.is_staff or viewer.may_enter(level, extra=extra, own=own))
    return answers


def _section_of(obj: Any) -> Section | None:
    if hasattr(obj, "section"):
        return obj.section
    series = getattr(obj, "series", None)
    return getattr(series, "section", None)


def section_list_visible(viewer: Viewer) -> QuerySet[Section]:
    """The sections ``viewer`` may see, in tree order (parents' ids kept for building the tree)."""
    return Section.objects.filter(visible_q(viewer, section_field="", access_field=None))


def section_get_for_viewer(*, viewer: Viewer, slug: str) -> Section | None:
    """The section ``slug`` when ``viewer`` may see it; None otherwise (and when unknown)."""
    return section_list_visible(viewer).filter(slug=slug).first()


def section_get(*, slug: str) -> Section | None:
    return Section.objects.filter(slug=slug).first()
