"""Reads of the core app."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.utils import timezone

from convene.core.models import ApiToken, User
from convene.core.services import TOKEN_PREFIX, token_digest

_LAST_USED_GRANULARITY = timedelta(minutes=5)


def api_token_user_get(*, raw: str) -> User | None:
    """The active staff user behind a raw bearer token, or None.

    ``last_used_at`` is refreshed at most every few minutes, so a busy client does not turn
    every read into a write.
    """
    if not raw.startswith(TOKEN_PREFIX) or len(raw) > 200:
        return None
    token = (
        ApiToken.objects.select_related("user")
        .filter(digest=token_digest(raw), revoked_at__isnull=True)
        .first()
    )
    if token is None or not (token.user.is_active and token.user.is_staff):
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > _LAST_USED_GRANULARITY:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user


#: Background jobs that send mail (``convene.*.tasks.send_*``).
MAIL_TASK_PATH = ".tasks.send_"


def failed_mail_jobs(*, limit: int = 10) -> tuple[int, list[Any]]:
    """How many mail jobs failed, and the latest of them (with the database task backend; the
    immediate backend of the demo raises at once instead and leaves nothing to count)."""
    from django_tasks_db.models import DBTaskResult

    failed = DBTaskResult.objects.filter(status="FAILED", task_path__contains=MAIL_TASK_PATH)
    latest = list(failed.order_by("-finished_at").only("task_path", "finished_at")[:limit])
    return failed.count(), latest
