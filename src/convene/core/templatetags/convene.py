"""Template helpers shared by Convene's pages."""

from __future__ import annotations

from typing import Any

from babel import Locale
from django import template
from django.utils.translation import get_language

register = template.Library()


@register.inclusion_tag("core/_when.html")
def session_when(session: Any) -> dict[str, Any]:
    """A session's time in its own zone, with the viewer's own time filled in by a script."""
    zone = session.zone
    return {
        "starts": session.starts_at.astimezone(zone),
        "ends": session.ends_at.astimezone(zone),
        "zone": session.timezone,
        "iso_start": session.starts_at.isoformat(timespec="seconds"),
        "iso_end": session.ends_at.isoformat(timespec="seconds"),
    }


@register.filter
def language_name(code: str) -> str:
    """``fr`` -> ``French`` (or ``français`` when the page is in French)."""
    try:
        return Locale.parse(get_language() or "en").languages.get(code, code)
    except ValueError:
        return code
