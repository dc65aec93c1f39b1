"""Read the durations video tools print, in any of the languages Convene's members use.

Teams writes ``1h 6m 37s``, Google Meet ``1 hr 2 min`` or ``30 sec``, BigBlueButton
``01:04:22``, Zoom a bare number of minutes; other languages translate the units
(``1 Std. 2 Min.``, ``2 min 30 s``, ``1 uur``, Polish ``1 godz. 5 min 3 sek.``, Japanese
``1時間5分``).
"""

from __future__ import annotations

import re
import unicodedata

_HOURS = {
    "h", "hr", "hrs", "hour", "hours", "heure", "heures", "std", "stunde", "stunden",
    "ora", "ore", "hora", "horas", "uur", "u", "t", "timer", "godz", "godzina", "godziny",
    "godzin", "tim", "час", "ч", "時間", "小时", "시간",
}  # fmt: skip
_MINUTES = {
    "m", "mn", "min", "mins", "minute", "minutes", "minuto", "minutos", "minuti", "minuten",
    "minuut", "minut", "minuty", "perc", "мин", "分", "分钟", "분", "'",
}  # fmt: skip
_SECONDS = {
    "s", "sec", "secs", "second", "seconds", "seconde", "secondes", "sek", "sekunde",
    "sekunden", "secondo", "secondi", "segundo", "segundos", "seg", "seconden", "sekund",
    "sekundy", "сек", "秒", "초", '"',
}  # fmt: skip

_FACTORS: dict[str, float] = {
    **dict.fromkeys(_HOURS, 60.0),
    **dict.fromkeys(_MINUTES, 1.0),
    **dict.fromkeys(_SECONDS, 1.0 / 60.0),
}

_CLOCK = re.compile(r"^(\d{1,3}):([0-5]?\d)(?::([0-5]?\d)(?:[.,]\d+)?)?$")
_NUMBER = re.compile(r"^\d+(?:[.,]\d+)?$")
_PART = re.compile(r"(\d+(?:[.,]\d+)?)\s*([^\W\d_]+\.?|['\"])", re.UNICODE)


def _unit(token: str) -> str:
    decomposed = unicodedata.normalize("NFKD", token)
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return plain.casefold().rstrip(".")


MAX_MINUTES = 100 * 24 * 60.0


def parse_duration(text: str) -> float:
    """Minutes in ``text``; longer than any meeting (100 days) is refused as a typo."""
    minutes = _parse(text)
    if not 0 <= minutes <= MAX_MINUTES:
        raise ValueError(f"implausible duration {text.strip()!r}")
    return minutes


def _parse(text: str) -> float:
    """Return minutes as a float; raise ``ValueError`` with the offending text otherwise.

    A bare number is minutes (Zoom's "Duration (Minutes)"); ``H:MM:SS`` and ``H:MM`` are
    clock durations (BigBlueButton); anything else must be number-unit pairs covering the
    whole text, so "1h 6m 37s" is read and "about an hour" is refused.
    """
    value = text.strip()
    if not value:
        raise ValueError("empty duration")
    if _NUMBER.match(value):
        return float(value.replace(",", "."))
    clock = _CLOCK.match(value)
    if clock:
        hours, minutes, seconds = clock.group(1), clock.group(2), clock.group(3)
        if seconds is None:
            return int(hours) * 60 + int(minutes)
        return int(hours) * 60 + int(minutes) + int(seconds) / 60.0
    total = 0.0
    position = 0
    found = False
    for part in _PART.finditer(value):
        if value[position : part.start()].strip(" ,"):
            raise ValueError(f"unreadable duration {text!r}")
        factor = _FACTORS.get(_unit(part.group(2)))
        if factor is None:
            raise ValueError(f"unknown duration unit {part.group(2)!r} in {text!r}")
        total += float(part.group(1).replace(",", ".")) * factor
        position = part.end()
        found = True
    if not found or value[position:].strip(" ,"):
        raise ValueError(f"unreadable duration {text!r}")
    return total


def looks_like_duration(text: str) -> bool:
    """True if ``text`` reads as a duration with units (used to recognise columns by shape)."""
    value = text.strip()
    if not value or _NUMBER.match(value) or _CLOCK.match(value):
        return False
    try:
        parse_duration(value)
    except ValueError:
        return False
    return True
