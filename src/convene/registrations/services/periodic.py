"""The periodic jobs of registrations, run together by ``convene tick`` or a task.

Each job is safe to run from several workers at once: lapsing and refilling lock the session
row, and a reminder is claimed by a unique row before it is sent.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable

from django.utils import timezone

from convene.core.periodic import registered_jobs
from convene.registrations.services.reminders import reminders_send
from convene.registrations.services.waitlist import registrations_lapse, waitlists_refill

logger = logging.getLogger(__name__)

#: In this order: lapsed holds free seats, the waitlist fills them, then everyone confirmed
#: (including anyone just promoted) gets the reminders that are due.
JOBS: tuple[tuple[str, Callable[..., int]], ...] = (
    ("lapsed", registrations_lapse),
    ("promoted", waitlists_refill),
    ("reminders", reminders_send),
)


class PeriodicRunError(Exception):
    """One or more jobs failed (each is logged); ``counts`` holds the jobs that ran."""

    def __init__(self, failed: list[str], counts: dict[str, int]) -> None:
        super().__init__(f"periodic jobs failed: {', '.join(failed)}")
        self.failed = failed
        self.counts = counts


def periodic_run(*, now: dt.datetime | None = None) -> dict[str, int]:
    """Run every periodic job once and return what each did, by job name.

    A failing job does not stop the others; :class:`PeriodicRunError` is raised at the end.
    """
    now = now or timezone.now()
    counts: dict[str, int] = {}
    failed: list[str] = []
    for name, job in (*JOBS, *registered_jobs()):
        try:
            counts[name] = job(now=now)
        except Exception:
            logger.exception("Periodic job %s failed", name)
            failed.append(name)
    if failed:
        raise PeriodicRunError(failed, counts)
    return counts
