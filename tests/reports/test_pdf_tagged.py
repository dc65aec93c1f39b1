"""The report's PDF as assistive technology and Europeans read it: tagged (structure tree,
language, title, headings, tables, the charts' alternative text), every font it names
embedded, dates European and zoned; and the dates of the XLSX. Read back with pypdf and
openpyxl, independent of the writers."""

from __future__ import annotations

import datetime as dt
import io
import re
from typing import Any

import pytest
from django.utils import translation
from pypdf import PdfReader

from convene.reports.charts import report_charts
from convene.reports.document import ReportDocument
from convene.reports.pdf import report_pdf
from convene.reports.xlsx import report_xlsx
from tests.reports.test_exports import pdf_text, story

# --- The PDF's structure: tagged, with its language, title, headings, tables and alt text ------


def structure(reader: PdfReader) -> list[tuple[str, dict[str, Any]]]:
    """Every element of the structure tree: (its role, its dictionary)."""
    root = reader.trailer["/Root"]["/StructTreeRoot"].get_object()
    found: list[tuple[str, dict[str, Any]]] = []

    def walk(node: Any) -> None:
        node = node.get_object()
        if isinstance(node, list):
            for child in node:
                walk(child)
            return
        if not hasattr(node, "get") or node.get("/Type") == "/MCR":
            return
        if "/S" in node:
            found.append((str(node["/S"]), node))
        kids = node.get("/K")
        if kids is not None and not isinstance(kids, int):
            walk(kids)

    walk(root["/K"])
    return found


@pytest.mark.parametrize("language", ["en", "fr"])
def test_pdf_is_tagged_with_its_language_title_headings_tables_and_alt_text(language, settings):
    settings.NETWORK_NAME = "European Forum for Urban Security"
    content = report_pdf(story(), language)
    reader, text = pdf_text(content)
    catalogue = reader.trailer["/Root"]
    assert catalogue["/Lang"] == language
    assert bool(catalogue["/MarkInfo"]["/Marked"])
    assert "/StructTreeRoot" in catalogue
    assert bool(catalogue["/ViewerPreferences"]["/DisplayDocTitle"])
    assert reader.metadata is not None and "Łódź – Θεσσαλονίκη" in reader.metadata.title
    assert text.startswith("European Forum for Urban Security Impact report") or text.startswith(
        "European Forum for Urban Security Rapport"
    )
    roles = [role for role, _node in structure(reader)]
    assert roles.count("/H1") == 1
    assert roles.count("/H2") >= 7  # every figure, four charts, topics, sessions, definitions
    assert roles.count("/Table") >= 6 and "/TH" in roles and "/TD" in roles
    figures = [node for role, node in structure(reader) if role == "/Figure"]
    assert len(figures) == 4  # one per chart, each with its summary as alternative text
    with translation.override(language):
        top = story()
        charts = report_charts(
            ReportDocument.from_json({**top.as_json(), "organisations": top.organisations[:10]})
        )
    for node, chart in zip(figures, charts, strict=True):
        assert chart.summary in node["/Alt"]


def test_pdf_embeds_every_font_it_names():
    reader = PdfReader(io.BytesIO(report_pdf(story(), "en")))
    named = set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            named.add(str(font["/BaseFont"]))
            descendants = [d.get_object() for d in font.get("/DescendantFonts", [])] or [font]
            for face in descendants:
                descriptor = face["/FontDescriptor"].get_object()
                assert {"/FontFile", "/FontFile2", "/FontFile3"} & set(descriptor), font
    assert named and all("DejaVuSans" in name for name in named)
    assert not any("Helvetica" in name for name in named)


# --- Dates: European in English, French in French, never American or on a 12-hour clock -------

AMERICAN = re.compile(
    r"\b(January|February|March|April|May|June|July|August|September|October|November|December)"
    r" \d{1,2}, \d{4}|\b\d{1,2}(:\d\d)? ?([ap]\.m\.|[AP]M)\b"
)


@pytest.mark.parametrize(
    ("language", "session_day", "computed"),
    [
        ("en", "20 November 2026", "Computed on 20 November 2026, 10:30 (Europe/Brussels)"),
        ("fr", "20 novembre 2026", "Calculé le 20 novembre 2026 10:30 (Europe/Brussels)"),
    ],
)
def test_pdf_dates_are_european_and_say_their_zone(language, session_day, computed):
    data = story().as_json()
    data["sessions"][0] = {**data["sessions"][0], "starts_at": "2026-11-20T13:00:00+00:00"}
    data["sessions"][0]["timezone"] = "Europe/Paris"
    _reader, text = pdf_text(report_pdf(ReportDocument.from_json(data), language))
    assert computed in text
    assert f"{session_day} {data['sessions'][0]['title']}" in text
    assert not AMERICAN.search(text)


@pytest.mark.parametrize("language", ["en", "fr"])
def test_xlsx_dates_are_typed_shown_the_european_way_and_say_their_zone(language):
    from openpyxl import load_workbook

    content = report_xlsx(story(), language, title="Board, December 2026")
    workbook = load_workbook(io.BytesIO(content))
    figures = workbook.worksheets[0]
    assert figures["A1"].value == "Board, December 2026"
    assert "UTC" in figures["A3"].value
    assert isinstance(figures["B3"].value, dt.datetime)
    assert figures["B3"].number_format == "dd/mm/yyyy hh:mm"
    sessions = workbook.worksheets[1]
    assert isinstance(sessions["A2"].value, dt.datetime)
    assert sessions["A2"].number_format == "dd/mm/yyyy hh:mm"
    assert sessions["B2"].value  # the session's time zone, beside its time


def test_pdf_text_is_never_read_as_typst_markup():
    data = story().as_json()
    data["scope_title"] = "*Not bold* $x$ #pagebreak() <label> @ref // no comment \\"
    _reader, text = pdf_text(report_pdf(ReportDocument.from_json(data), "en"))
    assert "*Not bold* $x$ #pagebreak() <label> @ref // no comment \\" in text
