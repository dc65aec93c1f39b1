"""The paragraph and the charts, from documents written by hand (no database)."""

from __future__ import annotations

import copy
from typing import Any

import pytest
from django.utils import translation

from convene.reports.charts import MAX_SESSION_BARS, audience_chart, countries_chart, kinds_chart
from convene.reports.document import ReportDocument
from convene.reports.narrative import narrative

NNBSP = "\u202f"  # the narrow no-break space CLDR writes between thousands in French

KINDS = {"public_body": 0, "research": 0, "ngo": 0, "private": 0, "other": 0}


def lockdown_2020() -> dict[str, Any]:
    """The figures of the network's own 2020 sentence."""
    audiences = [50, 90, 61, 66] * 3  # twelve sessions: mean 66.75, median 63.5
    per_session = [{"session": f"s{i}", "attendees": n} for i, n in enumerate(audiences)]
    return {
        "figures": {
            "scope": {"kind": "series", "series": "lockdown", "section": None},
            "sessions": 12,
            "registrants": 1090,
            "registrations": 2403,
            "attendees": 700,
            "audience": {"per_session": per_session, "mean": 66.75, "median": 63.5},
            "local_authorities": {
                "represented": 110,
                "members": 68,
                "by_kind": {"local_authority": 101, "regional_authority": 9},
                "members_by_kind": {"local_authority": 62, "regional_authority": 6},
            },
            "institutions": {
                "total": 158,
                "members": 3,
                "by_kind": {
                    "public_body": 70,
                    "research": 40,
                    "ngo": 30,
                    "private": 18,
                    "other": 0,
                },
                "members_by_kind": {**KINDS, "public_body": 3},
            },
            "countries": 24,
            "by_country": {"FR": 400, "BE": 300, "DE": 200},
            "represented_by": "registrants",
        },
        "scope_title": "Lockdown webconferences",
        "sessions": [],
        "organisations": [],
        "topics": [],
        "definitions_version": "1",
        "generated_at": "2026-11-23T10:00:00+00:00",
    }


def document(**changes: Any) -> ReportDocument:
    data = lockdown_2020()
    data["figures"]["audience"].update(min=50, max=90)
    for path, value in changes.items():
        target = data["figures"]
        *parents, last = path.split("__")
        for parent in parents:
            target = target[parent]
        target[last] = value
    return ReportDocument.from_json(data)


def test_the_2020_sentence_in_english():
    assert narrative(document(), "en") == (
        "In total, 1,090 people registered for one or more of the 12 webconferences, with an "
        "audience of 50 to 90 per session (66.8 on average). 110 local and regional authorities "
        "were represented, including 68 members, and 158 institutions of various kinds (public "
        "institutions, research, non-governmental organisations, and the private sector). They "
        "came from 24 countries."
    )


def test_the_2020_sentence_in_french_with_french_numbers():
    text = narrative(document(), "fr")
    assert text.startswith(
        f"Au total, 1{NNBSP}090 personnes se sont inscrites à une ou plusieurs des 12 "
        "webconférences, avec une audience de 50 à 90 personnes par session (66,8 en moyenne)."
    )
    assert (
        "110 collectivités locales et régionales étaient représentées, dont 68 membres, et 158 "
        "institutions de différents types (institutions publiques, recherche, organisations non "
        "gouvernementales et secteur privé)."
    ) in text
    assert text.endswith("Elles venaient de 24 pays.")


def test_the_paragraph_is_written_in_the_language_asked_whatever_the_active_one():
    with translation.override("fr"):
        assert narrative(document(), "en").startswith("In total, 1,090 people")
    assert translation.get_language() == "en"


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"sessions": 1, "registrants": 1}, "In total, 1 person registered for the webconference"),
        ({"audience__min": 70, "audience__max": 70}, "with an audience of 70 per session."),
        ({"audience__min": None, "audience__max": None}, "webconferences. 110 local"),
        (
            {"local_authorities__by_kind": {"local_authority": 110, "regional_authority": 0}},
            "110 local authorities were represented",
        ),
        (
            {
                "local_authorities__represented": 1,
                "local_authorities__members": 0,
                "local_authorities__by_kind": {"local_authority": 0, "regional_authority": 1},
            },
            "1 regional authority was represented, none of them a member",
        ),
        (
            {"local_authorities__represented": 0, "local_authorities__members": 0},
            "No local or regional authority was represented",
        ),
        (
            {"institutions__total": 1, "institutions__by_kind": {**KINDS, "ngo": 1}},
            "and 1 other institution (non-governmental organisations).",
        ),
        ({"institutions__total": 0}, ", and no other institution."),
        ({"represented_by": "attendees"}, "counted when at least one person attended."),
        # Averages count the sessions that took place (attendance recorded), and say how many.
        (
            {"sessions": 3, "audience__per_session": [{"session": "s0", "attendees": 4}]}
            | {"audience__min": 4, "audience__max": 4, "audience__mean": 4},
            "with an audience of 4 at the one session whose attendance is recorded.",
        ),
        (
            {"sessions": 20},
            "with an audience of 50 to 90 per session (66.8 on average over the 12 sessions "
            "whose attendance is recorded).",
        ),
    ],
)
def test_the_paragraph_follows_the_figures(changes, expected):
    assert expected in narrative(document(**changes), "en")


def test_the_audience_chart_groups_sessions_when_there_are_too_many():
    data = lockdown_2020()
    many = MAX_SESSION_BARS + 10
    data["sessions"] = [
        {
            "slug": f"s{i}",
            "title": f"Session {i}",
            "starts_at": "2027-01-01T12:00:00+00:00",
            "timezone": "Europe/Brussels",
            "registrations": 100,
            "attendees": 50 + i % 41,
        }
        for i in range(many)
    ]
    data["figures"]["audience"].update(min=50, max=90, mean=70.0)
    chart = audience_chart(ReportDocument.from_json(data))
    assert sum(bar.value for bar in chart.bars) == many  # every session in one bucket
    assert chart.bars[0].label == "50–54"
    assert chart.note

    few = copy.deepcopy(data)
    few["sessions"] = data["sessions"][:3] + [{**data["sessions"][3], "attendees": None}]
    chart = audience_chart(ReportDocument.from_json(few))
    assert [bar.value for bar in chart.bars] == [50, 51, 52]
    assert chart.bars[0].key == "audience.per_session.s0"


def test_the_kinds_chart_highlights_members_and_the_bars_fit():
    chart = kinds_chart(document())
    local = chart.bars[0]
    assert (local.value, local.highlight) == (101, 62)
    assert local.key == "local_authorities.by_kind.local_authority"
    assert local.highlight_key == "local_authorities.members_by_kind.local_authority"
    for row in chart.rows():
        assert row.value_x <= chart.width  # the longest bar leaves room for its value
    assert max(row.highlight_width + row.rest_width for row in chart.rows()) <= chart.width


def test_the_countries_chart_names_countries_in_the_language():
    with translation.override("fr"):
        chart = countries_chart(document())
    assert [bar.label for bar in chart.bars] == ["France", "Belgique", "Allemagne"]
