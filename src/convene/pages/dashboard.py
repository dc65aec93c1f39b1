"""The staff dashboard (/staff/), where staff land after signing in: what comes next, what needs
a person, and the latest frozen reports. It spans apps, so it sits at the top layer and reads
through each app's selectors."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from convene.announcements.selectors import first_sent_by_series
from convene.attendance.selectors import sessions_ended_without_attendance, unmatched_count
from convene.core.access import staff_required
from convene.core.selectors import failed_mail_jobs
from convene.directory.selectors import review_count
from convene.programme.models import Session
from convene.registrations.selectors import registrations_per_day, sessions_upcoming_for_staff
from convene.reports.selectors import snapshot_list_recent

#: The longest span shown, in days (a series announced a year ahead still fits the page).
MAX_DAYS = 366


@dataclass(frozen=True)
class DayBar:
    day: dt.date
    registrations: int
    #: Height of the bar in percent of the busiest day (an SVG attribute, not a style).
    percent: int
    #: Position of the bar in the chart (x and y in the SVG's own units, 0–100 high).
    x: int

    @property
    def y(self) -> int:
        return 100 - self.percent


@dataclass(frozen=True)
class UpcomingSession:
    session: Session
    days: list[DayBar]
    total: int
    since: dt.date | None
    until: dt.date | None
    busiest: DayBar | None


def span_start(
    *, session: Session, announced: dt.datetime | None, first_day: dt.date | None
) -> dt.date | None:
    """Where a session's registrations-per-day span starts: the earliest of the day its series
    was first announced, the day the session was first published, and its first registration
    (imports may predate both). None when none of them happened yet."""
    days = [
        timezone.localdate(moment)
        for moment in (announced, session.published_at)
        if moment is not None
    ]
    if first_day is not None:
        days.append(first_day)
    return min(days) if days else None


def day_bars(per_day: list[tuple[dt.date, int]], *, start: dt.date, end: dt.date) -> list[DayBar]:
    """Every day from ``start`` to ``end`` (days without registrations are 0), at most the
    last ``MAX_DAYS``; registrations made before the span are counted on its first day."""
    end = max(end, start)
    start = max(start, end - dt.timedelta(days=MAX_DAYS - 1))
    counts: dict[dt.date, int] = {}
    for day, n in per_day:
        key = min(max(day, start), end)
        counts[key] = counts.get(key, 0) + n
    days = [start + dt.timedelta(days=i) for i in range((end - start).days + 1)]
    top = max(counts.values(), default=0) or 1
    return [
        DayBar(
            day=day,
            registrations=counts.get(day, 0),
            percent=round(100 * counts.get(day, 0) / top),
            x=i,
        )
        for i, day in enumerate(days)
    ]


def _upcoming(now: dt.datetime) -> list[UpcomingSession]:
    sessions = sessions_upcoming_for_staff(now=now)
    per_day = registrations_per_day(session_ids=[s.pk for s in sessions])
    announced = first_sent_by_series(series_ids=list({s.series_id for s in sessions}))
    today = timezone.localdate(now)
    items = []
    for session in sessions:
        rows = per_day[session.pk]
        start = span_start(
            session=session,
            announced=announced.get(session.series_id),
            first_day=rows[0][0] if rows else None,
        )
        bars = day_bars(rows, start=start, end=today) if start is not None else []
        busiest = max(bars, key=lambda bar: bar.registrations, default=None)
        items.append(
            UpcomingSession(
                session=session,
                days=bars,
                total=sum(n for _day, n in rows),
                since=bars[0].day if bars else None,
                until=bars[-1].day if bars else None,
                busiest=busiest if busiest and busiest.registrations else None,
            )
        )
    return items


@staff_required
@require_GET
def dashboard(request: HttpRequest) -> HttpResponse:
    now = timezone.now()
    failed_mails, latest_failures = failed_mail_jobs()
    context = {
        "upcoming": _upcoming(now),
        "review_count": review_count(),
        "unmatched_count": unmatched_count(),
        "without_attendance": sessions_ended_without_attendance(now=now),
        "failed_mails": failed_mails,
        "latest_failures": latest_failures,
        "snapshots": snapshot_list_recent(),
    }
    return render(request, "pages/dashboard.html", context)
