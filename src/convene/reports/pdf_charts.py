"""The report's bar charts drawn for the PDF with reportlab.graphics, from the same ``BarChart``
data as the page's SVG: horizontal bars, the highlighted part (members) first, a legend when
there is one, and the value after each bar. The data table beside each chart on the page comes
below it here.
"""

from __future__ import annotations

from collections.abc import Callable

from django.utils.translation import gettext as _
from reportlab.graphics.shapes import Drawing, Rect, String
from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Table, TableStyle

from convene.reports.charts import BarChart
from convene.reports.pdf_text import BOLD, REGULAR, TextBlock

REST = colors.HexColor("#0b4f8a")
HIGHLIGHT = colors.HexColor("#b34700")
RULE = colors.HexColor("#c8ced6")
MUTED = colors.HexColor("#555555")

FONT_SIZE = 8
ROW_HEIGHT = 14
BAR_HEIGHT = 10
LEGEND_HEIGHT = 18
#: Shares of the drawing's width: the labels on the left, room for the value on the right.
LABEL_SHARE = 0.38
VALUE_ROOM = 44

Formatter = Callable[[float], str]


def fit(text: str, font: str, size: float, width: float) -> str:
    """``text`` cut with an ellipsis so that it fits in ``width``."""
    if stringWidth(text, font, size) <= width:
        return text
    while text and stringWidth(text + "…", font, size) > width:
        text = text[:-1]
    return text.rstrip() + "…"


def _legend(chart: BarChart, drawing: Drawing, *, x: float, y: float) -> None:
    for colour, label in ((HIGHLIGHT, chart.highlight_label), (REST, chart.rest_label)):
        drawing.add(Rect(x, y, 9, 9, fillColor=colour, strokeColor=None))
        drawing.add(String(x + 13, y + 1.5, label, fontName=REGULAR, fontSize=FONT_SIZE))
        x += 13 + stringWidth(label, REGULAR, FONT_SIZE) + 16


def chart_drawing(chart: BarChart, *, width: float, number: Formatter) -> Drawing:
    """The chart as a drawing ``width`` points wide; its height follows the number of bars."""
    legend = LEGEND_HEIGHT if chart.has_highlight else 0
    height = legend + ROW_HEIGHT * len(chart.bars) + 4
    drawing = Drawing(width, height)
    label_width = width * LABEL_SHARE
    bar_x = label_width + 6
    span = width - bar_x - VALUE_ROOM
    scale = span / chart.scale_max if chart.scale_max else 0
    if legend:
        _legend(chart, drawing, x=bar_x, y=height - LEGEND_HEIGHT + 5)
    for index, bar in enumerate(chart.bars):
        y = height - legend - ROW_HEIGHT * (index + 1)
        text_y = y + (ROW_HEIGHT - FONT_SIZE) / 2 + 1
        bar_y = y + (ROW_HEIGHT - BAR_HEIGHT) / 2
        label = fit(bar.label, REGULAR, FONT_SIZE, label_width)
        drawing.add(
            String(
                label_width, text_y, label, fontName=REGULAR, fontSize=FONT_SIZE, textAnchor="end"
            )
        )
        highlight = bar.highlight * scale
        rest = (bar.value - bar.highlight) * scale
        if highlight:
            drawing.add(
                Rect(bar_x, bar_y, highlight, BAR_HEIGHT, fillColor=HIGHLIGHT, strokeColor=None)
            )
        if rest:
            drawing.add(
                Rect(bar_x + highlight, bar_y, rest, BAR_HEIGHT, fillColor=REST, strokeColor=None)
            )
        drawing.add(
            String(
                bar_x + highlight + rest + 4,
                text_y,
                number(bar.value),
                fontName=REGULAR,
                fontSize=FONT_SIZE,
            )
        )
    return drawing


def chart_table(chart: BarChart, *, width: float, number: Formatter) -> Table:
    """The chart's data, as the page's table beside the chart: label, value, and the highlighted
    part (for the organisations, whether each is a member)."""
    headers = ["", chart.value_label]
    if chart.has_highlight:
        headers.append(chart.highlight_label)
    value_width = 80.0
    label_width = width - value_width * (len(headers) - 1)
    rows: list[list[Flowable | str]] = [headers]
    for bar in chart.bars:
        row: list[Flowable | str] = [TextBlock(bar.label, size=FONT_SIZE), number(bar.value)]
        if chart.has_highlight:
            if chart.key == "organisations":
                row.append(_("Yes") if bar.highlight else _("No"))
            else:
                row.append(number(bar.highlight))
        rows.append(row)
    table = Table(
        rows,
        colWidths=[label_width] + [value_width] * (len(headers) - 1),
        repeatRows=1,
        hAlign="LEFT",
    )
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), REGULAR),
                ("FONTNAME", (0, 0), (-1, 0), BOLD),
                ("FONTSIZE", (0, 0), (-1, -1), FONT_SIZE),
                ("ALIGN", (1, 0), (-1, -1), "RIGHT"),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEBELOW", (0, 0), (-1, 0), 0.6, MUTED),
                ("LINEBELOW", (0, 1), (-1, -1), 0.3, RULE),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
            ]
        )
    )
    return table
