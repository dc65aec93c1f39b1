"""BigBlueButton learning-analytics dashboard export.

One row per user, already merged across reconnects: ``Join`` is the first join, ``Left``
the last leave and ``Duration`` the time actually online, so the duration (not the span) is
the person's total. ``Join`` and ``Left`` are written by the viewer's browser, in its locale
and zone (``4/14/2020, 02:00:15 PM``, ``14.4.2020, 14:00:15``, ``2020-04-14 14:00:15``), so
they are read in the session's zone; ``Left`` is ``-`` for someone still online. There is
no email column, a ``Moderator`` column of ``TRUE``/``FALSE`` (any case), and rows such as
``Anonymous`` (a poll voter) that are not people; merging drops those. Headers are
translated with the BigBlueButton interface, so columns are found by their values, with
the English headers only as a first guess.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, tzinfo

from .records import AttendanceParseError, ParseResult
from .table import BLANKS, Columns, Table, find_column, read_tables, reader_for, style_name
from .text import Row
from .timefmt import Order, looks_like_datetime

FORMAT = "bbb"
_CLOCK = re.compile(r"^\d{1,3}:\d{2}:\d{2}$")
_BOOL = frozenset({"true", "false"})


def _columns(rows: list[Row]) -> Columns | None:
    header, data = rows[0].cells, [row for row in rows[1:] if not row.blank][:200]
    width = len(header)

    def column(index: int) -> list[str]:
        return [row.get(index) for row in data if row.get(index) not in BLANKS]

    def every(index: int, test: Callable[[str], object]) -> bool:
        values = column(index)
        return bool(values) and all(test(v) for v in values)

    dates = [i for i in range(width) if every(i, looks_like_datetime)]
    flags = [i for i in range(width) if every(i, lambda v: v.lower() in _BOOL)]
    if len(dates) < 2 or not flags:
        return None
    clocks = [i for i in range(width) if every(i, _CLOCK.match)]
    after = [i for i in clocks if i > dates[1]]
    duration = find_column(header, "duration", prefix=False)
    if duration not in clocks:
        duration = after[0] if after else None
    if duration is None:
        return None
    name = find_column(header, "name", prefix=False)
    return Columns(
        name=0 if name is None else name,
        join=dates[0],
        leave=dates[1],
        duration=duration,
        role=flags[0],
    )


def looks_like(rows: list[Row]) -> bool:
    content = [row for row in rows if not row.blank]
    return len(content) >= 2 and _columns(content) is not None


def parse(
    rows: list[Row],
    *,
    tz: tzinfo,
    order: Order | None = None,
    session_date: date | None = None,
) -> ParseResult:
    content = [row for row in rows if not row.blank]
    columns = _columns(content) if len(content) >= 2 else None
    if columns is None:
        raise AttendanceParseError(
            "not a BigBlueButton dashboard export (expected Name, Moderator, Join, Left, "
            "Duration columns)"
        )
    table = Table(columns, content[1:], duration_is_total=True)
    reader = reader_for([table], tz=tz, order=order, session_date=session_date)
    out = read_tables([table], reader)
    return ParseResult(
        format=FORMAT,
        records=out.records,
        errors=tuple(out.errors),
        skipped=tuple(out.skipped),
        meeting={"date_style": style_name(reader.order)},
        warnings=(reader.note,) if reader.note else (),
    )
