"""Reading minutes through the access rule. Staff see drafts; everyone else sees published
minutes they may read. Minutes someone may not read answer 404, except published minutes for
members, where pages explain how to join (``MembersOnly``) and the API still answers 404."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from convene.knowledge.access import Viewer, check_view, minutes_visible_q
from convene.knowledge.models import Minutes, MinutesRevision, MinutesState
from convene.programme.models import Session
from convene.programme.selectors import PUBLIC_STATUSES


def _minutes() -> QuerySet[Minutes]:
    return Minutes.objects.select_related("session__series__section")


def minutes_get_for_viewer(*, viewer: Viewer, slug: str) -> Minutes:
    """The minutes of session ``slug`` if ``viewer`` may read them; ``MembersOnly`` when they are
    published for members the viewer is not one of; else Http404."""
    minutes = _minutes().filter(session__slug=slug).first()
    if minutes is None:
        raise Http404
    if viewer.is_staff:
        return minutes
    if minutes.state != MinutesState.PUBLISHED or minutes.session.status not in PUBLIC_STATUSES:
        raise Http404
    check_view(viewer, minutes)
    return minutes


def minutes_list_for_viewer(*, viewer: Viewer) -> QuerySet[Minutes]:
    """Every minutes ``viewer`` may read, newest session first, filtered in the database."""
    return _minutes().filter(minutes_visible_q(viewer)).order_by("-session__starts_at", "-pk")


def minutes_is_published(*, session: Session) -> bool:
    """Whether the public session page links its minutes (whoever may read them)."""
    return Minutes.objects.filter(session=session, state=MinutesState.PUBLISHED).exists()


def minutes_get_for_staff(*, slug: str) -> tuple[Session, Minutes | None]:
    session = Session.objects.select_related("series__section").filter(slug=slug).first()
    if session is None:
        raise Http404
    return session, _minutes().filter(session=session).first()


def revisions_list(*, minutes: Minutes) -> QuerySet[MinutesRevision]:
    return minutes.revisions.order_by("-number")


def revision_pair(
    *, minutes: Minutes, old: int, new: int
) -> tuple[MinutesRevision, MinutesRevision]:
    found = {r.number: r for r in minutes.revisions.filter(number__in=[old, new])}
    if old not in found or new not in found:
        raise Http404
    return found[old], found[new]


def sessions_for_staff() -> QuerySet[Session]:
    """Every session, newest first, with its series and its minutes (if any) in one query."""
    return Session.objects.select_related("series", "written_minutes").order_by("-starts_at", "-pk")
