"""Periodic jobs as background tasks, for a scheduler that queues tasks rather than running
``convene tick``. They take no arguments: the time is when the worker runs them."""

from __future__ import annotations

from django_tasks import task

from convene.registrations.periodic import periodic_run
from convene.registrations.reminders import reminders_send


@task()
def send_reminders_task() -> int:
    """Send the 24-hour and 1-hour reminders that are due; returns how many were sent."""
    return reminders_send()


@task()
def run_periodic_jobs_task() -> dict[str, int]:
    """Lapse expired holds, refill waitlists and send due reminders; returns the counts."""
    return periodic_run()
