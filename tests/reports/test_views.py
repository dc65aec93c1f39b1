"""The staff report page, the rows behind its figures, and frozen reports."""

from __future__ import annotations

import io
import re
import zipfile
from html.parser import HTMLParser
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from pypdf import PdfReader
from python_calamine import CalamineWorkbook

from convene.core.models import AuditLog
from convene.directory.models import Membership
from convene.reports.models import ReportSnapshot
from tests.reports.conftest import attend, register
from tests.reports.test_queries import grow

pytestmark = pytest.mark.django_db


class FigureCells(HTMLParser):
    """The text of every ``data-figure`` cell of the page, by JSON path."""

    def __init__(self) -> None:
        super().__init__()
        self.cells: dict[str, str] = {}
        self._path: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        path = dict(attrs).get("data-figure")
        if path:
            self._path = path
            self.cells[path] = ""

    def handle_endtag(self, tag: str) -> None:
        if tag == "td":
            self._path = None

    def handle_data(self, data: str) -> None:
        if self._path:
            self.cells[self._path] += data


def page_figures(html: str) -> dict[str, str]:
    parser = FigureCells()
    parser.feed(html)
    return {path: text.strip() for path, text in parser.cells.items()}


def at(data: dict[str, Any], path: str) -> Any:
    for part in path.split("."):
        data = data[part]
    return data


def as_number(text: str) -> float | None:
    if text == "–":
        return None
    cleaned = text.replace(",", "").replace("\u202f", "").replace("\xa0", "").rstrip("%").strip()
    return float(cleaned)


@pytest.mark.parametrize("represented", ["registrants", "attendees"])
def test_every_figure_on_the_page_is_the_json_figure(staff_client, api_client, world, represented):
    query = {"series": "lockdown", "represented": represented}
    html = staff_client.get("/staff/reports/", query).content.decode()
    data = api_client.get("/api/reports", query).json()
    cells = page_figures(html)
    assert len(cells) > 20
    for path, text in cells.items():
        expected = at(data, path)
        shown = as_number(text)
        if path == "members_share":
            assert shown == pytest.approx(expected * 100, abs=0.05), path
        else:
            assert shown == pytest.approx(expected, abs=0.05), path


def test_the_page_shows_the_headline_figures_the_charts_and_the_paragraph(staff_client, world):
    response = staff_client.get("/staff/reports/", {"series": "lockdown"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Impact report: Series “Lockdown webconferences”" in html
    # Four SVG charts made on the server, each with a title, a text alternative and a table.
    assert html.count('<svg class="bar-chart" role="img"') == 4
    assert html.count("<desc id=") == 4
    assert html.count("Data of the chart") == 4
    assert "In total, 8 people registered for one or more of the 5 webconferences" in html
    assert "4 local and regional authorities were represented, including 2 members" in html
    # A figure opens onto its rows.
    assert "/staff/reports/rows/?series=lockdown&amp;represented=registrants&amp;figure=" in html


def test_numbers_are_written_the_french_way_in_french(staff_client, world):
    grow(world, 1)  # keeps the numbers small; the format is checked on the paragraph below
    staff_client.cookies["django_language"] = "fr"
    html = staff_client.get("/staff/reports/", {"series": "lockdown"}, HTTP_ACCEPT_LANGUAGE="fr")
    text = html.content.decode()
    assert '<html lang="fr">' in text
    assert "Au total, 9 personnes se sont inscrites" in text


def test_the_audience_chart_draws_a_bar_per_session_with_attendance(staff_client, world):
    html = staff_client.get("/staff/reports/", {"series": "lockdown"}).content.decode()
    chart = html[html.index('aria-labelledby="svg-audience-title') : html.index("</svg>")]
    assert len(re.findall(r'<rect class="bar-rest"', chart)) == 4  # s5 has no attendance
    assert "S5" not in chart


def test_a_bad_scope_is_a_form_error(staff_client, world):
    response = staff_client.get(
        "/staff/reports/", {"series": "lockdown", "section": "polarisation"}
    )
    assert response.status_code == 400
    assert (
        "Choose one of a series, a section or a period, not several." in response.content.decode()
    )
    response = staff_client.get("/staff/reports/", {"series": "nope"})
    assert response.status_code == 400
    assert 'aria-invalid="true"' in response.content.decode()
    response = staff_client.get("/staff/reports/", {"from": "2027-02-01", "until": "2027-01-01"})
    assert response.status_code == 400
    assert "The period ends before it starts." in response.content.decode()


def test_the_report_is_for_staff_only(client: Client, world, django_user_model):
    response = client.get("/staff/reports/")
    assert response.status_code == 302
    member = django_user_model.objects.create_user(email="someone@city.example", password="x")
    client.force_login(member)
    assert client.get("/staff/reports/").status_code == 403
    assert client.get("/staff/reports/rows/", {"figure": "registrants"}).status_code == 403


def test_a_figure_opens_onto_its_rows(staff_client, world):
    response = staff_client.get(
        "/staff/reports/rows/", {"series": "lockdown", "figure": "local_authorities.members"}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "2 rows." in html
    assert "Ville de Liège" in html and "Generalitat de Catalunya" in html
    assert "Stadt Essen" not in html  # a member only after the series

    people = staff_client.get(
        "/staff/reports/rows/", {"series": "lockdown", "figure": "registrants"}
    )
    assert "8 rows." in people.content.decode()
    sessions = staff_client.get(
        "/staff/reports/rows/", {"series": "lockdown", "figure": "audience"}
    )
    assert "4 rows." in sessions.content.decode()
    unknown = staff_client.get("/staff/reports/rows/", {"series": "lockdown", "figure": "nope"})
    assert unknown.status_code == 404


def count_queries(client: Client, path: str, query: dict[str, str]) -> int:
    with CaptureQueriesContext(connection) as context:
        response = client.get(path, query)
    assert response.status_code == 200
    return len(context.captured_queries)


@pytest.mark.parametrize(
    ("path", "query"),
    [
        ("/staff/reports/", {"series": "lockdown"}),
        ("/staff/reports/", {}),
        ("/staff/reports/", {"section": "urban-security", "represented": "attendees"}),
        ("/staff/reports/rows/", {"series": "lockdown", "figure": "registrants"}),
        ("/staff/reports/rows/", {"series": "lockdown", "figure": "local_authorities.represented"}),
        ("/staff/reports/rows/", {"series": "lockdown", "figure": "audience.per_session.s1"}),
        ("/staff/reports/rows/", {"series": "lockdown", "figure": "registrations"}),
        ("/staff/reports/snapshots/", {}),
    ],
)
def test_the_pages_run_a_fixed_number_of_queries(staff_client, world, path, query):
    before = count_queries(staff_client, path, query)
    grow(world, 3)
    grow(world, 7)
    assert count_queries(staff_client, path, query) == before


def test_a_frozen_report_keeps_its_figures_when_the_data_changes(staff_client, staff, world):
    response = staff_client.post(
        "/staff/reports/snapshots/new/",
        {"series": "lockdown", "represented": "registrants", "title": "To the funder"},
    )
    snapshot = ReportSnapshot.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/staff/reports/snapshots/{snapshot.pk}/"
    assert snapshot.definitions_version == "2"
    assert snapshot.document["figures"]["registrants"] == 8
    assert snapshot.created_by == staff
    assert AuditLog.objects.filter(code="reports.snapshot.created").count() == 1

    # Afterwards Essen's membership is backdated, and someone new registers and attends.
    Membership.objects.filter(organisation=world.organisations["essen"]).update(
        member_from="2000-01-01"
    )
    register(world.people["hugo"], world.sessions["s1"])
    attend(world.sessions["s2"], world.people["hugo"])

    live = staff_client.get("/staff/reports/", {"series": "lockdown"}).content.decode()
    frozen = staff_client.get(f"/staff/reports/snapshots/{snapshot.pk}/").content.decode()
    assert page_figures(live)["registrants"] == "9"
    assert page_figures(live)["local_authorities.members"] == "3"
    assert page_figures(frozen)["registrants"] == "8"
    assert page_figures(frozen)["local_authorities.members"] == "2"
    assert "To the funder" in frozen and "version 2 of the definitions" in frozen
    assert "/staff/reports/rows/" not in frozen  # frozen figures do not open onto live rows
    listing = staff_client.get("/staff/reports/snapshots/").content.decode()
    assert "To the funder" in listing


def test_a_snapshot_needs_a_title(staff_client, world):
    response = staff_client.post(
        "/staff/reports/snapshots/new/", {"series": "lockdown", "title": "  "}
    )
    assert response.status_code == 400
    assert ReportSnapshot.objects.count() == 0
    assert 'aria-invalid="true"' in response.content.decode()


def test_the_page_offers_its_xlsx_and_pdf_files(staff_client, world):
    query = {"series": "lockdown", "represented": "registrants"}
    xlsx = staff_client.get("/staff/reports/report.xlsx", query)
    assert xlsx.status_code == 200
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats")
    assert 'filename="report-lockdown-' in xlsx["Content-Disposition"]
    workbook = CalamineWorkbook.from_filelike(io.BytesIO(xlsx.content))
    figures = workbook.get_sheet_by_index(0).to_python()
    assert ["registrants", 8] in [[row[2], row[1]] for row in figures if len(row) > 2]

    pdf = staff_client.get("/staff/reports/report.pdf", query)
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "In total, 8 people registered" in " ".join(text.split())
    assert staff_client.get("/staff/reports/report.doc", query).status_code == 404


def test_a_frozen_report_gives_the_same_files_after_the_data_changes(staff_client, world):
    staff_client.post(
        "/staff/reports/snapshots/new/", {"series": "lockdown", "title": "Sent in December"}
    )
    snapshot = ReportSnapshot.objects.get()
    before = staff_client.get(f"/staff/reports/snapshots/{snapshot.pk}/report.xlsx").content
    register(world.people["hugo"], world.sessions["s1"])
    after = staff_client.get(f"/staff/reports/snapshots/{snapshot.pk}/report.xlsx").content
    read = [
        CalamineWorkbook.from_filelike(io.BytesIO(content)).get_sheet_by_index(0).to_python()
        for content in (before, after)
    ]
    assert read[0] == read[1]
    pdf = staff_client.get(f"/staff/reports/snapshots/{snapshot.pk}/report.pdf")
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "In total, 8 people registered" in " ".join(text.split())


def test_a_frozen_report_files_carry_its_title_and_a_name_of_their_own(staff_client, world):
    staff_client.post(
        "/staff/reports/snapshots/new/", {"series": "lockdown", "title": "Board, December 2026"}
    )
    snapshot = ReportSnapshot.objects.get()
    pdf = staff_client.get(f"/staff/reports/snapshots/{snapshot.pk}/report.pdf")
    assert 'filename="board-december-2026-' in pdf["Content-Disposition"]
    reader = PdfReader(io.BytesIO(pdf.content))
    assert reader.metadata is not None and reader.metadata.title == "Board, December 2026"
    assert "Board, December 2026" in reader.pages[0].extract_text()
    xlsx = staff_client.get(f"/staff/reports/snapshots/{snapshot.pk}/report.xlsx")
    assert 'filename="board-december-2026-' in xlsx["Content-Disposition"]
    with zipfile.ZipFile(io.BytesIO(xlsx.content)) as archive:
        core = archive.read("docProps/core.xml").decode()
    assert "<dc:title>Board, December 2026</dc:title>" in core


@pytest.mark.parametrize(
    ("figure", "title"),
    [
        ("local_authorities.represented", "Local and regional authorities represented"),
        ("local_authorities.members_by_kind.local_authority", "Local authority, members"),
        ("audience", "Audience of the sessions"),
        ("by_country.BE", "People from Belgium"),
    ],
)
def test_a_rows_page_is_titled_with_the_figure_name_not_its_key(staff_client, world, figure, title):
    html = staff_client.get("/staff/reports/rows/", {"series": "lockdown", "figure": figure})
    body = html.content.decode()
    assert f"Rows behind “{title}”</h1>" in body
    assert f"“{figure}”" not in body


def test_the_page_for_a_funder(staff_client, world, settings):
    """The network's name heads it; each figure's link is named by the figure; the computed-at
    time says its zone; every aria reference points at an id of the page; dates are European."""
    settings.NETWORK_NAME = "European Forum for Urban Security"
    body = staff_client.get("/staff/reports/", {"series": "lockdown"}).content.decode()
    assert '<p class="network-name">European Forum for Urban Security</p>' in body
    assert 'aria-label="8: Registrants (distinct people), the rows behind it"' in body
    assert re.search(r"Computed on \d{1,2} [A-Z][a-z]+ \d{4}, \d\d:\d\d \(Europe/Brussels\)", body)
    assert not re.search(r"\b(a\.m\.|p\.m\.|AM|PM)\b", body)
    ids = set(re.findall(r' id="([^"]+)"', body))
    references = re.findall(r'aria-(?:describedby|labelledby)="([^"]+)"', body)
    assert references and all(i in ids for ref in references for i in ref.split())
    french = staff_client.get(
        "/staff/reports/", {"series": "lockdown"}, HTTP_ACCEPT_LANGUAGE="fr"
    ).content.decode()
    assert re.search(r"Calculé le \d{1,2} [a-zéû]+ \d{4} \d\d:\d\d \(Europe/Brussels\)", french)


def test_an_audience_range_of_one_value_reads_as_one_value(staff_client, world):
    from convene.reports.charts import _size_label

    assert _size_label(6, 6) == "6" and _size_label(6, 7) == "6–7"
    body = staff_client.get("/staff/reports/", {"series": "lockdown"}).content.decode()
    headline = re.search(
        r'<li><span class="figure-value">(.*?)</span> <span class="figure-label">'
        r"audience per session",
        body,
        re.S,
    )
    assert headline is not None
    values = re.findall(r">([\d,]+)<", headline.group(1)) + re.findall(
        r"–([\d,]+)", headline.group(1)
    )
    assert len(values) == len(set(values))  # never "2–2"
