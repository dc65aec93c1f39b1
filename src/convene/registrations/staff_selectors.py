"""Reads for the staff registration pages: series, sessions and seat counts, in fixed queries."""

from __future__ import annotations

from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from convene.programme.models import Series, Session
from convene.registrations.models import Registration, RegistrationStatus
from convene.registrations.selectors import sessions_with_counts


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
