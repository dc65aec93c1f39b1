"""Programme reads for the public pages and the API. Seat counts are registrations' business:
``convene.registrations.selectors.session_list_with_seats`` adds them."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, F, Prefetch, Q, QuerySet, TextField
from django.db.models.functions import Cast
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from convene.core.errors import FieldNotFound
from convene.programme.models import Series, Session, SessionStatus, Speaker, Topic

PUBLIC_STATUSES = (SessionStatus.PUBLISHED, SessionStatus.CANCELLED)


def session_list(
    *,
    series: Series | None = None,
    topic: str = "",
    language: str = "",
    when: str = "",
    now: dt.datetime | None = None,
) -> QuerySet[Session]:
    """Public sessions with series, topics and speakers loaded in a fixed number of queries.
    ``when`` is ``upcoming``, ``past`` or empty for both."""
    now = now or timezone.now()
    queryset = Session.objects.filter(status__in=PUBLIC_STATUSES).select_related("series")
    if series is not None:
        queryset = queryset.filter(series=series)
    if topic:
        queryset = queryset.filter(topics__slug=topic)
    if language:
        queryset = _with_language(queryset, language)
    if when == "upcoming":
        queryset = queryset.filter(ends_at__gt=now)
    elif when == "past":
        queryset = queryset.filter(ends_at__lte=now)
    queryset = queryset.prefetch_related(
        "topics", Prefetch("speakers", queryset=Speaker.objects.select_related("person"))
    )
    return queryset.order_by("starts_at", "pk")


def _with_language(queryset: QuerySet[Session], language: str) -> QuerySet[Session]:
    """Sessions held in ``language`` (a two-letter code): the JSON list is searched as text, which
    both SQLite and PostgreSQL index the same way."""
    return queryset.alias(languages_text=Cast("languages", output_field=TextField())).filter(
        languages_text__contains=f'"{language}"'
    )


def session_get_public(*, slug: str) -> Session:
    found = session_list().filter(slug=slug).first()
    if found is None:
        raise Http404
    return found


def series_get_public(*, slug: str) -> Series:
    series = Series.objects.filter(slug=slug, sessions__status__in=PUBLIC_STATUSES).first()
    if series is None:
        raise Http404
    return series


def series_get_for_api(*, slug: str) -> Series:
    """Any series, drafts included, for staff's API calls; FieldNotFound when unknown."""
    series = Series.objects.filter(slug=slug).first()
    if series is None:
        raise FieldNotFound("series", _("No series %(slug)s.") % {"slug": slug})
    return series


def series_list_public() -> QuerySet[Series]:
    return (
        Series.objects.filter(sessions__status__in=PUBLIC_STATUSES)
        .distinct()
        .order_by("-created_at")
    )


def topic_list() -> QuerySet[Topic]:
    return Topic.objects.order_by("name")


# Staff planning pages: every series and session, drafts included.


def series_list_for_planning() -> QuerySet[Series]:
    """All series, newest first, with their sessions (and those sessions' topics) prefetched."""
    sessions = Session.objects.order_by("starts_at", "pk").prefetch_related("topics")
    return (
        Series.objects.select_related("section")
        .order_by("-created_at", "-pk")
        .prefetch_related(Prefetch("sessions", queryset=sessions))
    )


def series_get_for_planning(*, slug: str) -> Series:
    series = series_list_for_planning().filter(slug=slug).first()
    if series is None:
        raise Http404
    return series


def session_get_for_planning(*, slug: str) -> Session:
    session = (
        Session.objects.select_related("series")
        .prefetch_related(
            "topics", Prefetch("speakers", queryset=Speaker.objects.select_related("person"))
        )
        .filter(slug=slug)
        .first()
    )
    if session is None:
        raise Http404
    return session


def topics_offered(session: Session | None = None) -> QuerySet[Topic]:
    """Topics staff may give a session: those not retired, and those it already has."""
    current = Q(retired_at__isnull=True)
    if session is not None:
        current |= Q(pk__in=session.topics.values("pk"))
    return Topic.objects.filter(current).order_by("name", "pk")


def topic_list_for_staff() -> QuerySet[Topic]:
    """Every topic, current ones first, with the number of sessions that have it."""
    return Topic.objects.annotate(session_count=Count("session")).order_by(
        F("retired_at").asc(nulls_first=True), "slug"
    )


def topic_get_for_staff(*, slug: str) -> Topic:
    topic = Topic.objects.filter(slug=slug).first()
    if topic is None:
        raise Http404
    return topic
