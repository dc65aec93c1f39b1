"""The report's XLSX and PDF files, read back with readers independent of the writers: the
XLSX with python-calamine, the PDF turned into text with pypdf."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.utils import translation
from django.utils.translation import gettext as _
from pypdf import PdfReader
from python_calamine import CalamineWorkbook

from convene.reports.charts import kinds_chart
from convene.reports.document import ReportDocument, report_document
from convene.reports.headlines import headline_lines
from convene.reports.narrative import narrative, number
from convene.reports.pdf import _chart as pdf_chart
from convene.reports.pdf import _Formats, report_pdf
from convene.reports.scope import scope_get
from convene.reports.xlsx import report_xlsx

NNBSP = "\u202f"  # the narrow no-break space: babel's French thousands separator


def lockdown(organisations: int | None = None) -> ReportDocument:
    return report_document(scope=scope_get(series="lockdown"), organisations=organisations)


def at(data: dict[str, Any], path: str) -> Any:
    for part in path.split("."):
        data = data[part]
    return data


# --- A document written by hand: the network's story, in large figures ------------------------

COUNTRIES = {"FR": 212, "BE": 180, "ES": 150, "DE": 120, "IT": 95, "PL": 80, "GR": 61, "PT": 40}
COUNTRIES |= {code: 10 + i for i, code in enumerate(("NL", "LU", "AT", "CH", "SE", "DK", "FI"))}
COUNTRIES |= dict.fromkeys(("IE", "CZ", "SK", "HU", "RO", "BG", "HR", "SI"), 5)
AUDIENCES = [50 + (7 * i) % 41 for i in range(60)]  # 60 sessions of 50 to 90 people
ORGANISATIONS = [
    ("Urząd Miasta Łodzi", "local_authority", "PL", 40, True),
    ("Δήμος Θεσσαλονίκης", "local_authority", "GR", 35, True),
    ('=HYPERLINK("http://evil.example")', "ngo", "FR", 30, False),
    ("+32 Ville", "local_authority", "BE", 25, True),
    ("Ajuntament de Barcelona – Gerència de Seguretat i Prevenció", "local_authority", "ES", 20, 0),
    ("Stadt Essen", "local_authority", "DE", 18, True),
    ("Université de Liège", "research", "BE", 12, False),
    ("Generalitat de Catalunya", "regional_authority", "ES", 11, True),
    ("Peace NGO", "ngo", "FR", 9, False),
    ("Acme Security", "private", "NL", 8, False),
    ("Eleventh Organisation Zeta", "public_body", "FR", 3, False),
    ("Twelfth Organisation Omega", "public_body", "IT", 2, False),
]


def story() -> ReportDocument:
    """The sentence of DESIGN.md as a document: 1,090 registrants, 50 to 90 per session, 110
    local authorities of which 68 members, 158 institutions."""
    start = dt.datetime(2026, 1, 6, 13, 0, tzinfo=dt.UTC)
    sessions = [
        {
            "slug": f"w{i}",
            "title": f"Webconference {i}",
            "starts_at": (start + dt.timedelta(weeks=i)).isoformat(),
            "timezone": "Europe/Brussels",
            "registrations": 2 * audience,
            "attendees": audience,
        }
        for i, audience in enumerate(AUDIENCES)
    ]
    institutions = {"public_body": 41, "research": 37, "ngo": 44, "private": 28, "other": 8}
    figures = {
        "scope": {"kind": "series", "series": "lodz", "section": None, "from": None, "until": None},
        "sessions": 60,
        "registrants": 1090,
        "registrations": sum(2 * a for a in AUDIENCES),
        "attendees": 1502,
        "audience": {
            "per_session": [{"session": f"w{i}", "attendees": a} for i, a in enumerate(AUDIENCES)],
            "mean": sum(AUDIENCES) / 60,
            "median": 70.0,
            "min": 50,
            "max": 90,
        },
        "local_authorities": {
            "represented": 110,
            "members": 68,
            "by_kind": {"local_authority": 97, "regional_authority": 13},
            "members_by_kind": {"local_authority": 60, "regional_authority": 8},
        },
        "institutions": {
            "total": 158,
            "members": 5,
            "by_kind": institutions,
            "members_by_kind": {**dict.fromkeys(institutions, 0), "public_body": 5},
        },
        "countries": len(COUNTRIES),
        "pending_review": 3,
        "represented_by": "registrants",
        "by_country": COUNTRIES,
        "participants": {"new": 812, "returning": 278},
        "member_registrants": 701,
        "members_share": 701 / 1090,
        "languages": {"en": 640, "fr": 450},
        "topics": [{"topic": "polarisation", "registrations": 1210}],
    }
    return ReportDocument.from_json(
        {
            "figures": figures,
            "scope_title": "Łódź – Θεσσαλονίκη exchanges",
            "sessions": sessions,
            "organisations": [
                {"name": n, "kind": k, "country": c, "people": p, "member": bool(m)}
                for n, k, c, p, m in ORGANISATIONS
            ],
            "topics": [
                {
                    "slug": "polarisation",
                    "name": "Polarisation",
                    "name_fr": "Polarisation et radicalisation",
                    "registrations": 1210,
                }
            ],
            "definitions_version": "1",
            "generated_at": "2026-11-20T09:30:00+00:00",
        }
    )


# --- XLSX ---------------------------------------------------------------------------------------


def sheets(content: bytes) -> dict[str, list[list[Any]]]:
    workbook = CalamineWorkbook.from_filelike(io.BytesIO(content))
    return {name: workbook.get_sheet_by_name(name).to_python() for name in workbook.sheet_names}


#: The "Figures" sheet: title, definitions version, generation time, paragraph, a blank row,
#: then the table's header.
HEADER = 5


def figure_rows(rows: list[list[Any]]) -> dict[str, Any]:
    """The "Figures" sheet's table as {dotted key: value}."""
    return {row[2]: row[1] for row in rows[HEADER + 1 :]}


@pytest.mark.django_db
def test_xlsx_figures_match_the_json_object(world):
    document = lockdown()
    book = sheets(report_xlsx(document, "en"))
    assert list(book) == ["Figures", "Sessions", "Organisations", "Countries", "Topics"]
    rows = book["Figures"]
    assert rows[0][0] == "Impact report: Series “Lockdown webconferences”"
    assert rows[1][:2] == ["Definitions version", "2"]
    assert rows[2][0] == "Generated at (UTC)"
    assert rows[2][1] == document.generated.astimezone(dt.UTC).replace(tzinfo=None, microsecond=0)
    assert rows[3][0] == narrative(document, "en")
    assert rows[HEADER] == ["Figure", "Value", "Key"]
    values = figure_rows(rows)
    # Counted on paper (test_figures.LOCKDOWN), stored as numbers, not text.
    assert values["registrants"] == 8
    assert values["local_authorities.represented"] == 4
    assert values["local_authorities.members"] == 2
    assert values["members_share"] == 0.375
    assert all(isinstance(value, float) for value in values.values() if value != "")
    # Every headline line, cross-checked with the JSON object through its key.
    lines = headline_lines(document)
    assert len(values) == len(lines)
    for line in lines:
        assert values[line.json_path] == at(document.figures, line.json_path)


@pytest.mark.django_db
def test_xlsx_sessions_organisations_countries_and_topics(world):
    book = sheets(report_xlsx(lockdown(), "en"))
    header, *sessions = book["Sessions"]
    assert header[2:] == ["Title", "Slug", "Registrations", "Attendees"]
    brussels = ZoneInfo("Europe/Brussels")
    # Registrations: s1 Anne, Bruno; s2 Anne, Clara, Ines; s3 Anne, Dora, Jon; s4 Anne, Fatima;
    # s5 Anne, Gert. No attendance recorded for s5: a blank cell, not a zero.
    expected = [("s1", 2, 3), ("s2", 3, 1), ("s3", 3, 3), ("s4", 2, 2), ("s5", 2, "")]
    assert [(row[3], row[4], row[5]) for row in sessions] == expected
    for row in sessions:
        local = world.sessions[row[3]].starts_at.astimezone(brussels).replace(tzinfo=None)
        assert (row[0], row[1], row[2]) == (local, "Europe/Brussels", row[3].upper())

    header, *organisations = book["Organisations"]
    assert header == ["Organisation", "Kind", "Country", "People", "Member"]
    assert organisations[0] == ["Ville de Liège", "Local authority", "Belgium", 2, "yes"]
    assert sorted(organisations[1:]) == [
        ["Acme Security", "Private sector", "Netherlands", 1, "no"],
        ["Ajuntament de Barcelona", "Local authority", "Spain", 1, "no"],
        ["Generalitat de Catalunya", "Regional authority", "Spain", 1, "yes"],
        ["Peace NGO", "Non-governmental organisation", "France", 1, "no"],
        ["Stadt Essen", "Local authority", "Germany", 1, "no"],
    ]
    assert book["Countries"] == [
        ["Country", "ISO code", "People"],
        ["Belgium", "BE", 3],
        ["Spain", "ES", 2],
        ["Germany", "DE", 1],
        ["France", "FR", 1],
        ["Netherlands", "NL", 1],
    ]
    assert book["Topics"] == [
        ["Topic", "Registrations"],
        ["Polarisation", 5],
        ["Crisis management", 3],
        ["Public spaces", 2],
    ]


@pytest.mark.django_db
def test_xlsx_in_french(world):
    document = lockdown()
    book = sheets(report_xlsx(document, "fr"))
    assert "Séances" in book and "Pays" in book and "Thèmes" in book
    rows = book["Chiffres"]
    assert rows[0][0].replace("\xa0", " ") == "Rapport d’impact : Cycle « Lockdown webconferences »"
    assert rows[3][0] == narrative(document, "fr")
    assert rows[3][0].startswith("Au total, 8 personnes")
    assert rows[HEADER][:2] == ["Chiffre", "Valeur"]
    assert figure_rows(rows)["registrants"] == 8
    header, first, *_rest = book["Organisations"]
    assert header[2:] == ["Pays", "Personnes", "Membre"]
    assert first == ["Ville de Liège", "Collectivité locale", "Belgique", 2, "oui"]
    assert book["Pays"][1][:2] == ["Belgique", "BE"]
    assert [row[0] for row in book["Thèmes"][1:]] == [
        world.topics[slug].name.localize("fr")
        for slug in ("polarisation", "crisis-management", "public-spaces")
    ]


def test_xlsx_large_figures_stay_numbers_and_formulas_stay_text():
    content = report_xlsx(story(), "fr")
    book = sheets(content)
    values = figure_rows(book["Chiffres"])
    assert (values["registrants"], values["local_authorities.members"]) == (1090, 68)
    names = [row[0] for row in book["Organisations"][1:]]
    # Every organisation of the document (the PDF and the page show the first ten only).
    assert len(names) == len(ORGANISATIONS)
    # Read back as typed: a formula would read back as its (empty) result.
    assert names[2:4] == ['=HYPERLINK("http://evil.example")', "+32 Ville"]
    assert names[:2] == ["Urząd Miasta Łodzi", "Δήμος Θεσσαλονίκης"]
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        xml = "".join(
            archive.read(name).decode()
            for name in archive.namelist()
            if name.startswith("xl/worksheets/")
        )
    assert "<f>" not in xml and "HYPERLINK" in xml


# --- PDF ----------------------------------------------------------------------------------------


def pdf_text(content: bytes) -> tuple[PdfReader, str]:
    """The reader, and the text of every page with its line breaks made plain spaces (other
    spaces, such as U+202F, kept as they are)."""
    assert content.startswith(b"%PDF-")
    reader = PdfReader(io.BytesIO(content))
    text = "\n".join(page.extract_text() for page in reader.pages)
    return reader, re.sub(r"[ \n]+", " ", text)


def formatted(line: Any, language: str) -> str:
    if line.share:
        return f"{line.value * 100:.1f}%".replace(".", "," if language == "fr" else ".")
    return "–" if line.value is None else number(line.value, language)


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "fr"])
def test_pdf_holds_the_paragraph_and_every_figure(world, language):
    document = lockdown(organisations=10)
    reader, text = pdf_text(report_pdf(document, language))
    assert narrative(document, language) in text
    with translation.override(language):
        lines = headline_lines(document)
        scope = document.describe_scope()
    for line in lines:
        # The no-break spaces that French puts before ":" are kept as they are.
        assert f"{line.label} {formatted(line, language)}" in text
    # The top organisations, their chart and its data table.
    assert text.count("Generalitat de Catalunya") == 2
    pages = len(reader.pages)
    assert pages >= 2
    with translation.override(language):
        footers = [
            _("Page %(page)s of %(pages)s") % {"page": n, "pages": pages}
            for n in range(1, pages + 1)
        ]
    assert all(footer in text for footer in footers)
    assert reader.metadata is not None and scope in reader.metadata.title
    assert reader.trailer["/Root"]["/Lang"] == language


@pytest.mark.django_db
def test_pdf_sessions_table_says_when_no_attendance_was_recorded(world):
    _reader, text = pdf_text(report_pdf(lockdown(), "en"))
    assert "S4 2 2" in text  # registrations, audience
    assert "S5 2 not recorded" in text


def test_pdf_french_numbers_keep_their_narrow_no_break_space():
    document = story()
    assert number(1090, "fr") == f"1{NNBSP}090"  # what the test looks for is what babel writes
    _reader, text = pdf_text(report_pdf(document, "fr"))
    paragraph = narrative(document, "fr")
    assert paragraph.startswith(f"Au total, 1{NNBSP}090 personnes")
    assert paragraph in text
    assert f"Personnes inscrites (personnes distinctes) 1{NNBSP}090" in text
    assert "1 090" not in text  # never a plain space


def test_pdf_english_large_figures():
    document = story()
    _reader, text = pdf_text(report_pdf(document, "en"))
    assert narrative(document, "en") in text
    assert "In total, 1,090 people registered" in text
    assert "110 local and regional authorities were represented, including 68 members" in text
    # 60 sessions: the audience chart groups them by size; the table lists them all.
    assert "Sessions by audience size" in text
    assert "Webconference 0 " in text and "Webconference 59 " in text


def test_pdf_shows_names_beyond_latin_1_and_the_top_ten_organisations():
    content = report_pdf(story(), "en")
    reader, text = pdf_text(content)
    for name in ("Urząd Miasta Łodzi", "Δήμος Θεσσαλονίκης", "Łódź – Θεσσαλονίκη exchanges"):
        assert name in text
    assert reader.metadata is not None
    assert reader.metadata.title == "Impact report: Series “Łódź – Θεσσαλονίκη exchanges”"
    # The chart draws a long name cut short; its data table gives it whole.
    assert "Ajuntament de Barcelona – Gerència de Seguretat i Prevenció" in text
    assert "Acme Security" in text and "Eleventh Organisation Zeta" not in text
    assert b"DejaVuSans" in content
    assert "…" not in text  # the chart wraps long names, never cuts them


@pytest.mark.django_db
def test_the_kinds_chart_highlights_members(world):
    with translation.override("en"):
        chart = pdf_chart(kinds_chart(lockdown()), _Formats("en"))
    highlighted = [bar for bar in chart["bars"] if bar["highlight"] > 0]
    # Liège (local authority) and Catalonia (regional authority).
    assert len(highlighted) == 2
    assert chart["highlight_label"] == "Members" and chart["rest_label"] == "Not members"
    assert [bar["value"] for bar in chart["bars"]].count("0") == 3  # no bar, a value still
    assert all(0 <= bar["highlight"] + bar["rest"] <= 1 for bar in chart["bars"])


def test_french_numbers_are_never_broken_across_lines():
    content = report_pdf(story(), "fr")
    raw = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)
    assert f"1{NNBSP}090" in raw
    assert not re.search(r"\d\n\d{3}\b", raw.replace(NNBSP, ""))
    assert not re.search(r"\n[;:!?»]", raw)  # French punctuation never starts a line


def empty() -> ReportDocument:
    """The whole network before its first session."""
    no_institution = dict.fromkeys(("public_body", "research", "ngo", "private", "other"), 0)
    no_authority = {"local_authority": 0, "regional_authority": 0}
    return ReportDocument.from_json(
        {
            "figures": {
                "scope": {
                    "kind": "all",
                    "series": None,
                    "section": None,
                    "from": None,
                    "until": None,
                },
                "sessions": 0,
                "registrants": 0,
                "registrations": 0,
                "attendees": 0,
                "audience": {
                    "per_session": [],
                    "mean": None,
                    "median": None,
                    "min": None,
                    "max": None,
                },
                "local_authorities": {
                    "represented": 0,
                    "members": 0,
                    "by_kind": no_authority,
                    "members_by_kind": no_authority,
                },
                "institutions": {
                    "total": 0,
                    "members": 0,
                    "by_kind": no_institution,
                    "members_by_kind": no_institution,
                },
                "countries": 0,
                "pending_review": 0,
                "represented_by": "registrants",
                "by_country": {},
                "participants": {"new": 0, "returning": 0},
                "member_registrants": 0,
                "members_share": None,
                "languages": {},
                "topics": [],
            },
            "scope_title": "",
            "sessions": [],
            "organisations": [],
            "topics": [],
            "definitions_version": "1",
            "generated_at": "2026-11-20T09:30:00+00:00",
        }
    )


def test_an_empty_report_still_makes_both_files():
    document = empty()
    reader, text = pdf_text(report_pdf(document, "en"))
    assert len(reader.pages) >= 1
    assert "Impact report: The whole network" in text
    assert "No attendance has been recorded for these sessions yet." in text
    assert "Smallest audience of a session –" in text
    book = sheets(report_xlsx(document, "en"))
    assert len(book["Sessions"]) == 1  # the header alone
    assert figure_rows(book["Figures"])["audience.min"] == ""
