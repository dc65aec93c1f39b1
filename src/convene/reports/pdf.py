"""The report as a tagged PDF, typeset by Typst (the ``typst`` package on PyPI carries its
compiler: no system library to install).

A4, in the report's language: the network's name, the title and when the figures were
computed, the paragraph, every figure, each chart with its data table, the topics, the
sessions and the definitions, with "page n of m" in the footer. The PDF is tagged (PDF/UA
structure: headings, tables with header cells, the charts as figures with their summary as
alternative text) and carries its language and title; it embeds the only font it names,
DejaVu Sans (``fonts/``, Bitstream Vera licence, see ``LICENSE-DejaVu.txt``), which covers
"Łódź", "Θεσσαλονίκη" and the narrow no-break space that French puts between thousands.

Like every view of the report it reads only the document. Python writes every text and number
in the report's language; ``report.typ`` only lays them out, reading them as data (JSON), so no
text is ever read as Typst markup.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import typst
from babel.numbers import format_percent
from django.conf import settings
from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from convene.core.formats import zoned_datetime
from convene.reports.charts import BarChart, report_charts
from convene.reports.document import SESSIONS_LISTED, TOP_ORGANISATIONS, ReportDocument
from convene.reports.headlines import FigureLine, headline_lines
from convene.reports.narrative import narrative, number

HERE = Path(__file__).resolve().parent
FONTS = HERE / "fonts"
TEMPLATE = HERE / "report.typ"


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


def _figures(document: ReportDocument, formats: _Formats) -> dict[str, Any]:
    return {
        "heading": _("Every figure"),
        "headers": [_("Figure"), _("Value")],
        "rows": [
            [{"text": line.label, "indent": line.indent}, formats.line(line)]
            for line in headline_lines(document)
        ],
    }


def _chart(chart: BarChart, formats: _Formats) -> dict[str, Any]:
    """The chart's bars as shares of its longest one, and its data table."""
    scale = chart.scale_max or 1
    headers = ["", chart.value_label]
    if chart.has_highlight:
        headers.append(chart.highlight_label)
    rows = []
    for bar in chart.bars:
        row = [bar.label, formats.number(bar.value)]
        if chart.has_highlight:
            if chart.key == "organisations":
                row.append(_("Yes") if bar.highlight else _("No"))
            else:
                row.append(formats.number(bar.highlight))
        rows.append(row)
    return {
        "title": chart.title,
        "note": chart.note,
        "summary": chart.summary,
        "alt": f"{chart.title}. {chart.summary}",
        "has_highlight": chart.has_highlight,
        "highlight_label": chart.highlight_label,
        "rest_label": chart.rest_label,
        "bars": [
            {
                "label": bar.label,
                "value": formats.number(bar.value),
                "highlight": bar.highlight / scale,
                "rest": (bar.value - bar.highlight) / scale,
            }
            for bar in chart.bars
        ],
        "headers": headers,
        "rows": rows,
    }


def _topics(document: ReportDocument, formats: _Formats) -> dict[str, Any]:
    french = formats.language == "fr"
    return {
        "heading": _("Registrations per topic"),
        "headers": [_("Topic"), _("Registrations")],
        "rows": [
            [
                topic["name_fr"] if french and topic["name_fr"] else topic["name"],
                formats.number(topic["registrations"]),
            ]
            for topic in document.topics
        ],
    }


def _session_date(session: dict[str, Any]) -> str:
    starts = dt.datetime.fromisoformat(session["starts_at"])
    return date_format(starts.astimezone(ZoneInfo(session["timezone"])).date(), "DATE_FORMAT")


def _sessions(document: ReportDocument, formats: _Formats) -> dict[str, Any]:
    count = len(document.sessions)
    note = ""
    if count > SESSIONS_LISTED:
        note = ngettext(
            "%(counter)s session: the XLSX file lists them all.",
            "%(counter)s sessions: the first %(listed)s are listed here, the XLSX file "
            "lists them all.",
            count,
        ) % {"counter": formats.number(count), "listed": formats.number(SESSIONS_LISTED)}
    return {
        "heading": _("Sessions"),
        "note": note,
        "headers": [_("Date"), _("Session"), _("Registrations"), _("Audience")],
        "rows": [
            [
                _session_date(session),
                session["title"],
                formats.number(session["registrations"]),
                _("not recorded")
                if session["attendees"] is None
                else formats.number(session["attendees"]),
            ]
            for session in document.sessions[:SESSIONS_LISTED]
        ],
    }


def _definitions() -> dict[str, Any]:
    return {
        "heading": _("Definitions"),
        "items": [
            _(
                "Registrants are distinct people with a registration that was not cancelled and "
                "did not lapse; a person registered for five sessions counts once."
            ),
            _(
                "The audience of a session counts the people who attended, hosts excluded; "
                "sessions with no attendance recorded are left out of the audience figures."
            ),
            _(
                "An organisation is represented when at least one of its people registered (or, "
                "with the switch, attended). A department counts as its city."
            ),
            _(
                "A member is an organisation whose membership period covers the date of the "
                "session, not today's member list."
            ),
            _(
                "Organisations still in review are names typed by registrants that staff have "
                "not yet matched to the directory."
            ),
        ],
    }


def _meta(document: ReportDocument) -> str:
    computed = _("Computed on %(when)s, with version %(version)s of the definitions.") % {
        "when": zoned_datetime(document.generated),
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
    return f"{computed} {counted} {members}"


def _compiler() -> typst.Compiler:
    """A compiler that sees the bundled fonts only, so the PDF is the same on every machine.
    A new one per file (loading two fonts takes milliseconds), never shared between threads."""
    return typst.Compiler(root=str(HERE), font_paths=[str(FONTS)], ignore_system_fonts=True)


def report_pdf(document: ReportDocument, language: str, *, title: str = "") -> bytes:
    """The PDF for ``document``, in ``language`` (``en`` or ``fr``), titled ``title`` (a
    frozen report's own) or the report's title. Its charts and tables list the top
    organisations only, as the page does."""
    document = dataclasses.replace(
        document, organisations=document.organisations[:TOP_ORGANISATIONS]
    )
    with translation.override(language):
        formats = _Formats(language)
        data = {
            "lang": language,
            "network": settings.NETWORK_NAME,
            "title": title or document.title(),
            "scope": document.describe_scope(),
            "footer": _("Page %(page)s of %(pages)s") % {"page": "{page}", "pages": "{pages}"},
            "meta": _meta(document),
            "narrative": narrative(document, language),
            "figures": _figures(document, formats),
            "charts": [_chart(chart, formats) for chart in report_charts(document)],
            "topics": _topics(document, formats),
            "sessions": _sessions(document, formats),
            "definitions": _definitions(),
        }
    pdf = _compiler().compile(
        input=str(TEMPLATE),
        format="pdf",
        sys_inputs={"data": json.dumps(data, ensure_ascii=False)},
        timestamp=document.generated.replace(microsecond=0),
        pdf_standards=["ua-1"],
    )
    assert isinstance(pdf, bytes)  # noqa: S101 (one PDF, not pages)
    return pdf
