"""Dates and times as Europe reads them: English "6 December 2026, 14:00", French
"6 décembre 2026 14:00", a 24-hour clock in both, and the zone named where it is not the
session's."""

import datetime as dt
import re
from zoneinfo import ZoneInfo

import pytest
from django.template import Context, Template
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format, time_format

from tests.factories import session

AFTERNOON = dt.datetime(2026, 12, 6, 14, 5, tzinfo=ZoneInfo("Europe/Brussels"))
AMERICAN = re.compile(r"\b(December|Dec\.) \d{1,2}, \d{4}|\d ?([ap]\.m\.|[AP]M)\b|12/06/2026")


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            "en",
            {
                "DATE_FORMAT": "6 December 2026",
                "TIME_FORMAT": "14:05",
                "DATETIME_FORMAT": "6 December 2026, 14:05",
                "SHORT_DATE_FORMAT": "06/12/2026",
                "SHORT_DATETIME_FORMAT": "06/12/2026 14:05",
            },
        ),
        (
            "fr",
            {
                "DATE_FORMAT": "6 décembre 2026",
                "TIME_FORMAT": "14:05",
                "DATETIME_FORMAT": "6 décembre 2026 14:05",
                "SHORT_DATE_FORMAT": "06/12/2026",
                "SHORT_DATETIME_FORMAT": "06/12/2026 14:05",
            },
        ),
    ],
)
def test_named_formats_are_european(language, expected):
    with translation.override(language), timezone.override("Europe/Brussels"):
        local = timezone.localtime(AFTERNOON)
        for name, text in expected.items():
            written = (
                time_format(local, name) if name == "TIME_FORMAT" else date_format(local, name)
            )
            assert written == text, name
        # A datetime printed with no format at all, as templates do.
        assert (
            Template("{{ moment }}").render(Context({"moment": local}))
            == expected["DATETIME_FORMAT"]
        )


def test_zoned_names_the_zone():
    template = Template("{% load convene %}{{ moment|zoned }}")
    with translation.override("en"), timezone.override("Europe/Brussels"):
        assert template.render(Context({"moment": AFTERNOON})) == (
            "6 December 2026, 14:05 (Europe/Brussels)"
        )


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "Saturday 6 December 2031, 15:00–16:30"),
        ("fr", "samedi 6 décembre 2031, 15:00–16:30"),
    ],
)
def test_the_programme_shows_session_times_the_european_way(client, language, expected):
    starts = dt.datetime(2031, 12, 6, 14, 0, tzinfo=dt.UTC)  # in the future, shown
    session(starts_at=starts, timezone="Europe/Paris")
    body = client.get(reverse("programme:programme"), HTTP_ACCEPT_LANGUAGE=language).content
    text = re.sub(r"<[^>]+>", "", body.decode())
    assert expected in text
    assert "(Europe/Paris)" in text
    assert not AMERICAN.search(text)
