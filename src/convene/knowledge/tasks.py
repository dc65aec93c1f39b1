"""Background jobs of the knowledge app. Tasks take ids, never model instances."""

from __future__ import annotations

from django_tasks import task


@task()
def send_minutes_notices_task(*, minutes_id: int) -> int:
    """Mail the session's confirmed registrants that the minutes are published (or, to those
    who may not read them, that they are for members). Returns how many mails were sent; a
    registrant already mailed about these minutes is skipped."""
    # Imported here: services queue this task, so the task imports services only when it runs.
    from convene.knowledge.services.notices import minutes_notices_send

    return minutes_notices_send(minutes_id=minutes_id)
