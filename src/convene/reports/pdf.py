"""The report as a PDF: the staff page laid out for print, with reportlab (pure Python, on PyPI
with no system library to install).

A4, in the report's language: the title and when the figures were computed, the paragraph,
every figure, each chart with its data table, the topics, the sessions and the definitions,
with page numbers in the footer. Like every view of the report it reads only the document.
Text goes through ``pdf_text.TextBlock`` in the embedded DejaVu Sans (see ``pdf_text`` for why
not ``Paragraph``), and the charts are drawn by ``pdf_charts``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
from typing import Any
from zoneinfo import ZoneInfo

from babel.numbers import format_percent
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from convene.reports.charts import BarChart, report_charts
from convene.reports.document import SESSIONS_LISTED, TOP_ORGANISATIONS, ReportDocument
from convene.reports.headlines import FigureLine, headline_lines
from convene.reports.narrative import narrative, number
from convene.reports.pdf_charts import MUTED, RULE, chart_drawing, chart_table, fit
from convene.reports.pdf_text import BOLD, REGULAR, TextBlock, register_fonts

MARGIN = 18 * mm
WIDTH = A4[0] - 2 * MARGIN
VALUE_WIDTH = 80.0
TABLE_FONT_SIZE = 9


class _Formats:
    """Numbers and shares as the language writes them; a dash for no value."""

    def __init__(self, language: str) -> None:
        self.language = language

    def number(self, value: float | None) -> str:
        return "–" if value is None else number(value, self.language)

    def share(self, value: float | None) -> str:
        if value is None:
            return "–"
        return format_percent(value, format="#,##0.#%", locale=self.language)

    def line(self, line: FigureLine) -> str:
        return self.share(line.value) if line.share else self.number(line.value)


def _heading(text: str) -> TextBlock:
    heading = TextBlock(text, font=BOLD, size=13, space_before=14, space_after=6)
    heading.keepWithNext = True
    return heading


def _muted(text: str, *, space_after: float = 4) -> TextBlock:
    return TextBlock(text, size=8.5, colour=MUTED, space_after=space_after)


def _table(rows: list[list[Any]], widths: list[float], *, numeric_from: int = 1) -> Table:
    """A table with a bold header row repeated on each page; columns from ``numeric_from`` on
    are right-aligned."""
    table = Table(rows, colWidths=widths, repeatRows=1, hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), REGULAR),
                ("FONTNAME", (0, 0), (-1, 0), BOLD),
                ("FONTSIZE", (0, 0), (-1, -1), TABLE_FONT_SIZE),
                ("ALIGN", (numeric_from, 0), (-1, -1), "RIGHT"),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEBELOW", (0, 0), (-1, 0), 0.6, MUTED),
                ("LINEBELOW", (0, 1), (-1, -1), 0.3, RULE),
                ("TOPPADDING", (0, 0), (-1, -1), 2.5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
            ]
        )
    )
    return table


def _cell(text: str, *, indent: float = 0) -> TextBlock:
    return TextBlock(text, size=TABLE_FONT_SIZE, indent=indent)


def _figures(document: ReportDocument, formats: _Formats) -> list[Flowable]:
    rows: list[list[Any]] = [[_("Figure"), _("Value")]]
    for line in headline_lines(document):
        rows.append([_cell(line.label, indent=12 if line.indent else 0), formats.line(line)])
    return [_heading(_("Every figure")), _table(rows, [WIDTH - VALUE_WIDTH, VALUE_WIDTH])]


def _chart(chart: BarChart, formats: _Formats) -> list[Flowable]:
    """The chart's title, notes, drawing and data table, on one page when they fit."""
    flowables: list[Flowable] = [_heading(chart.title)]
    if chart.note:
        flowables.append(_muted(chart.note))
    flowables.append(_muted(chart.summary, space_after=6))
    if chart.bars:
        flowables.append(chart_drawing(chart, width=WIDTH, number=formats.number))
        flowables.append(Spacer(1, 6))
        flowables.append(chart_table(chart, width=WIDTH * 0.7, number=formats.number))
    return [KeepTogether(flowables)]


def _topics(document: ReportDocument, formats: _Formats) -> list[Flowable]:
    if not document.topics:
        return []
    french = formats.language == "fr"
    rows: list[list[Any]] = [[_("Topic"), _("Registrations")]]
    for topic in document.topics:
        name = topic["name_fr"] if french and topic["name_fr"] else topic["name"]
        rows.append([_cell(name), formats.number(topic["registrations"])])
    return [
        _heading(_("Registrations per topic")),
        _table(rows, [WIDTH - VALUE_WIDTH, VALUE_WIDTH]),
    ]


def _session_date(session: dict[str, Any]) -> str:
    starts = dt.datetime.fromisoformat(session["starts_at"])
    return date_format(starts.astimezone(ZoneInfo(session["timezone"])).date(), "DATE_FORMAT")


def _sessions(document: ReportDocument, formats: _Formats) -> list[Flowable]:
    rows: list[list[Any]] = [[_("Date"), _("Session"), _("Registrations"), _("Audience")]]
    for session in document.sessions[:SESSIONS_LISTED]:
        attendees = session["attendees"]
        rows.append(
            [
                _session_date(session),
                _cell(session["title"]),
                formats.number(session["registrations"]),
                _("not recorded") if attendees is None else formats.number(attendees),
            ]
        )
    date_width = 95.0
    widths = [date_width, WIDTH - date_width - 2 * VALUE_WIDTH, VALUE_WIDTH, VALUE_WIDTH]
    story: list[Flowable] = [_heading(_("Sessions"))]
    count = len(document.sessions)
    if count > SESSIONS_LISTED:
        story.append(
            _muted(
                ngettext(
                    "%(counter)s session: the XLSX file lists them all.",
                    "%(counter)s sessions: the first %(listed)s are listed here, the XLSX file "
                    "lists them all.",
                    count,
                )
                % {"counter": formats.number(count), "listed": formats.number(SESSIONS_LISTED)}
            )
        )
    return [*story, _table(rows, widths, numeric_from=2)]


def _definitions() -> list[Flowable]:
    texts = [
        _(
            "Registrants are distinct people with a registration that was not cancelled and did "
            "not lapse; a person registered for five sessions counts once."
        ),
        _(
            "The audience of a session counts the people who attended, hosts excluded; sessions "
            "with no attendance recorded are left out of the audience figures."
        ),
        _(
            "An organisation is represented when at least one of its people registered (or, with "
            "the switch, attended). A department counts as its city."
        ),
        _(
            "A member is an organisation whose membership period covers the date of the session, "
            "not today's member list."
        ),
        _(
            "Organisations still in review are names typed by registrants that staff have not yet "
            "matched to the directory."
        ),
    ]
    items = [TextBlock("• " + text, size=9, space_after=3) for text in texts]
    return [KeepTogether([_heading(_("Definitions")), *items])]


def _opening(document: ReportDocument, title: str, language: str) -> list[Flowable]:
    when = date_format(timezone.localtime(document.generated), "DATETIME_FORMAT")
    computed = _("Computed on %(when)s, with version %(version)s of the definitions.") % {
        "when": when,
        "version": document.definitions_version,
    }
    if document.represented_by == "attendees":
        counted = _(
            "An organisation or a country counts as represented when at least one of its people "
            "attended."
        )
    else:
        counted = _(
            "An organisation or a country counts as represented when at least one of its people "
            "registered."
        )
    members = _("A member is a member on the date of the session, from its membership periods.")
    return [
        TextBlock(title, font=BOLD, size=18, space_after=6),
        _muted(f"{computed} {counted} {members}", space_after=12),
        TextBlock(narrative(document, language), size=11, leading=15.5, space_after=4),
    ]


def _canvas_maker(title: str) -> type[Canvas]:
    """A canvas that writes "page n of m" in each footer, once it knows m."""

    class NumberedCanvas(Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:
            # Keep the page; it is written out in save(), once the count is known.
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for page, state in enumerate(self._pages, start=1):
                self.__dict__.update(state)
                self.setFont(REGULAR, 8)
                self.setFillColor(MUTED)
                self.drawString(MARGIN, 10 * mm, fit(title, REGULAR, 8, WIDTH - 90))
                label = _("Page %(page)s of %(pages)s") % {"page": page, "pages": total}
                self.drawRightString(A4[0] - MARGIN, 10 * mm, label)
                super().showPage()
            super().save()

    return NumberedCanvas


def report_pdf(document: ReportDocument, language: str) -> bytes:
    """The PDF for ``document``, in ``language`` (``en`` or ``fr``). Its charts and tables
    list the top organisations only, as the page does."""
    register_fonts()
    document = dataclasses.replace(
        document, organisations=document.organisations[:TOP_ORGANISATIONS]
    )
    buffer = io.BytesIO()
    with translation.override(language):
        scope = document.describe_scope()
        title = _("Impact report: %(scope)s") % {"scope": scope}
        formats = _Formats(language)
        story = _opening(document, title, language) + _figures(document, formats)
        for chart in report_charts(document):
            story += _chart(chart, formats)
        story += _topics(document, formats) + _sessions(document, formats)
        story += _definitions()
        pdf = SimpleDocTemplate(
            buffer,
            pagesize=A4,
            leftMargin=MARGIN,
            rightMargin=MARGIN,
            topMargin=MARGIN,
            bottomMargin=MARGIN + 6 * mm,
            title=title,
            subject=scope,
            author="Convene",
            creator="Convene",
            lang=language,
        )
        pdf.build(story, canvasmaker=_canvas_maker(title))
    return buffer.getvalue()
