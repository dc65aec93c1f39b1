"""Background jobs of privacy: a backup started from the staff page."""

from __future__ import annotations

from django_tasks import task

from convene.core.models import User
from convene.privacy.backup.service import backup_create_in_dir


@task()
def create_backup_task(*, actor_id: int | None = None) -> str:
    """Write a backup into ``BACKUP_DIR``; the folder's name."""
    actor = User.objects.filter(pk=actor_id).first() if actor_id else None
    return backup_create_in_dir(actor=actor).parent.name
