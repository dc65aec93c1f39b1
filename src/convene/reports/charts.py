"""The report's charts as data: horizontal bar charts built from a report document.

The page draws them as SVG on the server (``templates/reports/_bar_chart.html``), the PDF
draws the same ``BarChart`` with Typst (``report.typ``); both show the data table beside the
chart, and the chart's ``summary`` is its text alternative. A bar can have a highlighted part
(members).
"""

from __future__ import annotations

import datetime as dt
import math
import textwrap
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from django.utils.formats import date_format
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from convene.core.countries import country_name
from convene.directory.models import OrganisationKind
from convene.reports.document import ReportDocument
from convene.reports.narrative import number

#: Beyond this many sessions, the audience chart groups sessions by audience size.
MAX_SESSION_BARS = 40
#: Countries shown one by one; the rest share one bar.
MAX_COUNTRY_BARS = 15

#: Geometry of the SVG, in its own units (the SVG scales to the page's width).
WIDTH = 640
LABEL_WIDTH = 250
VALUE_WIDTH = 60
BAR_HEIGHT = 18
ROW_HEIGHT = 26
TOP = 8
#: A label wraps onto lines of at most this many characters (at the page's 14-unit font, 26
#: characters fit in the label column), so that no label is ever cut off.
LABEL_CHARACTERS = 26
LINE_HEIGHT = 16


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    #: The part of ``value`` highlighted (members), drawn first in the highlight colour.
    highlight: int = 0
    #: The figures (``explain.figure_rows`` names) behind ``value`` and ``highlight``.
    key: str = ""
    highlight_key: str = ""

    @property
    def label_lines(self) -> list[str]:
        """The label on as many lines as it needs, broken between words."""
        return textwrap.wrap(self.label, LABEL_CHARACTERS) or [""]


@dataclass(frozen=True)
class BarRow:
    """A bar placed in the SVG: its label's lines, its two parts and where its value is
    written."""

    bar: Bar
    y: float
    bar_y: float
    text_y: float
    #: (baseline, text) of each line of the label.
    lines: tuple[tuple[float, str], ...]
    highlight_width: float
    rest_x: float
    rest_width: float
    value_x: float


def _row_height(bar: Bar) -> float:
    return max(ROW_HEIGHT, len(bar.label_lines) * LINE_HEIGHT + 8)


@dataclass(frozen=True)
class BarChart:
    key: str
    title: str
    #: The text alternative: what the chart shows, in one or two sentences.
    summary: str
    bars: tuple[Bar, ...]
    #: What a bar counts (the data table's column heading).
    value_label: str
    #: The legend of a highlighted part and of the rest; empty when no bar has a highlight.
    highlight_label: str = ""
    rest_label: str = ""
    note: str = ""
    scale_max: int = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "scale_max", max((bar.value for bar in self.bars), default=0))

    @property
    def has_highlight(self) -> bool:
        return bool(self.highlight_label)

    @property
    def height(self) -> int:
        return round(TOP * 2 + sum(_row_height(bar) for bar in self.bars))

    @property
    def width(self) -> int:
        return WIDTH

    @property
    def label_x(self) -> int:
        return LABEL_WIDTH - 8

    @property
    def bar_x(self) -> int:
        return LABEL_WIDTH

    @property
    def bar_height(self) -> int:
        return BAR_HEIGHT

    def rows(self) -> list[BarRow]:
        span = WIDTH - LABEL_WIDTH - VALUE_WIDTH
        scale = span / self.scale_max if self.scale_max else 0
        rows = []
        y: float = TOP
        for bar in self.bars:
            height = _row_height(bar)
            middle = y + height / 2
            lines = bar.label_lines
            first = middle - (len(lines) - 1) * LINE_HEIGHT / 2 + 5
            highlight = bar.highlight * scale
            rest = (bar.value - bar.highlight) * scale
            gap = 2 if highlight and rest else 0
            rows.append(
                BarRow(
                    bar=bar,
                    y=y,
                    bar_y=round(middle - BAR_HEIGHT / 2, 1),
                    text_y=round(middle + 5, 1),
                    lines=tuple(
                        (round(first + index * LINE_HEIGHT, 1), line)
                        for index, line in enumerate(lines)
                    ),
                    highlight_width=round(highlight, 1),
                    rest_x=round(LABEL_WIDTH + highlight + gap, 1),
                    rest_width=round(max(rest - gap, 0), 1),
                    value_x=round(LABEL_WIDTH + highlight + rest + 6, 1),
                )
            )
            y += height
        return rows


def _nice_step(span: int, buckets: int = 10) -> int:
    raw = max(span / buckets, 1)
    magnitude = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 5, 10):
        if factor * magnitude >= raw:
            return int(factor * magnitude)
    return int(10 * magnitude)


def _session_label(session: dict[str, object]) -> str:
    starts = dt.datetime.fromisoformat(str(session["starts_at"]))
    day = starts.astimezone(ZoneInfo(str(session["timezone"]))).date()
    return f"{date_format(day, 'SHORT_DATE_FORMAT')} {session['title']}"


def _size_label(low: int, high: int) -> str:
    """A range of audience sizes; one value when it holds one ("6", never "6–6")."""
    language = get_language() or "en"
    if low == high:
        return number(low, language)
    return f"{number(low, language)}–{number(high, language)}"


def audience_chart(document: ReportDocument) -> BarChart:
    recorded = [s for s in document.sessions if s["attendees"] is not None]
    audience = document.figures["audience"]
    if not recorded:
        summary = _("No attendance has been recorded for these sessions yet.")
    else:
        language = get_language() or "en"
        values = {
            "count": number(len(recorded), language),
            "min": number(audience["min"], language),
            "max": number(audience["max"], language),
            "mean": number(audience["mean"], language),
        }
        if audience["min"] == audience["max"]:
            summary = (
                ngettext(
                    "Audience of the %(count)s session with attendance recorded: %(min)s.",
                    "Audience of %(count)s sessions with attendance recorded: %(min)s each.",
                    len(recorded),
                )
                % values
            )
        else:
            summary = (
                _(
                    "Audience of %(count)s sessions with attendance recorded: from %(min)s to "
                    "%(max)s, %(mean)s on average."
                )
                % values
            )
    if len(recorded) <= MAX_SESSION_BARS:
        return BarChart(
            key="audience",
            title=_("Audience per session"),
            summary=summary,
            bars=tuple(
                Bar(
                    _session_label(s),
                    int(s["attendees"]),
                    key=f"audience.per_session.{s['slug']}",
                )
                for s in recorded
            ),
            value_label=_("Attendees"),
        )
    low, high = audience["min"], audience["max"]
    step = _nice_step(high - low + 1)
    start = low - low % step
    counts: dict[int, int] = {}
    for session in recorded:
        bucket = (int(session["attendees"]) - start) // step
        counts[bucket] = counts.get(bucket, 0) + 1
    bars = tuple(
        Bar(_size_label(start + b * step, start + (b + 1) * step - 1), counts.get(b, 0))
        for b in range(max(counts) + 1)
    )
    return BarChart(
        key="audience",
        title=_("Sessions by audience size"),
        summary=summary,
        bars=bars,
        value_label=_("Sessions"),
        note=_("Too many sessions for one bar each: sessions are grouped by audience size."),
    )


def kinds_chart(document: ReportDocument) -> BarChart:
    labels = dict(OrganisationKind.choices)
    bars = []
    for group in ("local_authorities", "institutions"):
        figures = document.figures[group]
        for kind, count in figures["by_kind"].items():
            bars.append(
                Bar(
                    str(labels[kind]),
                    count,
                    figures["members_by_kind"][kind],
                    key=f"{group}.by_kind.{kind}",
                    highlight_key=f"{group}.members_by_kind.{kind}",
                )
            )
    total = sum(bar.value for bar in bars)
    members = sum(bar.highlight for bar in bars)
    return BarChart(
        key="kinds",
        title=_("Organisations by kind"),
        summary=(
            ngettext(
                "%(total)s organisation represented, %(members)s of them members, by kind.",
                "%(total)s organisations represented, %(members)s of them members, by kind.",
                total,
            )
            % {"total": total, "members": members}
            if total
            else _("No organisation is represented yet.")
        ),
        bars=tuple(bars),
        value_label=_("Organisations"),
        highlight_label=_("Members"),
        rest_label=_("Not members"),
    )


def countries_chart(document: ReportDocument) -> BarChart:
    by_country = document.figures["by_country"]
    ranked = list(by_country.items())
    bars = [
        Bar(country_name(code), count, key=f"by_country.{code}")
        for code, count in ranked[:MAX_COUNTRY_BARS]
    ]
    rest = ranked[MAX_COUNTRY_BARS:]
    if rest:
        bars.append(
            Bar(
                ngettext("%(count)s other country", "%(count)s other countries", len(rest))
                % {"count": len(rest)},
                sum(count for _code, count in rest),
            )
        )
    people = _("Registrants") if document.represented_by == "registrants" else _("Attendees")
    return BarChart(
        key="countries",
        title=_("%(people)s by country") % {"people": people},
        summary=(
            ngettext(
                "%(people)s came from %(count)s country.",
                "%(people)s came from %(count)s countries.",
                len(ranked),
            )
            % {"people": people, "count": len(ranked)}
            if ranked
            else _("No country is represented yet.")
        ),
        bars=tuple(bars),
        value_label=_("People"),
    )


def _summary_of_top(count: int) -> str:
    if count == 0:
        return _("No organisation is represented yet.")
    return ngettext(
        "The organisation with the most people, members highlighted.",
        "The %(count)s organisations with the most people, members highlighted.",
        count,
    ) % {"count": count}


def organisations_chart(document: ReportDocument) -> BarChart:
    bars = tuple(
        Bar(row["name"], row["people"], row["people"] if row["member"] else 0)
        for row in document.organisations
    )
    return BarChart(
        key="organisations",
        title=_("Top organisations"),
        summary=_summary_of_top(len(bars)),
        bars=bars,
        value_label=_("People"),
        highlight_label=_("Member"),
        rest_label=_("Not a member"),
    )


def report_charts(document: ReportDocument) -> list[BarChart]:
    return [
        audience_chart(document),
        kinds_chart(document),
        countries_chart(document),
        organisations_chart(document),
    ]
