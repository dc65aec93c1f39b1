"""Erasure: a person's personal data replaced by a stable anonymous token, every figure kept."""

from __future__ import annotations

from typing import TYPE_CHECKING

from convene.privacy.models import ErasureReason, ErasureRecord

if TYPE_CHECKING:
    from convene.core.models import User
    from convene.directory.models import Person


def erase_person(
    person: Person,
    *,
    actor: User | None = None,
    reason: str = ErasureReason.STAFF,
    anonymous_token: str | None = None,
) -> ErasureRecord:
    """Erase ``person`` for good and return the record written.

    ``anonymous_token`` is given only when replaying an erasure after a restore, so the
    anonymous rows read the same as before.
    """
    raise NotImplementedError
