"""One entry point for every source: decode, detect the format, parse.

Detection is by shape, most specific first: JSON with occupants is Jitsi; a titled
multi-section CSV with a ``User Name`` table is a Zoom webinar; a participants header near
the top is a Zoom meeting; a file that opens with a title or summary block is Teams; a
table with ``true``/``false`` moderator flags and ISO times is BigBlueButton; date-less
clock times are Google Meet; English Webex headers are Webex; a table of join/leave
events is Teams' older list or a live-event report. Anything else is refused with a message
asking for a column mapping (the generic CSV): a table from a tool we do not know is never
guessed at. ``--format table`` reads one by the shape of its values when staff ask for it.
An Excel workbook (a ZIP archive) is first laid out as tab-separated text (``workbook``).
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from datetime import date, tzinfo
from pathlib import Path

from . import (
    bbb,
    generic,
    jitsi,
    meet,
    tabular,
    teams,
    teams_events,
    webex,
    workbook,
    zoom,
    zoom_webinar,
)  # fmt: skip
from .records import AttendanceParseError, ParseResult
from .text import Opener, Row, Rows, TextSource, detect_encoding, sniff_delimiter_of
from .timefmt import ORDER_ALIASES, Order, zone

FORMATS = (
    "auto", "zoom", "zoom-webinar", "teams", "teams-events", "webex", "bbb", "meet", "jitsi",
    "table", "generic",
)  # fmt: skip


#: Each takes ``(rows, *, tz, order, session_date)``.
_TABULAR: dict[str, Callable[..., ParseResult]] = {
    "zoom": zoom.parse,
    "zoom-webinar": zoom_webinar.parse,
    "teams": teams.parse,
    "teams-events": teams_events.parse,
    "webex": webex.parse,
    "bbb": bbb.parse,
    "meet": meet.parse,
    "table": tabular.parse,
}
#: Parsers that read their table in passes over the file (``Rows``), never holding it whole;
#: the others get a list of the rows. Zoom is what staff upload most and the largest.
_STREAMED = frozenset({"zoom"})
_DETECTORS = (
    ("zoom-webinar", zoom_webinar.looks_like),
    ("bbb", bbb.looks_like),
    ("zoom", zoom.looks_like),
    ("teams", teams.looks_like),
    ("meet", meet.looks_like),
    ("teams-events", teams_events.looks_like),
    ("webex", webex.looks_like),
)


def detect_format(rows: Sequence[Row]) -> str:
    """Name the source of a tabular export, or raise naming the options."""
    sample = list(rows[:400])
    for name, looks_like in _DETECTORS:
        if looks_like(sample):
            return name
    raise AttendanceParseError(
        "unrecognised table, not an export Convene knows (Zoom, Zoom webinar, Teams, Webex, "
        "BigBlueButton, Google Meet, Jitsi): give a column mapping that says which column "
        "holds the name or email, and join and leave times or a duration (generic CSV), "
        "or pass --format if you know the tool"
    )


def parse_order(date_style: str | None) -> Order | None:
    """``--date-style`` as given on the command line or by staff."""
    if not date_style or date_style == "auto":
        return None
    order = ORDER_ALIASES.get(date_style.strip().lower())
    if order is None:
        raise AttendanceParseError(
            f"unknown date style {date_style!r}; use day-first, month-first or year-first"
        )
    return order


def parse_bytes(
    data: bytes,
    *,
    format: str = "auto",
    tz: tzinfo | str | None = None,
    session_date: date | None = None,
    date_style: str | None = None,
    mapping: generic.ColumnMapping | None = None,
) -> ParseResult:
    """Parse an export given as bytes. Raises only :class:`AttendanceParseError`.

    ``tz`` is the zone naive times are read in (the session's); ``None`` means UTC and adds
    a warning. ``session_date`` completes Google Meet's clock times and breaks day/month
    ties. Row problems are returned in ``ParseResult.errors``, not raised.
    """
    return parse_opener(
        lambda: io.BytesIO(data),
        format=format,
        tz=tz,
        session_date=session_date,
        date_style=date_style,
        mapping=mapping,
    )


def parse_opener(
    opener: Opener,
    *,
    format: str = "auto",
    tz: tzinfo | str | None = None,
    session_date: date | None = None,
    date_style: str | None = None,
    mapping: generic.ColumnMapping | None = None,
) -> ParseResult:
    """:func:`parse_bytes` on a file that ``opener`` opens again for each pass, so that a large
    export is never held whole. The records of a streamed table are read again from the file
    each time they are iterated (``table.TableRecords``)."""
    if format not in FORMATS:
        raise AttendanceParseError(f"unknown format {format!r}; choose one of {', '.join(FORMATS)}")
    warnings: list[str] = []
    if tz is None:
        warnings.append("no time zone given: times without a zone were read as UTC")
    zone_info = zone(tz) if not isinstance(tz, tzinfo) else tz
    order = parse_order(date_style)
    with opener() as stream:
        magic = stream.read(len(workbook.ZIP_MAGIC))
    source: TextSource
    if workbook.is_zip(magic):
        with opener() as stream:
            text = workbook.to_text(stream.read())
        source, encoding, delimiter = TextSource.of_text(text), "xlsx", "\t"
    else:
        encoding = detect_encoding(opener)
        source, delimiter = TextSource(opener, encoding), None
    try:
        result = _dispatch(source, delimiter, format, zone_info, order, session_date, mapping)
    except RecursionError as exc:
        raise AttendanceParseError("the file is nested too deeply to read") from exc
    if not result.records and not result.errors and not result.skipped:
        raise AttendanceParseError(f"no attendance rows found in this {result.format} report")
    meeting = dict(result.meeting)
    meeting["encoding"] = encoding
    return ParseResult(
        format=result.format,
        records=result.records,
        errors=result.errors,
        skipped=result.skipped,
        warnings=tuple(warnings) + result.warnings,
        meeting=meeting,
        meeting_start=result.meeting_start,
    )


def _dispatch(
    source: TextSource,
    delimiter: str | None,
    format: str,
    tz: tzinfo,
    order: Order | None,
    session_date: date | None,
    mapping: generic.ColumnMapping | None,
) -> ParseResult:
    if format == "jitsi" or (format == "auto" and jitsi.looks_like(source.head())):
        return jitsi.parse(source.read(), tz=tz)
    rows = Rows(source, delimiter or sniff_delimiter_of(source.sample_lines()))
    if format == "generic" or (format == "auto" and mapping is not None):
        if mapping is None:
            raise AttendanceParseError("the generic format needs a column mapping")
        return generic.parse(rows, mapping=mapping, tz=tz, order=order, session_date=session_date)
    name = detect_format(rows) if format == "auto" else format
    table: Sequence[Row] = rows if name in _STREAMED else list(rows)
    return _TABULAR[name](table, tz=tz, order=order, session_date=session_date)


def parse_file(path: str | Path, **options: object) -> ParseResult:
    """:func:`parse_bytes` on a file, read in passes; unreadable files raise our own error too."""
    try:
        with Path(path).open("rb"):
            pass
    except OSError as exc:
        raise AttendanceParseError(f"cannot read {path}: {exc.strerror or exc}") from exc
    return parse_opener(lambda: Path(path).open("rb"), **options)  # type: ignore[arg-type]
