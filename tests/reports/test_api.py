"""GET /api/reports with a staff token, and ``convene report``: the same object."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from convene.reports.management.commands.report import Command as ReportCommand
from tests.reports.conftest import day
from tests.reports.test_figures import LOCKDOWN

pytestmark = pytest.mark.django_db


def run_report(*args: str) -> str:
    """``convene report …`` (the command object itself, so it runs before the app is listed)."""
    out = StringIO()
    call_command(ReportCommand(), *args, stdout=out)
    return out.getvalue()


def test_the_api_returns_the_figures_of_a_series(api_client, world):
    response = api_client.get("/api/reports", {"series": "lockdown"})
    assert response.status_code == 200, response.content
    assert response.json() == LOCKDOWN


@pytest.mark.parametrize(
    ("query", "args"),
    [
        ({"series": "lockdown"}, ["lockdown"]),
        (
            {"series": "lockdown", "represented": "attendees"},
            ["lockdown", "--represented", "attendees"],
        ),
        ({"section": "urban-security"}, ["--section", "urban-security"]),
        ({}, []),
    ],
)
def test_the_command_prints_the_same_object_as_the_api(api_client, world, query, args):
    from_api = api_client.get("/api/reports", query).json()
    from_command = json.loads(run_report(*args, "--json"))
    assert from_command == from_api
    assert from_api["sessions"] > 0


def test_a_period_by_from_and_until(api_client, world):
    response = api_client.get(
        "/api/reports", {"from": day(11).isoformat(), "until": day(13).isoformat()}
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["scope"]["from"] == day(11).isoformat()
    assert (body["sessions"], body["registrants"]) == (3, 6)
    assert (
        json.loads(
            run_report("--from", day(11).isoformat(), "--until", day(13).isoformat(), "--json")
        )
        == body
    )


def test_the_token_is_required(client, world):
    assert client.get("/api/reports", {"series": "lockdown"}).status_code == 401


@pytest.mark.parametrize(
    ("query", "status", "field"),
    [
        ({"series": "nope"}, 404, "series"),
        ({"section": "nope"}, 404, "section"),
        ({"series": "lockdown", "from": "2020-01-01"}, 400, "scope"),
        ({"from": "2020-02-01", "until": "2020-01-01"}, 400, "until"),
        ({"from": "not-a-date"}, 400, "from"),
        ({"represented": "everyone"}, 400, "represented"),
    ],
)
def test_bad_input_is_a_clear_error_naming_the_field(api_client, world, query, status, field):
    response = api_client.get("/api/reports", query)
    assert response.status_code == status, response.content
    assert response.json()["detail"].startswith(f"{field}:")


def test_the_command_prints_a_readable_summary(world):
    text = run_report("lockdown")
    assert "Series “Lockdown webconferences”" in text
    assert "8 registrants (12 registrations), 7 attendees" in text
    assert (
        "Audience per session: 1 to 3, mean 2.25, median 2.5 (4 sessions with attendance)" in text
    )
    assert "4, including 2 members (3 local, 1 regional)" in text
    assert "5 countries" in text
    assert "at least one registrant" in text


@pytest.mark.parametrize(
    "args",
    [
        ["nope"],
        ["--section", "nope"],
        ["--from", "yesterday"],
        ["lockdown", "--from", "2020-01-01"],
    ],
)
def test_the_command_refuses_bad_input_in_one_line_with_status_2(world, args):
    with pytest.raises(CommandError) as caught:
        run_report(*args, "--json")
    assert caught.value.returncode == 2
    assert "\n" not in str(caught.value) and str(caught.value)


def test_the_command_line_exits_with_status_2_and_one_line(world, capsys):
    """The path ``convene report nope`` takes: Django prints the error and exits."""
    with pytest.raises(SystemExit) as caught:
        ReportCommand().run_from_argv(["convene", "report", "nope", "--json"])
    assert caught.value.code == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.strip().splitlines() == ["CommandError: series: No series nope."]


def test_the_command_is_installed_as_report(world):
    """``convene report`` finds the command once the app is in INSTALLED_APPS."""
    out = StringIO()
    call_command("report", "lockdown", "--json", stdout=out)
    assert json.loads(out.getvalue()) == LOCKDOWN


def test_the_command_prints_the_paragraph(world):
    english = run_report("lockdown", "--paragraph", "en")
    assert english.startswith("In total, 8 people registered for one or more of the 5")
    french = run_report("lockdown", "--paragraph", "fr")
    assert french.startswith("Au total, 8 personnes se sont inscrites")
