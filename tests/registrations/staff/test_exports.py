"""Staff registrant exports: the filtered list as CSV and XLSX, read back."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.registrations.staff.conftest import (
    register,
    rows_of,
    series_url,
    session_url,
    xlsx_rows,
)

pytestmark = pytest.mark.django_db


# --- Exports -----------------------------------------------------------------------------------


def test_csv_export_is_the_filtered_list_in_utf8_with_bom(staff_client, mixed, session):
    response = staff_client.get(f"{session_url(session)}?format=csv&status=confirmed")
    assert response["Content-Type"].startswith("text/csv")
    assert f'filename="registrations-{session.slug}.csv"' in response["Content-Disposition"]
    rows = rows_of(response)
    assert [r["Name"] for r in rows] == ["Alice Mertens", "Carla Rossi"]
    alice = rows[0]
    assert alice["Session"] == session.slug
    assert alice["Email"] == "alice@liege.example"
    assert alice["Organisation"] == "Ville de Liège"  # accents survive the round trip
    assert alice["Kind"] == "Local authority"
    assert alice["Country"] == "BE"
    assert alice["Status"] == "Confirmed"
    registered = mixed["member"].created_at.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M:%S")
    assert alice["Registered at (UTC)"] == registered
    assert rows[1]["Organisation"] == "Comune di Bari"  # a new local authority
    assert rows[1]["Kind"] == "Local authority"


def test_series_csv_has_every_session(staff_client, mixed, session):
    rows = rows_of(staff_client.get(f"{series_url(session)}?format=csv"))
    assert {r["Session"] for r in rows} == {session.slug, mixed["full"].slug}
    assert len(rows) == 5


def test_exports_neutralise_formulas(staff_client, session):
    register(session, name='=HYPERLINK("http://evil.example")', organisation="+32 Ville")
    rows = rows_of(staff_client.get(f"{session_url(session)}?format=csv"))
    assert rows[0]["Name"] == '\'=HYPERLINK("http://evil.example")'
    assert rows[0]["Organisation"] == "'+32 Ville"
    content = staff_client.get(f"{session_url(session)}?format=xlsx").content
    # Stored as text, so the value reads back as typed (a formula would read back empty).
    row = xlsx_rows(content)[1]
    assert (row[1], row[3]) == ('=HYPERLINK("http://evil.example")', "+32 Ville")


def test_xlsx_export_reads_back_with_calamine(staff_client, mixed, session):
    response = staff_client.get(f"{series_url(session)}?format=xlsx&status=waitlisted")
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    header, *rows = xlsx_rows(response.content)
    assert header == [
        "Session",
        "Name",
        "Email",
        "Organisation",
        "Kind",
        "Country",
        "Status",
        "Registered at (UTC)",
    ]
    [row] = rows
    waiting = mixed["waiting"]
    assert row[:7] == [
        waiting.session.slug,
        "Dieter Wolf",
        "dieter@stadt.example",
        "Stadt Köln",
        "Local authority",  # resolved as a new local authority
        "DE",
        "Waitlisted",
    ]
    expected = waiting.created_at.astimezone(dt.UTC).replace(microsecond=0, tzinfo=None)
    assert row[7] == expected


def test_xlsx_accents_and_all_rows(staff_client, session):
    register(session, name="Zoë Lefèvre-Çelik", organisation="Città di Torino")
    register(session, name="Łukasz Żółć")
    header, *rows = xlsx_rows(staff_client.get(f"{session_url(session)}?format=xlsx").content)
    assert [r[1] for r in rows] == ["Zoë Lefèvre-Çelik", "Łukasz Żółć"]
    assert rows[0][3] == "Città di Torino"
