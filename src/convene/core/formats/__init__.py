"""Dates and times as people in Europe read them.

``en/formats.py`` holds Convene's English formats (``FORMAT_MODULE_PATH`` in settings); French
keeps Django's. Write dates with the named formats (``DATE_FORMAT``, ``DATETIME_FORMAT``,
``TIME_FORMAT``, ``SHORT_DATE_FORMAT``) and the 24-hour clock, never a hand-made pattern.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django.utils.formats import date_format


def zoned_datetime(value: dt.datetime, format_name: str = "DATETIME_FORMAT") -> str:
    """``value`` in the active time zone, saying which: "6 December 2026, 14:00
    (Europe/Brussels)". For moments that are not a session's own: those carry the session's
    zone already."""
    if timezone.is_naive(value):  # a moment whose zone nobody knows: shown as it is
        return date_format(value, format_name)
    local = timezone.localtime(value)
    return f"{date_format(local, format_name)} ({timezone.get_current_timezone_name()})"
