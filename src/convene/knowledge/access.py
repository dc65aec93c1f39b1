"""Who may read minutes and download documents: the access rule of ``convene.core.access`` and
``convene.sections`` applied to knowledge. PROVISIONAL until the access foundation is merged."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q
from django.http import Http404, HttpRequest

from convene.directory.models import Person
from convene.programme.selectors import PUBLIC_STATUSES
from convene.sections.models import SectionAccess

_ORDER = [SectionAccess.PUBLIC, SectionAccess.MEMBERS, SectionAccess.STAFF]


@dataclass(frozen=True)
class Viewer:
    user_id: int | None = None
    person_id: int | None = None
    organisation_id: int | None = None
    is_staff: bool = False
    is_member: bool = False

    @classmethod
    def anonymous(cls) -> Viewer:
        return cls()


class MembersOnly(Exception):
    """The object exists, is published, and is for members the viewer is not one of."""


def request_viewer(request: HttpRequest) -> Viewer:
    user = request.user
    return Viewer(user_id=user.pk, is_staff=bool(user.is_authenticated and user.is_staff))


def _effective(section_access: str | None, own: str) -> str:
    base = (
        section_access if section_access and section_access != SectionAccess.INHERIT else "public"
    )
    if own == SectionAccess.INHERIT:
        return base
    return max(base, own, key=lambda a: _ORDER.index(a))  # type: ignore[arg-type]


def effective_access(obj: object) -> str:
    section = (
        obj.section
        if hasattr(obj, "section") and not hasattr(obj, "home_section")
        else obj.home_section
    )  # type: ignore[attr-defined]
    return _effective(section.access if section else None, obj.access)  # type: ignore[attr-defined]


def _allowed(viewer: Viewer, level: str) -> bool:
    if viewer.is_staff:
        return True
    if level == SectionAccess.PUBLIC:
        return True
    if level == SectionAccess.MEMBERS:
        return viewer.is_member
    return False


def check_view(viewer: Viewer, obj: object) -> None:
    level = effective_access(obj)
    if _allowed(viewer, level):
        return
    if level == SectionAccess.MEMBERS:
        raise MembersOnly
    raise Http404


def _levels(viewer: Viewer) -> list[str]:
    return [level for level in _ORDER if _allowed(viewer, level)]


def _visible(viewer: Viewer, section_field: str) -> Q:
    return Q()


def minutes_visible_q(viewer: Viewer) -> Q:
    if viewer.is_staff:
        return Q()
    return Q(state="published", session__status__in=PUBLIC_STATUSES) & _visible(
        viewer, "session__series__section"
    )


def document_visible_q(viewer: Viewer) -> Q:
    if viewer.is_staff:
        return Q()
    return Q()


def person_may_view(person: Person, obj: object) -> bool:
    return effective_access(obj) == SectionAccess.PUBLIC
