"""Writing practices: what the service refuses, how it names them, what it records."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from convene.core.models import AuditLog
from convene.knowledge.models import Practice
from convene.knowledge.services import PracticeData, practice_create, practice_update
from tests.knowledge.practices import practice

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"title": ""}, "title"),
        ({"title": {"fr": "Sans anglais"}}, "title"),
        ({"title": "x" * 201}, "title"),
        ({"country": "XX"}, "country"),
        ({"evidence_level": "rumour"}, "evidence_level"),
        ({"access": "everyone"}, "access"),
        ({"language": "tlh"}, "language"),
        ({"ongoing": True, "ended_on": dt.date(2021, 1, 1)}, "ended_on"),
        ({"started_on": dt.date(2021, 1, 1), "ended_on": dt.date(2020, 1, 1)}, "ended_on"),
        ({"started_on": dt.date(1900, 1, 1)}, "started_on"),
        ({"funding": "€" * 301}, "funding"),
        ({"summary": {"xx": "unknown language"}}, "summary"),
        ({"slug": "Not A Slug"}, "slug"),
    ],
)
def test_bad_input_is_refused_and_nothing_is_written(changes: dict, field: str) -> None:
    values: dict = {"title": "Shelters"} | changes

    with pytest.raises(ValidationError) as refused:
        practice_create(actor=None, data=PracticeData(**values))

    assert field in refused.value.message_dict
    assert not Practice.objects.exists()


def test_slugs_come_from_the_english_title_and_stay_unique() -> None:
    first = practice(title={"en": "Shelters in Liège", "fr": "Foyers à Liège"})
    second = practice(title="Shelters in Liège")

    assert (first.slug, second.slug) == ("shelters-in-liege", "shelters-in-liege-2")
    with pytest.raises(ValidationError, match="already exists"):
        practice(title="Other", slug="shelters-in-liege")


def test_an_update_keeps_the_address_and_records_who_did_what() -> None:
    item = practice(title="Shelters")

    practice_update(actor=None, practice=item, data=PracticeData(title="Shelters and rooms"))

    item.refresh_from_db()
    assert item.slug == "shelters" and str(item.title) == "Shelters and rooms"
    codes = list(AuditLog.objects.order_by("pk").values_list("code", flat=True))
    assert codes[-2:] == ["knowledge.practice.created", "knowledge.practice.updated"]
