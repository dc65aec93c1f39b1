"""Numbers on the report page, written as the active language writes them (babel)."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from babel.numbers import format_percent
from django import template
from django.utils.formats import date_format
from django.utils.translation import get_language

from convene.core.countries import country_name
from convene.reports.narrative import number

register = template.Library()


@register.filter
def num(value: float | None) -> str:
    """``1,090`` in English, ``1 090`` in French; a dash when there is no value."""
    if value is None:
        return "–"
    return number(value, get_language() or "en")


@register.filter
def share(value: float | None) -> str:
    """A share between 0 and 1 as a percentage with one decimal."""
    if value is None:
        return "–"
    return format_percent(value, format="#,##0.#%", locale=get_language() or "en")


@register.filter
def country(code: str) -> str:
    return country_name(code) if code else ""


@register.filter
def session_day(value: dt.datetime | str, zone: str) -> str:
    """A session's date (an ISO string in a report document) in its own time zone."""
    moment = dt.datetime.fromisoformat(value) if isinstance(value, str) else value
    return date_format(moment.astimezone(ZoneInfo(zone)).date(), "DATE_FORMAT")
