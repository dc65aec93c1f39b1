"""Checks on raw input shared by forms, the API, services and the request middleware, so that
no text or date that a database or a page cannot hold gets past the edge as a 500.

* Text: PostgreSQL refuses NUL in text ("A string literal cannot contain NUL"), and neither
  database nor UTF-8 can hold an unpaired surrogate (JSON's ``"\\ud800"`` decodes to one).
* Dates: a session in the year 9999 or at ``starts_at: 0`` is a typo or an attack; with such a
  row, time-zone arithmetic on the pages overflows. Dates stay within :data:`EARLIEST_DAY` and
  :data:`LATEST_DAY`.
"""

from __future__ import annotations

import datetime as dt
import re

from django.core.exceptions import ValidationError
from django.utils.formats import date_format
from django.utils.translation import gettext as _

_BAD_CHARACTER = re.compile("[\x00\ud800-\udfff]")

#: Dates anything in Convene may be about (sessions, memberships, report periods); a moment's
#: day is taken in UTC. ``programme.Session`` holds the same range as a database constraint.
EARLIEST_DAY = dt.date(2000, 1, 1)
LATEST_DAY = dt.date(2100, 12, 31)
EARLIEST_MOMENT = dt.datetime.combine(EARLIEST_DAY, dt.time(), tzinfo=dt.UTC)
AFTER_LATEST_MOMENT = dt.datetime.combine(
    LATEST_DAY + dt.timedelta(days=1), dt.time(), tzinfo=dt.UTC
)


def text_problem(value: str) -> str | None:
    """A sentence saying why ``value`` cannot be stored, or None when it can."""
    found = _BAD_CHARACTER.search(value)
    if found is None:
        return None
    if found.group() == "\x00":
        return _("Null characters are not allowed.")
    return _("This text contains a character that is not valid Unicode (a lone surrogate).")


def validate_text(value: object) -> None:
    """A Django validator: refuses NUL and unpaired surrogates in a str (anything else passes)."""
    if isinstance(value, str):
        problem = text_problem(value)
        if problem:
            raise ValidationError(problem, code="bad_text")


def validate_text_field(field: str, value: str) -> None:
    """The same check in a service or handler: a ``ValidationError`` on ``field``."""
    problem = text_problem(value)
    if problem:
        raise ValidationError({field: problem}, code="bad_text")


def check_text(value: str) -> str:
    """The same rule for pydantic (the API's ``Text`` type): a ``ValueError`` names the problem."""
    problem = text_problem(value)
    if problem:
        raise ValueError(problem)
    return value


def day_problem(value: dt.date) -> str | None:
    """A sentence when ``value`` (a date, or a datetime's day) is outside the sane range."""
    try:
        if isinstance(value, dt.datetime):
            day = (value.astimezone(dt.UTC) if value.tzinfo else value).date()
        else:
            day = value
    except OverflowError:  # 9999-12-31T23:00-05:00 is in the year 10000 in UTC
        day = dt.date.max
    if EARLIEST_DAY <= day <= LATEST_DAY:
        return None
    return _("Give a date between %(earliest)s and %(latest)s.") % {
        "earliest": date_format(EARLIEST_DAY),
        "latest": date_format(LATEST_DAY),
    }


def validate_day(value: dt.date | None, field: str | None = None) -> None:
    """A Django validator (and a service check with ``field``) for the sane date range."""
    if value is None:
        return
    problem = day_problem(value)
    if problem:
        raise ValidationError({field: problem} if field else problem, code="date_range")


def check_day(value: dt.date) -> dt.date:
    problem = day_problem(value)
    if problem:
        raise ValueError(problem)
    return value
