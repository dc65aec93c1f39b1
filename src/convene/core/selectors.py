"""Reads of the core app."""

from __future__ import annotations

from datetime import timedelta

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
