"""The registration import reads each tool's own export as it comes: one header row per tool
(as documented in docs/imports.md), detected without any remapping by staff."""

from __future__ import annotations

import csv
import io

import pytest

from convene.core.tables import read_table
from convene.registrations.import_columns import detect_mapping, is_header_row

#: (tool, lines before the header, header row, one data row, the statuses left out).
EXPORTS = {
    "eventbrite_attendee_summary": (
        [],
        [
            "Order #",
            "Order Date",
            "First Name",
            "Last Name",
            "Email",
            "Quantity",
            "Ticket Type",
            "Attendee #",
            "Group",
            "Order Type",
            "Currency",
            "Total Paid",
            "Fees Paid",
            "Eventbrite Fees",
            "Eventbrite Payment Processing",
            "Attendee Status",
            "Job Title",
            "Company",
            "Work Country",
            "Event Name",
            "Event ID",
        ],
        [
            "1234567890",
            "2020-04-01 10:12:00",
            "Ana",
            "Lopes",
            "ana@lisboa.example",
            "1",
            "General admission",
            "987654321",
            "",
            "Free Order",
            "EUR",
            "0.00",
            "0.00",
            "0.00",
            "0.00",
            "Attending",
            "Prevention officer",
            "Câmara Municipal de Lisboa",
            "Portugal",
            "Night-time economy",
            "111",
        ],
    ),
    "zoom_webinar_registration_report": (
        [
            ["Webinar Registration Report"],
            ["Report Generated:", "12/01/2020 10:00"],
            [
                "Topic",
                "Webinar ID",
                "Actual Start Time",
                "Actual Duration (minutes)",
                "# Registered",
                "# Cancelled registrations",
            ],
            ["Night-time economy", "812 3456 7890", "04/02/2020 14:00", "90", "1", "0"],
        ],
        [
            "First Name",
            "Last Name",
            "Email",
            "City",
            "Country/Region",
            "Zip/Postal Code",
            "State/Province",
            "Phone",
            "Industry",
            "Organization",
            "Job Title",
            "Questions & Comments",
            "Registration Time",
            "Approval Status",
        ],
        [
            "Ana",
            "Lopes",
            "ana@lisboa.example",
            "Lisboa",
            "Portugal",
            "",
            "",
            "",
            "",
            "Câmara Municipal de Lisboa",
            "Prevention officer",
            "",
            "04/01/2020 10:12",
            "approved",
        ],
    ),
    "zoom_meeting_registration_report": (
        [
            ["Meeting Registration Report"],
            ["Topic", "Meeting ID", "Start Time"],
            ["Night-time economy", "812 3456 7890", "04/02/2020 14:00"],
        ],
        [
            "First Name",
            "Last Name",
            "Email",
            "Country/Region",
            "Organization",
            "Registration Time",
            "Approval Status",
        ],
        [
            "Ana",
            "Lopes",
            "ana@lisboa.example",
            "Portugal",
            "Câmara Municipal de Lisboa",
            "04/01/2020 10:12",
            "approved",
        ],
    ),
    "google_forms_sheet_en": (
        [],
        ["Timestamp", "Email Address", "Name", "Organisation", "Country", "Which sessions?"],
        [
            "4/1/2020 10:12:00",
            "ana@lisboa.example",
            "Ana Lopes",
            "Câmara Municipal de Lisboa",
            "Portugal",
            "Night-time economy",
        ],
    ),
    "google_forms_sheet_fr": (
        [],
        ["Horodateur", "Adresse e-mail", "Prénom", "Nom", "Organisme", "Pays", "Séances"],
        [
            "01/04/2020 10:12:00",
            "ana@lisboa.example",
            "Ana",
            "Lopes",
            "Câmara Municipal de Lisboa",
            "Portugal",
            "Night-time economy",
        ],
    ),
    "civicrm_participant_export": (
        [],
        [
            "Contact ID",
            "Contact Type",
            "Display Name",
            "First Name",
            "Last Name",
            "Email",
            "Current Employer",
            "Country",
            "Event Title",
            "Event Start Date",
            "Participant Status",
            "Participant Role",
            "Register date",
        ],
        [
            "42",
            "Individual",
            "Ana Lopes",
            "Ana",
            "Lopes",
            "ana@lisboa.example",
            "Câmara Municipal de Lisboa",
            "Portugal",
            "Night-time economy",
            "2020-04-02 14:00",
            "Registered",
            "Attendee",
            "2020-04-01 10:12",
        ],
    ),
    "microsoft_forms_export": (
        [],
        [
            "ID",
            "Start time",
            "Completion time",
            "Email",
            "Name",
            "Last modified time",
            "Your organisation",
            "Country",
            "Job title",
        ],
        [
            "1",
            "4/1/20 10:10:00",
            "4/1/20 10:12:00",
            "ana@lisboa.example",
            "Ana Lopes",
            "",
            "Câmara Municipal de Lisboa",
            "Portugal",
            "Prevention officer",
        ],
    ),
    "teams_webinar_registrants": (
        [],
        [
            "First name",
            "Last name",
            "Email",
            "Registration status",
            "Registered on",
            "Job title",
            "Company",
        ],
        [
            "Ana",
            "Lopes",
            "ana@lisboa.example",
            "Registered",
            "2020-04-01 10:12",
            "Prevention officer",
            "Câmara Municipal de Lisboa",
        ],
    ),
}


def _csv(rows: list[list[str]]) -> bytes:
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    return out.getvalue().encode("utf-8")


@pytest.mark.parametrize("tool", sorted(EXPORTS))
def test_each_tools_header_row_is_detected(tool):
    before, header, row = EXPORTS[tool]
    table = read_table(_csv([*before, header, row]), is_header=is_header_row)
    assert table.headers == header
    assert len(table.rows) == 1
    mapping = detect_mapping(table.headers)
    assert mapping.get("email") in {"Email", "Email Address", "Adresse e-mail"}
    assert mapping.get("name") or (mapping.get("first_name") and mapping.get("last_name"))
    assert mapping.get("organisation"), mapping
    cells = dict(zip(table.headers, table.rows[0][1], strict=True))
    assert cells[mapping["email"]] == "ana@lisboa.example"
    assert cells[mapping["organisation"]] == "Câmara Municipal de Lisboa"


@pytest.mark.parametrize(
    ("tool", "fields"),
    [
        (
            "eventbrite_attendee_summary",
            {
                "status": "Attendee Status",
                "job_title": "Job Title",
                "country": "Work Country",
                "sessions": "Event Name",
            },
        ),
        (
            "zoom_webinar_registration_report",
            {"status": "Approval Status", "country": "Country/Region"},
        ),
        (
            "civicrm_participant_export",
            {"name": "Display Name", "sessions": "Event Title", "status": "Participant Status"},
        ),
        ("teams_webinar_registrants", {"status": "Registration status"}),
        ("google_forms_sheet_en", {"sessions": "Which sessions?"}),
        (
            "google_forms_sheet_fr",
            {"first_name": "Prénom", "name": "Nom", "sessions": "Séances", "country": "Pays"},
        ),
    ],
)
def test_the_columns_each_tool_adds(tool, fields):
    _before, header, _row = EXPORTS[tool]
    mapping = detect_mapping(header)
    for field_name, column in fields.items():
        assert mapping.get(field_name) == column, (field_name, mapping)


def test_a_zoom_report_without_a_registrant_header_still_names_its_first_row():
    table = read_table(_csv([["Topic", "Webinar ID"], ["x", "1"]]), is_header=is_header_row)
    assert table.headers == ["Topic", "Webinar ID"]


def test_without_the_hint_the_first_row_is_the_header():
    before, header, row = EXPORTS["zoom_meeting_registration_report"]
    table = read_table(_csv([header, row]))
    assert table.headers == header


@pytest.mark.django_db
def test_a_raw_zoom_report_imports_and_its_left_out_statuses_are_skipped():
    import datetime as dt

    from convene.registrations.services.imports import registration_import_plan
    from tests import factories as f

    series = f.series(slug="lockdown-2020")
    starts = dt.datetime(2020, 4, 2, 12, 0, tzinfo=dt.UTC)
    f.session(series, slug="night", title="Night-time economy", starts_at=starts)
    before, header, row = EXPORTS["zoom_webinar_registration_report"]
    pending = [*row[:2], "pending@lisboa.example", *row[3:-1], "pending approval"]
    plan = registration_import_plan(
        series=series, data=_csv([*before, header, row, pending]), resolve=False
    )
    assert plan.errors == []
    assert [p.row.email for p in plan.people] == ["ana@lisboa.example"]
    assert len(plan.left_out) == 1
