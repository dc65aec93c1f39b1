"""Registration reads: availability, a person's registrations, staff lists."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.db.models.functions import TruncDate
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from convene.core.tokens import LinkState, link_digest
from convene.directory.models import Membership, Person
from convene.programme.models import AudiencePolicy, Series, Session, SessionStatus
from convene.programme.selectors import session_list
from convene.registrations.join_tokens import legacy_digest, split_join_secret
from convene.registrations.links import manage_link_state, person_id_from_feed_token
from convene.registrations.models import (
    Registration,
    RegistrationImport,
    RegistrationRequest,
    RegistrationStatus,
    seat_taken_q,
)


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
    return queryset.annotate(
        seats_taken=Count(
            "registrations", filter=seat_taken_q(now, prefix="registrations__"), distinct=True
        ),
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


def session_list_with_seats(
    *,
    series: Series | None = None,
    topic: str = "",
    language: str = "",
    when: str = "",
    now: dt.datetime | None = None,
) -> QuerySet[Session]:
    """The public sessions of ``programme.selectors.session_list``, each with ``seats_taken``
    and ``waitlisted_count`` annotated in the same query."""
    now = now or timezone.now()
    sessions = session_list(series=series, topic=topic, language=language, when=when, now=now)
    return sessions_with_counts(sessions, now)


def session_get_public_with_seats(*, slug: str) -> Session:
    """A public session by slug with its seat counts; 404 when there is none."""
    found = session_list_with_seats().filter(slug=slug).first()
    if found is None:
        raise Http404
    return found


# Staff pages: series, sessions and seat counts, in fixed queries.


def _sessions_for_staff() -> QuerySet[Session]:
    """Every session, drafts included, with ``seats_taken``, ``waitlisted_count`` and
    ``confirmed_count`` annotated in the same query."""
    queryset = sessions_with_counts(Session.objects.select_related("series"), timezone.now())
    return queryset.annotate(
        confirmed_count=Count(
            "registrations",
            filter=Q(registrations__status=RegistrationStatus.CONFIRMED),
            distinct=True,
        )
    ).order_by("starts_at", "pk")


def series_list_for_staff() -> QuerySet[Series]:
    """All series, newest first, each with its sessions and their seat counts prefetched."""
    return Series.objects.order_by("-created_at", "-pk").prefetch_related(
        Prefetch("sessions", queryset=_sessions_for_staff())
    )


def series_get_for_staff(*, slug: str) -> Series:
    series = Series.objects.filter(slug=slug).first()
    if series is None:
        raise Http404
    return series


def session_get_for_staff(*, slug: str) -> Session:
    session = _sessions_for_staff().filter(slug=slug).first()
    if session is None:
        raise Http404
    return session


def registration_get_for_staff(*, pk: int) -> Registration:
    registration = Registration.objects.select_related("person", "session__series").filter(pk=pk)
    found = registration.first()
    if found is None:
        raise Http404
    return found


# The public pages: the form, "my registrations" (by magic link), feeds and join links. Each
# raises Http404 for what is not there, or not the visitor's.


def sessions_open_for_registration(*, series: Series, now: dt.datetime) -> list[Session]:
    """The public sessions of ``series`` that take registrations now."""
    return [
        s
        for s in session_list(series=series, now=now)
        if not session_open_problem(session=s, now=now)
    ]


def registration_request_just_sent(*, pk: int, series: Series) -> RegistrationRequest | None:
    """The request the visitor just sent (its id is kept in their session), with its sessions."""
    return (
        RegistrationRequest.objects.filter(pk=pk, series=series)
        .prefetch_related(
            Prefetch("registrations", queryset=Registration.objects.select_related("session"))
        )
        .first()
    )


def registrations_of_request(*, request: RegistrationRequest) -> QuerySet[Registration]:
    """The person's registrations for the sessions ``request`` asked for, whichever request
    they belong to now (registering again moves a session's row to the newer request)."""
    return (
        Registration.objects.filter(person_id=request.person_id, session__in=request.sessions.all())
        .select_related("person", "session__series")
        .order_by("session__starts_at", "pk")
    )


def registration_request_get_by_token(*, token: str) -> RegistrationRequest | None:
    """The request a confirmation link belongs to (only the secret's digest is stored)."""
    if not token or len(token) > 200:
        return None
    return (
        RegistrationRequest.objects.select_related("person", "series")
        .filter(token=link_digest(token))
        .first()
    )


def manage_link_get(*, token: str) -> tuple[LinkState, Person | None]:
    """The person a "my registrations" link belongs to, if it still works, and its state."""
    state, found = manage_link_state(token)
    if state is not LinkState.VALID or found is None:
        return state, None
    person = Person.objects.filter(pk=found.subject_id).first()
    return (LinkState.VALID, person) if person is not None else (LinkState.UNKNOWN, None)


def registration_get_for_person(
    *, person: Person, pk: int | None = None, session_slug: str = ""
) -> Registration:
    """One of ``person``'s registrations, by id or by its session's slug."""
    registrations = Registration.objects.select_related("session__series").filter(person=person)
    if pk is not None:
        registrations = registrations.filter(pk=pk)
    if session_slug:
        registrations = registrations.filter(session__slug=session_slug)
    found = registrations.first()
    if found is None:
        raise Http404
    return found


def registrations_for_feed(*, token: str) -> list[Registration]:
    """The registrations a personal calendar feed shows: every one still active."""
    person_id = person_id_from_feed_token(token)
    if person_id is None or not Person.objects.filter(pk=person_id).exists():
        raise Http404
    return [
        r
        for r in registrations_for_person(person_id=person_id)
        if r.status
        in (RegistrationStatus.CONFIRMED, RegistrationStatus.WAITLISTED, RegistrationStatus.PENDING)
    ]


def registration_get_by_join_token(*, token: str) -> Registration:
    """The registration a join link opens: by its derived secret, or by the digest of a token
    mailed before issue #16 (``join_tokens``). Http404 for anything else."""
    registrations = Registration.objects.select_related("session__series", "person")
    salt = split_join_secret(token)
    if salt is not None:
        found = registrations.filter(join_salt=salt).first()
    elif 0 < len(token) <= 200:
        found = registrations.filter(join_legacy_digest=legacy_digest(token)).first()
    else:
        found = None
    if found is None:
        raise Http404
    return found


def registration_import_list(*, series: Series) -> QuerySet[RegistrationImport]:
    """Files of registrations staff uploaded for ``series``, newest first."""
    return (
        RegistrationImport.objects.filter(series=series)
        .select_related("created_by")
        .defer("content")
    )


def registration_import_get(*, pk: int) -> RegistrationImport:
    """One uploaded file of registrations with its series, or Http404."""
    found = RegistrationImport.objects.select_related("series").filter(pk=pk).first()
    if found is None:
        raise Http404
    return found


# The staff dashboard (convene.pages.dashboard).


def sessions_upcoming_for_staff(*, now: dt.datetime, limit: int = 8) -> list[Session]:
    """The next sessions not cancelled nor over, drafts included, with their seat counts."""
    return list(
        _sessions_for_staff()
        .filter(ends_at__gt=now)
        .exclude(status=SessionStatus.CANCELLED)[:limit]
    )


def registrations_per_day(*, session_ids: list[int]) -> dict[int, list[tuple[dt.date, int]]]:
    """Registrations made each day (in the site's time zone) for each session, in one query;
    cancelled ones included, since they were made that day too."""
    rows = (
        Registration.objects.filter(session_id__in=session_ids)
        .annotate(day=TruncDate("created_at"))
        .values_list("session_id", "day")
        .annotate(n=Count("pk"))
        .order_by("session_id", "day")
    )
    per_session: dict[int, list[tuple[dt.date, int]]] = {pk: [] for pk in session_ids}
    for session_id, day, n in rows:
        per_session[session_id].append((day, n))
    return per_session
