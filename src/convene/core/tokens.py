"""Link tokens: random secrets in links that grant something, stored only as SHA-256 digests
(:class:`~convene.core.models.LinkToken`). These functions are the only writers of that table.

A link carries the raw secret and nothing else: no id, no signature to replay after revoking.
Each row is revoked on its own; a single-use token is spent by one atomic ``UPDATE … WHERE
used_at IS NULL``, so two clicks at once cannot both pass.
"""

from __future__ import annotations

import datetime as dt
import enum
import hashlib
import secrets
from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone

from convene.core.models import LinkPurpose, LinkToken

#: Sign-in links asked for on demand work once, for this long.
SIGN_IN_LIFETIME = dt.timedelta(minutes=30)


class LinkState(enum.Enum):
    VALID = "valid"
    UNKNOWN = "unknown"  # never issued, mistyped, or deleted
    EXPIRED = "expired"
    REVOKED = "revoked"
    USED = "used"


def link_digest(raw: str) -> str:
    return hashlib.sha256(raw.encode("utf-8", "surrogatepass")).hexdigest()


def new_secret() -> str:
    """32 random bytes, URL-safe (43 characters)."""
    return secrets.token_urlsafe(32)


def link_token_issue(
    *,
    purpose: LinkPurpose,
    subject_id: int,
    expires_at: dt.datetime | None = None,
    single_use: bool = False,
) -> str:
    """Store a new token's digest and return the raw secret, which is never stored."""
    raw = new_secret()
    LinkToken.objects.create(
        purpose=purpose,
        subject_id=subject_id,
        digest=link_digest(raw),
        expires_at=expires_at,
        single_use=single_use,
    )
    return raw


def link_token_find(
    *, raw: str, purposes: Iterable[LinkPurpose]
) -> tuple[LinkState, LinkToken | None]:
    """The token behind ``raw`` and its state; ``(UNKNOWN, None)`` when there is none."""
    if not raw or len(raw) > 200:
        return LinkState.UNKNOWN, None
    token = LinkToken.objects.filter(digest=link_digest(raw), purpose__in=list(purposes)).first()
    if token is None:
        return LinkState.UNKNOWN, None
    if token.revoked_at is not None:
        return LinkState.REVOKED, token
    if token.single_use and token.used_at is not None:
        return LinkState.USED, token
    if token.expires_at is not None and token.expires_at <= timezone.now():
        return LinkState.EXPIRED, token
    return LinkState.VALID, token


def link_token_spend(*, token: LinkToken) -> bool:
    """Mark a single-use token used; False when another request spent it first."""
    spent = LinkToken.objects.filter(pk=token.pk, used_at__isnull=True, revoked_at__isnull=True)
    return bool(spent.update(used_at=timezone.now()))


@transaction.atomic
def link_tokens_revoke(
    *, purposes: Iterable[LinkPurpose], subject_id: int, keep: LinkToken | None = None
) -> int:
    """Revoke every live token of ``subject_id`` for ``purposes`` (but ``keep``)."""
    tokens = LinkToken.objects.filter(
        purpose__in=list(purposes), subject_id=subject_id, revoked_at__isnull=True
    )
    if keep is not None:
        tokens = tokens.exclude(pk=keep.pk)
    return tokens.update(revoked_at=timezone.now())


def sign_in_token_issue(*, subject_id: int) -> str:
    """A sign-in link asked for on demand: single use, for 30 minutes."""
    return link_token_issue(
        purpose=LinkPurpose.SIGN_IN,
        subject_id=subject_id,
        expires_at=timezone.now() + SIGN_IN_LIFETIME,
        single_use=True,
    )


def sign_in_token_use(*, raw: str) -> tuple[LinkState, int | None]:
    """Spend a sign-in link: the subject id when it was valid and not spent before."""
    state, token = link_token_find(raw=raw, purposes=[LinkPurpose.SIGN_IN])
    if state is not LinkState.VALID or token is None:
        return state, None
    if not link_token_spend(token=token):
        return LinkState.USED, None
    return LinkState.VALID, token.subject_id
