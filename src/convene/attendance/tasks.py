"""Background jobs of attendance: reading an uploaded export (see ``services.upload``)."""

from __future__ import annotations

from django_tasks import task

from convene.attendance.services.upload import attendance_import_read
from convene.core.models import User


@task()
def read_attendance_import_task(
    *, import_id: int, commit: bool = False, actor_id: int | None = None
) -> str:
    """Parse and match a stored upload, keep its preview, and commit it when asked (the API)."""
    actor = User.objects.filter(pk=actor_id).first() if actor_id else None
    attendance_import = attendance_import_read(import_id=import_id, commit=commit, actor=actor)
    return attendance_import.parse_state if attendance_import is not None else "gone"
