"""Template helpers shared by Convene's pages."""

from __future__ import annotations

import datetime as dt
from typing import Any

from babel import Locale
from django import template
from django.utils.translation import get_language

from convene.core.formats import zoned_datetime

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


@register.filter
def zoned(value: dt.datetime | None, format_name: str = "DATETIME_FORMAT") -> str:
    """A moment in the page's time zone, saying which (``core.formats.zoned``)."""
    return "" if value is None else zoned_datetime(value, format_name)
