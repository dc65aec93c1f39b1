"""The time-zone picker: Europe's zones first, then the other canonical zones of the tz database
(its ``zone.tab``: one per country region, so no aliases such as ROC, W-SU or Zulu)."""

from __future__ import annotations

import functools
from importlib import resources

from django.utils.translation import gettext as _


@functools.cache
def canonical_zones() -> tuple[str, ...]:
    text = resources.files("tzdata").joinpath("zoneinfo/zone.tab").read_text(encoding="utf-8")
    zones = {
        line.split("\t")[2].strip()
        for line in text.splitlines()
        if line and not line.startswith("#") and len(line.split("\t")) >= 3
    }
    return tuple(sorted(zones))


def timezone_choices() -> list[tuple[str, list[tuple[str, str]]]]:
    """Grouped choices for a select: Europe, then every other region, then UTC."""
    europe = [(z, z.replace("_", " ")) for z in canonical_zones() if z.startswith("Europe/")]
    others = [(z, z.replace("_", " ")) for z in canonical_zones() if not z.startswith("Europe/")]
    return [(_("Europe"), europe), (_("Other regions"), others), ("UTC", [("UTC", "UTC")])]
