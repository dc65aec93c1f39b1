"""Types every API schema uses for what it takes in, so one rule checks every field:
``Text`` refuses NUL and unpaired surrogates, ``Moment`` and ``Day`` keep dates in the sane
range (:mod:`convene.core.validators`), and ``BoundedLimitOffset`` bounds list pages."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from ninja import Field, Schema
from ninja.pagination import LimitOffsetPagination
from pydantic import AfterValidator, BeforeValidator

from convene.core.validators import check_day, check_text

#: The largest offset a list endpoint takes (far more rows than any table holds; beyond it the
#: databases' 64-bit integers overflow).
MAX_OFFSET = 1_000_000_000


def _no_number(value: Any) -> Any:
    """Dates come as ISO 8601 text: ``starts_at: 0`` is a mistake, not 1 January 1970."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        raise ValueError("Give a date in ISO 8601 (2027-03-14 or 2027-03-14T10:00:00+01:00).")
    return value


def _moment_in_range(value: dt.datetime) -> dt.datetime:
    check_day(value)
    return value


Text = Annotated[str, AfterValidator(check_text)]
Moment = Annotated[dt.datetime, BeforeValidator(_no_number), AfterValidator(_moment_in_range)]
Day = Annotated[dt.date, BeforeValidator(_no_number), AfterValidator(check_day)]


class ErrorOut(Schema):
    """Every error answer of the API: ``detail`` says what is wrong, naming the field."""

    detail: str


class BoundedLimitOffset(LimitOffsetPagination):
    """Ninja's limit/offset pages with an upper bound on ``offset`` (a huge one was a 500)."""

    class Input(LimitOffsetPagination.Input):
        offset: int = Field(0, ge=0, le=MAX_OFFSET)
