"""Registration reads: availability, a person's registrations, staff lists."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from convene.directory.models import Membership
from convene.programme.models import AudiencePolicy, Session, SessionStatus
from convene.registrations.models import Registration, RegistrationStatus, seat_taken_q


def sessions_by_slug(*, slugs: list[str]) -> dict[str, Session]:
    """The sessions with these slugs, their series joined, by slug."""
    sessions = Session.objects.select_related("series").filter(slug__in=slugs).order_by()
    return {s.slug: s for s in sessions}


def session_open_problem(*, session: Session, now: dt.datetime | None = None) -> str | None:
    """Why registration for ``session`` is closed, or None when it is open."""
    now = now or timezone.now()
    series = session.series
    if session.status == SessionStatus.CANCELLED:
        return _("%(session)s was cancelled.") % {"session": session.title}
    if session.status != SessionStatus.PUBLISHED:
        return _("%(session)s is not open for registration.") % {"session": session.title}
    if session.starts_at <= now:
        return _("Registration for %(session)s is closed: it has started.") % {
            "session": session.title
        }
    if series.registration_opens_at and now < series.registration_opens_at:
        return _("Registration for %(session)s has not opened yet.") % {"session": session.title}
    if series.registration_closes_at and now >= series.registration_closes_at:
        return _("Registration for %(session)s is closed.") % {"session": session.title}
    return None


@dataclass(frozen=True)
class Availability:
    capacity: int | None
    seats_taken: int
    waitlisted: int
    state: str  # open, full, members_only, closed

    @property
    def seats_left(self) -> int | None:
        return None if self.capacity is None else max(0, self.capacity - self.seats_taken)


def sessions_with_counts(queryset: QuerySet[Session], now: dt.datetime) -> QuerySet[Session]:
    """Annotate ``seats_taken`` and ``waitlisted`` in the same query (no query per session)."""
    taken = Q(registrations__status=RegistrationStatus.CONFIRMED) | Q(
        registrations__status=RegistrationStatus.PENDING, registrations__hold_until__gt=now
    )
    return queryset.annotate(
        seats_taken=Count("registrations", filter=taken, distinct=True),
        waitlisted_count=Count(
            "registrations",
            filter=Q(registrations__status=RegistrationStatus.WAITLISTED),
            distinct=True,
        ),
    )


def session_availability(*, session: Session, now: dt.datetime | None = None) -> Availability:
    now = now or timezone.now()
    taken = getattr(session, "seats_taken", None)
    waitlisted = getattr(session, "waitlisted_count", None)
    if taken is None:
        taken = session.registrations.filter(seat_taken_q(now)).count()
    if waitlisted is None:
        waitlisted = session.registrations.filter(status=RegistrationStatus.WAITLISTED).count()
    if session_open_problem(session=session, now=now):
        state = "closed"
    elif session.capacity is not None and taken >= session.capacity:
        state = "full"
    elif session.effective_policy == AudiencePolicy.MEMBERS_ONLY:
        state = "members_only"
    else:
        state = "open"
    return Availability(session.capacity, taken, waitlisted, state)


def registration_list(
    *,
    session: Session | None = None,
    series_id: int | None = None,
    status: str = "",
    kind: str = "",
    member: str = "",
    country: str = "",
) -> QuerySet[Registration]:
    """Registrations for staff lists and exports, filters applied, related rows joined."""
    queryset = Registration.objects.select_related(
        "person__organisation", "session__series", "request"
    )
    if session is not None:
        queryset = queryset.filter(session=session)
    if series_id is not None:
        queryset = queryset.filter(session__series_id=series_id)
    if status:
        queryset = queryset.filter(status=status)
    if kind:
        queryset = queryset.filter(person__organisation__kind=kind)
    if country:
        queryset = queryset.filter(person__country=country.upper())
    if member in {"yes", "no"}:
        queryset = queryset.annotate(
            is_member=Exists(
                Membership.objects.filter(
                    Q(organisation=OuterRef("person__organisation"))
                    | Q(organisation=OuterRef("person__organisation__parent")),
                    member_from__lte=OuterRef("session__starts_at__date"),
                ).filter(
                    Q(member_until__isnull=True)
                    | Q(member_until__gte=OuterRef("session__starts_at__date"))
                )
            )
        ).filter(is_member=(member == "yes"))
    return queryset.order_by("session__starts_at", "created_at", "pk")


def registrations_for_person(*, person_id: int) -> QuerySet[Registration]:
    return (
        Registration.objects.filter(person_id=person_id)
        .select_related("session__series")
        .order_by("session__starts_at")
    )


JOIN_EARLY = dt.timedelta(minutes=15)


def join_state(*, registration: Registration, now: dt.datetime | None = None) -> str:
    """Where the personal join link leads now: ``go`` (to the video, from 15 minutes before the
    start until the end, for a confirmed registrant) or why not: ``cancelled``,
    ``not_confirmed``, ``early``, ``ended``, ``no_link``."""
    now = now or timezone.now()
    session = registration.session
    if session.status == SessionStatus.CANCELLED:
        return "cancelled"
    if registration.status != RegistrationStatus.CONFIRMED:
        return "not_confirmed"
    if now < session.starts_at - JOIN_EARLY:
        return "early"
    if now > session.ends_at:
        return "ended"
    if not session.join_url or session.status != SessionStatus.PUBLISHED:
        return "no_link"
    return "go"
