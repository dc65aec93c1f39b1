"""The permission matrix of minutes and documents: roles × objects × actions, one expected answer
per cell for the page and for the API (see tests/network.py for the roles and sections).

Objects (each in a published session):

* ``published``: published minutes in the members section;
* ``draft``: draft minutes in the members section;
* ``public``: published minutes in the public section;
* ``strict``: published minutes whose own access is ``staff``, in the public section (a stricter
  object inside a public section);
* ``document``: a document of the ``published`` minutes' session.

Answers: an HTTP status; ``in``/``out`` for a list that does or does not contain the object;
``-`` where there is no such page or endpoint. Pages explain members-only content (403) where
the API answers 404, so that the API never tells what exists.
"""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from convene.core.access import Access
from convene.knowledge.models import Document, Minutes
from convene.knowledge.services.documents import document_upload
from convene.knowledge.services.minutes import minutes_publish, minutes_save
from convene.programme.models import Series
from convene.sections.models import Section
from tests import factories as f
from tests.knowledge import samples
from tests.network import ROLES, Network

pytestmark = pytest.mark.django_db


def cells(**answers: str) -> dict[str, tuple[str, str]]:
    """``role="page api"`` for every role (all eight must be given)."""
    assert set(answers) == set(ROLES), set(ROLES) ^ set(answers)
    return {role: tuple(value.split()) for role, value in answers.items()}  # type: ignore[misc]


# Who may read what is in the members section: member users of any member organisation, the
# section's extra list, staff. Not: anonymous, a non-member, an unverified email, a former member.
MEMBERS_READ = cells(
    anonymous="403 404", outsider="403 404", other="200 200", unverified="403 404",
    member="200 200", former="403 404", extra="200 200", staff="200 200",
)  # fmt: skip
MEMBERS_LIST = cells(
    anonymous="out out", outsider="out out", other="in in", unverified="out out",
    member="in in", former="out out", extra="in in", staff="in in",
)  # fmt: skip
STAFF_ONLY_READ = cells(
    anonymous="404 404", outsider="404 404", other="404 404", unverified="404 404",
    member="404 404", former="404 404", extra="404 404", staff="200 200",
)  # fmt: skip
STAFF_ONLY_LIST = cells(
    anonymous="out out", outsider="out out", other="out out", unverified="out out",
    member="out out", former="out out", extra="out out", staff="in in",
)  # fmt: skip
EVERYONE_READ = cells(
    anonymous="200 200", outsider="200 200", other="200 200", unverified="200 200",
    member="200 200", former="200 200", extra="200 200", staff="200 200",
)  # fmt: skip
EVERYONE_LIST = cells(
    anonymous="in in", outsider="in in", other="in in", unverified="in in",
    member="in in", former="in in", extra="in in", staff="in in",
)  # fmt: skip
# Staff pages: anonymous visitors are sent to sign in, everyone else but staff is refused.
EDIT = cells(
    anonymous="302 -", outsider="403 -", other="403 -", unverified="403 -",
    member="403 -", former="403 -", extra="403 -", staff="200 -",
)  # fmt: skip
DELETE = cells(
    anonymous="302 -", outsider="403 -", other="403 -", unverified="403 -",
    member="403 -", former="403 -", extra="403 -", staff="302 -",
)  # fmt: skip

MATRIX: dict[tuple[str, str], dict[str, tuple[str, str]]] = {
    ("published", "view"): MEMBERS_READ,
    ("published", "list"): MEMBERS_LIST,
    ("published", "edit"): EDIT,
    ("draft", "view"): STAFF_ONLY_READ,
    ("draft", "list"): STAFF_ONLY_LIST,
    ("draft", "edit"): EDIT,
    ("public", "view"): EVERYONE_READ,
    ("public", "list"): EVERYONE_LIST,
    ("public", "edit"): EDIT,
    ("strict", "view"): STAFF_ONLY_READ,
    ("strict", "list"): STAFF_ONLY_LIST,
    ("strict", "edit"): EDIT,
    ("document", "download"): MEMBERS_READ,
    ("document", "list"): MEMBERS_LIST,
    ("document", "edit"): DELETE,
}

#: The cells, role by role: one test per role checks its whole row (building the network costs
#: more than the requests, so the cells of a role share one network; ``edit`` of the document
#: deletes it, so it is asked last).
ORDER = sorted(MATRIX, key=lambda key: key == ("document", "edit"))


@dataclasses.dataclass
class Objects:
    minutes: dict[str, Minutes]
    document: Document


def _session_in(section: Section) -> Any:
    series = f.series()
    Series.objects.filter(pk=series.pk).update(section=section)
    return f.session(series, days=-2)


def _minutes(section: Section, *, publish: bool = True, access: str = Access.INHERIT) -> Minutes:
    minutes = minutes_save(
        actor=None, session=_session_in(section), body={"en": "# Decisions"}, access=access
    )
    return minutes_publish(actor=None, minutes=minutes) if publish else minutes


@pytest.fixture
def objects(network: Network) -> Objects:
    members, public = network.sections["members"], network.sections["public"]
    minutes = {
        "published": _minutes(members),
        "draft": _minutes(members, publish=False),
        "public": _minutes(public),
        "strict": _minutes(public, access=Access.STAFF),
    }
    document = document_upload(
        actor=None,
        file=SimpleUploadedFile("plan.pdf", samples.pdf()),
        filename="plan.pdf",
        session=minutes["published"].session,
    )
    return Objects(minutes, document)


def _status(answer: Any) -> str:
    return str(answer.status_code)


def _page(client: Client, objects: Objects, obj: str, action: str) -> str:
    if obj == "document":
        document = objects.document
        assert document.session is not None
        if action == "download":
            return _status(client.get(f"/network/documents/{document.pk}/"))
        if action == "list":
            page = client.get(f"/network/sessions/{document.session.slug}/minutes/")
            return "in" if f"/network/documents/{document.pk}/" in page.content.decode() else "out"
        return _status(client.post(f"/staff/minutes/documents/{document.pk}/delete/"))
    slug = objects.minutes[obj].session.slug
    if action == "view":
        return _status(client.get(f"/network/sessions/{slug}/minutes/"))
    if action == "list":
        page = client.get("/network/minutes/")
        assert page.status_code == 200
        return "in" if f"/network/sessions/{slug}/minutes/" in page.content.decode() else "out"
    return _status(client.get(f"/staff/minutes/sessions/{slug}/"))


def _api(client: Client, objects: Objects, obj: str, action: str) -> str:
    if action == "edit":
        return "-"
    if obj == "document":
        document = objects.document
        assert document.session is not None
        if action == "download":
            return _status(client.get(f"/api/documents/{document.pk}"))
        answer = client.get(f"/api/sessions/{document.session.slug}/documents")
        assert answer.status_code == 200
        return "in" if document.pk in [d["id"] for d in answer.json()["items"]] else "out"
    slug = objects.minutes[obj].session.slug
    if action == "view":
        return _status(client.get(f"/api/sessions/{slug}/minutes"))
    answer = client.get("/api/minutes")
    assert answer.status_code == 200
    return "in" if slug in [m["session"] for m in answer.json()["items"]] else "out"


@pytest.mark.parametrize("role", ROLES)
def test_permission_matrix(network: Network, objects: Objects, role: str) -> None:
    client = network.client(role)
    expected = {key: MATRIX[key][role] for key in ORDER}
    observed = {
        (obj, action): (_page(client, objects, obj, action), _api(client, objects, obj, action))
        for obj, action in ORDER
    }
    assert observed == expected


def test_the_matrix_covers_every_role_object_and_action() -> None:
    objects = {obj for obj, _action in MATRIX}
    assert len(objects) == 5 and all(set(row) == set(ROLES) for row in MATRIX.values())
    assert len(MATRIX) * len(ROLES) == 15 * 8 == 120  # cells, each with a page and an API answer
