"""Builders and viewers for the practice library's tests. Practices are made by the service,
so the search index is written as in real use."""

from __future__ import annotations

import itertools

from convene.core.access import Viewer
from convene.knowledge.models import Practice
from convene.knowledge.services import PracticeData, practice_create

_n = itertools.count(1)

ANONYMOUS = Viewer.anonymous()


def member_viewer(organisation_id: int | None = None) -> Viewer:
    return Viewer(
        user_id=1, person_id=1, organisation_id=organisation_id, is_staff=False, is_member=True
    )


def staff_viewer() -> Viewer:
    return Viewer(user_id=2, person_id=None, organisation_id=None, is_staff=True, is_member=False)


def practice(**kwargs: object) -> Practice:
    n = next(_n)
    values: dict = {"title": f"Practice number {n}", "access": "public"}
    values.update(kwargs)
    return practice_create(actor=None, data=PracticeData(**values))
