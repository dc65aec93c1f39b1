"""Public programme pages and calendar feeds. They show programme with registrations' seats,
so they sit above both apps."""

from __future__ import annotations

import re

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from convene.core.access import Access
from convene.knowledge.selectors.minutes import minutes_is_published
from convene.knowledge.selectors.proposals import proposal_for_session
from convene.programme import selectors
from convene.programme.models import Session
from convene.registrations.calendar import calendar_bytes
from convene.registrations.selectors import (
    session_availability,
    session_get_public_with_seats,
    session_list_with_seats,
)
from convene.sections.access import refuse, staff_only, viewer
from convene.sections.selectors import may_view, visible_q

_LANGUAGE = re.compile(r"^[a-z]{2}$")


def _ics(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _refused(request: HttpRequest, session: Session) -> HttpResponse | None:
    """The refusal when the viewer may not see ``session`` (its section's access, or its own)."""
    who = viewer(request)
    if may_view(who, session):
        return None
    section = session.series.section
    level = section.effective_access if section is not None else Access.PUBLIC
    return refuse(request, who, staff_only=staff_only(level, session.access))


@require_GET
def programme(request: HttpRequest) -> HttpResponse:
    topic = request.GET.get("topic", "")[:80]
    language = request.GET.get("language", "")
    language = language if _LANGUAGE.match(language) else ""
    now = timezone.now()
    visible = visible_q(viewer(request), section_field="series__section")
    sessions = list(
        session_list_with_seats(topic=topic, language=language, now=now).filter(visible)
    )
    rows = [(s, session_availability(session=s, now=now)) for s in sessions]
    languages = sorted({code for s in sessions for code in s.languages})
    context = {
        "upcoming": [(s, a) for s, a in rows if s.ends_at > now],
        "past": [(s, a) for s, a in rows if s.ends_at <= now][::-1],
        "topics": selectors.topic_list(),
        "topic": topic,
        "language": language,
        "languages": sorted(set(languages) | ({language} if language else set())),
    }
    return render(request, "programme/programme.html", context)


@require_GET
def series_detail(request: HttpRequest, slug: str) -> HttpResponse:
    series = selectors.series_get_public(slug=slug)
    now = timezone.now()
    visible = visible_q(viewer(request), section_field="series__section")
    sessions = list(session_list_with_seats(series=series, now=now).filter(visible))
    rows = [(s, session_availability(session=s, now=now)) for s in sessions]
    can_register = any(a.state != "closed" for _s, a in rows)
    return render(
        request,
        "programme/series_detail.html",
        {"series": series, "rows": rows, "can_register": can_register},
    )


@require_GET
def session_detail(request: HttpRequest, slug: str) -> HttpResponse:
    session = session_get_public_with_seats(slug=slug)
    refused = _refused(request, session)
    if refused is not None:
        return refused
    availability = session_availability(session=session)
    context = {
        "session": session,
        "availability": availability,
        "series": session.series,
        # Knowledge sits above programme: the link back to the topic proposal is added here.
        "proposal": proposal_for_session(session=session),
        "minutes_published": minutes_is_published(session=session),
    }
    return render(request, "programme/session_detail.html", context)


@require_GET
def series_calendar(request: HttpRequest, slug: str) -> HttpResponse:
    series = selectors.series_get_public(slug=slug)
    sessions = selectors.session_list(series=series).filter(
        visible_q(viewer(request), section_field="series__section")
    )
    return _ics(calendar_bytes(sessions, name=str(series.title)), f"{series.slug}.ics")


@require_GET
def session_calendar(request: HttpRequest, slug: str) -> HttpResponse:
    session = selectors.session_get_public(slug=slug)
    refused = _refused(request, session)
    if refused is not None:
        return refused
    return _ics(calendar_bytes([session]), f"{session.slug}.ics")
