"""Writes to the directory. Views, the API, the admin and the CLI all come through here:
``organisations`` (organisations, aliases, domains, memberships, people) and ``resolve``
(the resolution engine's answers applied to people, and staff review)."""

from convene.directory.services.organisations import (
    MembershipPeriod,
    membership_add,
    organisation_alias_add,
    organisation_create,
    organisation_domain_add,
    organisation_merge,
    person_create,
    review_decide_new,
)
from convene.directory.services.resolve import (
    learnable_domain,
    people_resolve_pending,
    person_resolve,
    resolution_apply,
    review_decide,
)
from convene.resolution.types import NEW_MIN_CONFIDENCE

__all__ = [
    "NEW_MIN_CONFIDENCE",
    "MembershipPeriod",
    "learnable_domain",
    "membership_add",
    "organisation_alias_add",
    "organisation_create",
    "organisation_domain_add",
    "organisation_merge",
    "people_resolve_pending",
    "person_create",
    "person_resolve",
    "resolution_apply",
    "review_decide",
    "review_decide_new",
]
