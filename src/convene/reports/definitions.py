"""The report's fixed definitions: its version, the switch and the groups of kinds (the rules
themselves are the querysets of ``rows.py``; ``docs/report-definitions.md`` says what they mean)."""

from __future__ import annotations

from typing import Literal

from convene.directory.models import AUTHORITY_KINDS, OrganisationKind, ResolutionStatus

#: The version of the report's rules; change it with any rule (rows.py, scope.py, this file).
#: 2: a registration counts once confirmed (by the mail link, or staff); those awaiting
#: confirmation are shown apart.
DEFINITIONS_VERSION = "2"

RepresentedBy = Literal["registrants", "attendees"]
REPRESENTED_BY: tuple[RepresentedBy, ...] = ("registrants", "attendees")

#: Local and regional authorities, in the order the report lists them.
AUTHORITY_KIND_VALUES: tuple[str, ...] = tuple(str(kind) for kind in AUTHORITY_KINDS)
#: Every other kind of organisation: the "institutions of various kinds".
INSTITUTION_KIND_VALUES: tuple[str, ...] = tuple(
    kind for kind in OrganisationKind.values if kind not in AUTHORITY_KIND_VALUES
)
#: A person whose organisation is not settled yet: waiting for staff, or not resolved at all.
UNSETTLED_STATUSES: tuple[str, ...] = (ResolutionStatus.REVIEW, ResolutionStatus.PENDING)
