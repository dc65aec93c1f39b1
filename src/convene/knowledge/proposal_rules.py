"""Who takes part in topic proposals: the one place that says so.

* **Members** (``Viewer.is_member``, the member rule of ``convene.core.access``) see proposals,
  propose topics and support proposals.
* **Partners** see proposals and propose topics, but do not support them. A partner is any
  signed-in person whose email is verified (``Person.email_verified_at``) and whose organisation
  is known (``Person.organisation`` set), whatever that organisation's kind or membership.
* **Staff** see everything and answer proposals; they propose or support only through a person
  of their own who is a member or a partner.
* Everyone else (anonymous visitors, signed-in people without a verified email or without a known
  organisation) sees nothing: the pages explain who may take part, and the API answers 404.
"""

from __future__ import annotations

from dataclasses import dataclass

from convene.core.access import Viewer
from convene.directory.models import Person


@dataclass(frozen=True)
class Participation:
    """What one viewer may do with topic proposals."""

    person_id: int | None
    is_staff: bool
    is_member: bool
    is_partner: bool

    @property
    def may_view(self) -> bool:
        return self.is_staff or self.is_member or self.is_partner

    @property
    def may_propose(self) -> bool:
        return self.person_id is not None and (self.is_member or self.is_partner)

    @property
    def may_support(self) -> bool:
        return self.person_id is not None and self.is_member


def participation_for(viewer: Viewer) -> Participation:
    """The viewer's part in topic proposals: at most one query (partners only)."""
    is_partner = False
    if viewer.person_id is not None and not viewer.is_member:
        is_partner = Person.objects.filter(
            pk=viewer.person_id, email_verified_at__isnull=False, organisation__isnull=False
        ).exists()
    return Participation(
        person_id=viewer.person_id,
        is_staff=viewer.is_staff,
        is_member=viewer.is_member,
        is_partner=is_partner,
    )
