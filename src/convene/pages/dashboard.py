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

from convene.attendance.selectors import sessions_ended_without_attendance, unmatched_count
from convene.core.access import staff_required
from convene.core.selectors import failed_mail_jobs
from convene.directory.selectors import review_count
from convene.programme.models import Session
from convene.registrations.selectors import registrations_per_day, sessions_upcoming_for_staff
from convene.reports.selectors import snapshot_list_recent

#: Days shown in a session's registrations-per-day table (the latest ones).
DAYS_SHOWN = 14


@dataclass(frozen=True)
class DayBar:
    day: dt.date
    registrations: int
    #: Width of the bar in percent of the busiest day (an SVG attribute, not a style).
    percent: int


@dataclass(frozen=True)
class UpcomingSession:
    session: Session
    days: list[DayBar]
    total: int


def _bars(per_day: list[tuple[dt.date, int]]) -> list[DayBar]:
    shown = per_day[-DAYS_SHOWN:]
    top = max((n for _day, n in shown), default=0) or 1
    return [DayBar(day=day, registrations=n, percent=round(100 * n / top)) for day, n in shown]


@staff_required
@require_GET
def dashboard(request: HttpRequest) -> HttpResponse:
    now = timezone.now()
    upcoming = sessions_upcoming_for_staff(now=now)
    per_day = registrations_per_day(session_ids=[s.pk for s in upcoming])
    failed_mails, latest_failures = failed_mail_jobs()
    context = {
        "upcoming": [
            UpcomingSession(
                session=s, days=_bars(per_day[s.pk]), total=sum(n for _d, n in per_day[s.pk])
            )
            for s in upcoming
        ],
        "review_count": review_count(),
        "unmatched_count": unmatched_count(),
        "without_attendance": sessions_ended_without_attendance(now=now),
        "failed_mails": failed_mails,
        "latest_failures": latest_failures,
        "snapshots": snapshot_list_recent(),
    }
    return render(request, "pages/dashboard.html", context)
