"""Read the date-times video tools print, deciding the date style from a whole column.

A row like ``05/06/2020 14:00`` cannot say whether it is the 5th of June or the 6th of May;
the column can, as soon as one value has a day above 12. So the style is decided once per
file from every value (:func:`detect_order`) and only then are values read
(:class:`DateReader`). When nothing settles it we refuse with an error naming the option to
pass, rather than guess and shift a session by months. Naive times are read in the zone given
at import (``zoneinfo``); values with an explicit offset keep it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, timezone, tzinfo
from typing import Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from .records import AttendanceParseError

Order = Literal["dmy", "mdy", "ymd"]
ORDERS: tuple[Order, ...] = ("dmy", "mdy", "ymd")
ORDER_ALIASES: dict[str, Order] = {
    "dmy": "dmy", "day-first": "dmy", "dayfirst": "dmy",
    "mdy": "mdy", "month-first": "mdy", "monthfirst": "mdy",
    "ymd": "ymd", "year-first": "ymd", "iso": "ymd",
}  # fmt: skip

_TIME = r"(\d{1,2})[:.h](\d{2})(?:[:.](\d{2})(?:[.,]\d+)?)?\s*([AaPp]\.?\s?[Mm]\.?)?"
_ZONE = r"\s*(Z|[+-]\d{2}:?\d{2}|UTC|GMT)?"
_NUMERIC = re.compile(
    r"^(\d{1,4})([./-])\s?(\d{1,2})\2\s?(\d{2,4})\.?(?:,?\s*|T)" + _TIME + _ZONE + r"$"
)
_TEXT_MDY = re.compile(r"^([^\W\d_]+)\.?\s+(\d{1,2}),?\s+(\d{4}),?\s+" + _TIME + _ZONE + r"$")
_TEXT_DMY = re.compile(
    r"^(\d{1,2})\.?\s+([^\W\d_]+)\.?,?\s+(\d{4}),?\s+(?:à\s+|um\s+|om\s+|a las\s+)?"
    + _TIME
    + _ZONE
    + r"$"
)
_CLOCK_ONLY = re.compile(r"^" + _TIME + r"$")

_MONTH_NAMES = (
    "jan january janv janvier januar jänner jän gen gennaio ene enero januari",
    "feb february fév févr février februar febbraio febrero februari",
    "mar march mars märz mär marzo maart mrt",
    "apr april avr avril aprile abr abril",
    "may mai maggio mag mayo mei",
    "jun june juin juni giu giugno junio",
    "jul july juil juillet juli lug luglio julio",
    "aug august aoû août ago agosto augustus",
    "sep sept september septembre set settembre septiembre sep",
    "oct october octobre okt oktober ott ottobre octubre",
    "nov november novembre noviembre",
    "dec december déc décembre dez dezember dic dicembre diciembre",
)


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().casefold()


MONTHS: dict[str, int] = {
    _fold(name): number
    for number, names in enumerate(_MONTH_NAMES, start=1)
    for name in names.split()
}


def zone(name: str | None) -> tzinfo:
    """The zone named ``name`` (IANA), UTC for ``None``; our own error for unknown names."""
    if not name:
        return UTC
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError) as exc:
        raise AttendanceParseError(
            f"unknown time zone {name!r} (use an IANA name like Europe/Brussels)"
        ) from exc


def _year(text: str) -> int:
    year = int(text)
    if len(text) <= 2:
        year += 2000 if year < 70 else 1900
    return year


def _clock(hour_s: str, minute_s: str, second_s: str | None, marker: str | None) -> time:
    hour, minute = int(hour_s), int(minute_s)
    second = int(second_s) if second_s else 0
    if marker:
        pm = marker.strip().lower().startswith("p")
        if not 1 <= hour <= 12:
            raise ValueError(f"hour {hour} with {marker.strip()}")
        hour = hour % 12 + (12 if pm else 0)
    return time(hour, minute, second)


def _offset(text: str | None) -> tzinfo | None:
    if not text:
        return None
    if text in ("Z", "UTC", "GMT"):
        return UTC
    sign = -1 if text[0] == "-" else 1
    digits = text[1:].replace(":", "")
    delta = timedelta(hours=int(digits[:2]), minutes=int(digits[2:]))
    if delta >= timedelta(hours=24):
        raise ValueError(f"offset out of range: {text}")
    return timezone(sign * delta)


def _numeric_fields(match: re.Match[str]) -> tuple[str, str, str]:
    return match.group(1), match.group(3), match.group(4)


def detect_order(
    values: Iterable[str],
    *,
    explicit: Order | None = None,
    session_date: date | None = None,
    notes: list[str] | None = None,
) -> Order | None:
    """Decide day-first, month-first or year-first from every value of a file.

    Evidence, strongest first: an explicit choice; values that only one order can read
    (a 13 or a 4-digit year in front); values that read the same either way (``5/5/20``);
    dots (``12.5.2020``), which only day-first locales write;
    the session date, when exactly one order lands on it; an upper-case ``AM``/``PM`` clock
    with slashed dates, which only month-first locales (en-US) write. Returns ``None`` when
    no value is numeric; raises when the file leaves the order open. When a tie is broken
    by the session date or the clock style, a sentence saying so is appended to ``notes``.
    """
    if explicit is not None:
        return explicit
    possible = {"dmy": True, "mdy": True, "ymd": True}
    differs = False
    seen = False
    upper_marker = True
    slashed = True
    dotted = True
    samples: list[tuple[int, int, int]] = []
    example = ""
    for value in values:
        match = _NUMERIC.match(value.strip())
        if not match:
            continue
        seen = True
        first_s, second_s, third_s = _numeric_fields(match)
        first, second = int(first_s), int(second_s)
        if len(first_s) == 4:
            possible["dmy"] = possible["mdy"] = False
            continue
        possible["ymd"] = False
        if not (first <= 31 and second <= 12):
            possible["dmy"] = False
        if not (first <= 12 and second <= 31):
            possible["mdy"] = False
        if first != second:
            differs = True
            example = example or value.strip()
        marker = match.group(8)
        if not marker or not marker.strip().startswith(("AM", "PM")):
            upper_marker = False
        if match.group(2) != "/":
            slashed = False
        if match.group(2) != ".":
            dotted = False
        if len(samples) < 1000:
            samples.append((first, second, _year(third_s)))
    if not seen:
        return None
    candidates = [order for order in ORDERS if possible[order]]
    if not candidates:
        raise AttendanceParseError(
            "the dates in this file mix day-first and month-first styles; "
            "check the export or use the generic CSV import"
        )
    if len(candidates) == 1:
        return candidates[0]
    if not differs or (dotted and "dmy" in candidates):
        return "dmy"  # no locale writes month-first with dots (de, pl, cs, ru, nl-BE...)
    if session_date is not None:
        hits = [order for order in candidates if _lands_on(order, samples, session_date)]
        if len(hits) == 1:
            if notes is not None:
                notes.append(f"dates like {example!r} were read to match the session date")
            return hits[0]
    if upper_marker and slashed:
        if notes is not None:
            notes.append(
                f"dates like {example!r} were read month-first (12-hour AM/PM clock); "
                "pass --date-style day-first if that is wrong"
            )
        return "mdy"
    raise AttendanceParseError(
        f"dates like {example!r} could be day-first or month-first; "
        "pass --date-style day-first or --date-style month-first "
        "(or --date with the session date)"
    )


def _lands_on(order: Order, samples: list[tuple[int, int, int]], session: date) -> bool:
    """True if reading the samples in ``order`` puts them within a day of the session."""
    for first, second, year in samples:
        day, month = (first, second) if order == "dmy" else (second, first)
        try:
            value = date(year, month, day)
        except ValueError:
            return False
        if abs((value - session).days) > 1:
            return False
    return True


@dataclass(frozen=True, slots=True)
class DateReader:
    """Reads date-times of one file, once its order is known, into aware datetimes."""

    order: Order | None
    tz: tzinfo
    note: str = ""

    def parse(self, text: str) -> datetime:
        """Read ``text``; raise ``ValueError`` with a short reason when it is not a date-time."""
        value = text.strip()
        match = _NUMERIC.match(value)
        if match:
            first, second, third = _numeric_fields(match)
            if len(first) == 4:
                year, month, day = int(first), int(second), int(third)
            elif self.order == "mdy":
                month, day, year = int(first), int(second), _year(third)
            else:
                day, month, year = int(first), int(second), _year(third)
            rest = match.groups()[4:]
        else:
            match = _TEXT_MDY.match(value)
            if match:
                month = MONTHS.get(_fold(match.group(1)), 0)
                day, year = int(match.group(2)), int(match.group(3))
            else:
                match = _TEXT_DMY.match(value)
                if not match:
                    raise ValueError(f"not a date and time: {value!r}")
                month = MONTHS.get(_fold(match.group(2)), 0)
                day, year = int(match.group(1)), int(match.group(3))
            if not month:
                raise ValueError(f"unknown month name in {value!r}")
            rest = match.groups()[3:]
        clock = _clock(rest[0], rest[1], rest[2], rest[3])
        explicit = _offset(rest[4])
        moment = datetime.combine(date(year, month, day), clock, tzinfo=explicit or self.tz)
        try:
            return moment.astimezone(self.tz) if explicit else moment
        except OverflowError as exc:
            raise ValueError(f"date out of range: {value!r}") from exc


def looks_like_datetime(text: str) -> bool:
    """True if ``text`` has the shape of a date with a time (for finding columns by shape)."""
    value = text.strip()
    return bool(_NUMERIC.match(value) or _TEXT_MDY.match(value) or _TEXT_DMY.match(value))


def looks_like_clock(text: str) -> bool:
    """True if ``text`` is a time of day with no date (Google Meet)."""
    return bool(_CLOCK_ONLY.match(text.strip()))


def parse_clock(text: str, *, on: date, tz: tzinfo) -> datetime:
    """Combine a date-less clock time with the session date, in the session zone."""
    match = _CLOCK_ONLY.match(text.strip())
    if not match:
        raise ValueError(f"not a time of day: {text.strip()!r}")
    clock = _clock(match.group(1), match.group(2), match.group(3), match.group(4))
    return datetime.combine(on, clock, tzinfo=tz)


def from_epoch(value: float, tz: tzinfo) -> datetime:
    """An epoch timestamp in seconds (or milliseconds, told apart by size) in ``tz``."""
    seconds = value / 1000.0 if value > 1e11 else value
    return datetime.fromtimestamp(seconds, tz=UTC).astimezone(tz)
