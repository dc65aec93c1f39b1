"""The permission matrix of minutes and documents (issue #19): role × object × action, one
expected answer per cell for the page and for the API, in ONE table, in the style of
``test_permission_matrix.py`` (same roles, sections and answers; see ``tests/network.py``).

Objects (each of a published session, apart from the section's document):

* ``minutes:published``: published minutes in the members section;
* ``minutes:draft``: draft minutes in the members section;
* ``minutes:public``: published minutes in the public section;
* ``minutes:inheriting``: published minutes in the section that inherits from the members one;
* ``minutes:strict``: published minutes whose own access is ``staff``, in the public section;
* ``minutes:session-own``: published minutes in the public section of a session whose own
  access is ``members`` (minutes follow their session);
* ``document:session``: a document of the ``minutes:published`` session;
* ``document:section``: a document of the members section (reached by its address alone).

Actions: ``view`` (the minutes page and ``GET /api/sessions/{slug}/minutes``), ``download``
(the file and ``GET /api/documents/{id}``), ``list`` (``/network/minutes/`` and ``GET
/api/minutes``; for documents the minutes page and ``GET /api/sessions/{slug}/documents`` or
``/api/sections/{slug}/documents``), ``edit`` (the staff page of the minutes; deleting a
document).

Page answers: ``ok`` (200, or a staff action done), ``sign-in`` (sent to the member sign-in
page), ``members`` (403: for members, and how to join), ``404``, ``403``, ``staff-sign-in``,
``shown`` / ``hidden`` (a list links to it, or not). API answers: ``200``, ``404``, ``shown`` /
``hidden``, ``-`` (no such endpoint).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction

from convene.core.access import Access
from convene.knowledge.models import Document, Minutes
from convene.knowledge.services.documents import document_upload
from convene.knowledge.services.minutes import minutes_publish, minutes_save
from convene.programme.models import Series
from convene.sections.models import Section
from tests import factories as f
from tests.knowledge import samples
from tests.network import ROLES, Network, build_network

TABLE = """
object              action    anonymous       outsider        other          unverified      member         former          extra          staff
minutes:published   view      sign-in/404     members/404     ok/200         members/404     ok/200         members/404     ok/200         ok/200
minutes:draft       view      404/404         404/404         404/404        404/404         404/404        404/404         404/404        ok/200
minutes:public      view      ok/200          ok/200          ok/200         ok/200          ok/200         ok/200          ok/200         ok/200
minutes:inheriting  view      sign-in/404     members/404     ok/200         members/404     ok/200         members/404     ok/200         ok/200
minutes:strict      view      404/404         404/404         404/404        404/404         404/404        404/404         404/404        ok/200
minutes:session-own view      sign-in/404     members/404     ok/200         members/404     ok/200         members/404     members/404    ok/200
minutes:published   list      hidden/hidden   hidden/hidden   shown/shown    hidden/hidden   shown/shown    hidden/hidden   shown/shown    shown/shown
minutes:draft       list      hidden/hidden   hidden/hidden   hidden/hidden  hidden/hidden   hidden/hidden  hidden/hidden   hidden/hidden  shown/shown
minutes:public      list      shown/shown     shown/shown     shown/shown    shown/shown     shown/shown    shown/shown     shown/shown    shown/shown
minutes:inheriting  list      hidden/hidden   hidden/hidden   shown/shown    hidden/hidden   shown/shown    hidden/hidden   shown/shown    shown/shown
minutes:strict      list      hidden/hidden   hidden/hidden   hidden/hidden  hidden/hidden   hidden/hidden  hidden/hidden   hidden/hidden  shown/shown
minutes:session-own list      hidden/hidden   hidden/hidden   shown/shown    hidden/hidden   shown/shown    hidden/hidden   hidden/hidden  shown/shown
minutes:published   edit      staff-sign-in/- 403/-           403/-          403/-           403/-          403/-           403/-          ok/-
minutes:draft       edit      staff-sign-in/- 403/-           403/-          403/-           403/-          403/-           403/-          ok/-
document:session    download  sign-in/404     members/404     ok/200         members/404     ok/200         members/404     ok/200         ok/200
document:section    download  sign-in/404     members/404     ok/200         members/404     ok/200         members/404     ok/200         ok/200
document:session    list      hidden/hidden   hidden/hidden   shown/shown    hidden/hidden   shown/shown    hidden/hidden   shown/shown    shown/shown
document:section    list      -/404           -/404           -/shown        -/404           -/shown        -/404           -/shown        -/shown
document:session    edit      staff-sign-in/- 403/-           403/-          403/-           403/-          403/-           403/-          ok/-
document:section    edit      staff-sign-in/- 403/-           403/-          403/-           403/-          403/-           403/-          ok/-
"""  # noqa: E501


@dataclasses.dataclass
class Objects:
    minutes: dict[str, Minutes]
    documents: dict[str, Document]


@dataclasses.dataclass(frozen=True)
class Target:
    """Where an object is seen, for each action: (method, page, API), and what a list shows
    when it lists the object."""

    view: tuple[str | None, str | None]
    list: tuple[str | None, str | None]
    edit: tuple[str | None, str | None]
    key: str  # what a list endpoint returns for it (a session's slug, a document's id)
    link: str  # what a list page shows when it lists the object
    edit_method: str = "get"


def _minutes_target(name: str) -> Callable[[Objects], Target]:
    def target(o: Objects) -> Target:
        slug = o.minutes[name].session.slug
        page = f"/network/sessions/{slug}/minutes/"
        return Target(
            view=(page, f"/api/sessions/{slug}/minutes"),
            list=("/network/minutes/", "/api/minutes?limit=100"),
            edit=(f"/staff/minutes/sessions/{slug}/", None),
            key=slug,
            link=f'href="{page}"',
        )

    return target


def _document_target(name: str) -> Callable[[Objects], Target]:
    def target(o: Objects) -> Target:
        document = o.documents[name]
        if document.session is not None:
            slug = document.session.slug
            listing = (f"/network/sessions/{slug}/minutes/", f"/api/sessions/{slug}/documents")
        else:
            assert document.section is not None
            listing = (None, f"/api/sections/{document.section.slug}/documents")
        return Target(
            view=(f"/network/documents/{document.pk}/", f"/api/documents/{document.pk}"),
            list=listing,
            edit=(f"/staff/minutes/documents/{document.pk}/delete/", None),
            key=str(document.pk),
            link=f'href="/network/documents/{document.pk}/"',
            edit_method="post",
        )

    return target


MINUTES = ("published", "draft", "public", "inheriting", "strict", "session-own")
TARGETS: dict[str, Callable[[Objects], Target]] = {
    **{f"minutes:{name}": _minutes_target(name) for name in MINUTES},
    **{f"document:{name}": _document_target(name) for name in ("session", "section")},
}
ACTIONS = {"view": "view", "download": "view", "list": "list", "edit": "edit"}


@dataclasses.dataclass(frozen=True)
class Case:
    obj: str
    action: str
    role: str
    page: str
    api: str

    def __str__(self) -> str:
        return f"{self.obj}-{self.action}-{self.role}"


def parse(table: str) -> list[Case]:
    lines = [line.split() for line in table.strip().splitlines()]
    header, rows = lines[0], lines[1:]
    assert header[2:] == ROLES, "the table's columns are the roles, in order"
    cases = []
    for obj, action, *cells in rows:
        assert obj in TARGETS and action in ACTIONS, (obj, action)
        assert len(cells) == len(ROLES), (obj, action)
        for role, cell in zip(ROLES, cells, strict=True):
            page, api = cell.split("/")
            cases.append(Case(obj, action, role, page, api))
    return cases


CASES = parse(TABLE)


def _session_in(section: Section, **kw: Any) -> Any:
    series = f.series()
    Series.objects.filter(pk=series.pk).update(section=section)
    return f.session(Series.objects.get(pk=series.pk), days=-2, **kw)


def _minutes(section: Section, *, publish: bool = True, own: str = Access.INHERIT, **kw: Any):  # type: ignore[no-untyped-def]
    session = _session_in(section, **kw)
    minutes = minutes_save(actor=None, session=session, body={"en": "# Decisions"}, access=own)
    return minutes_publish(actor=None, minutes=minutes) if publish else minutes


def _pdf(name: str, **place: Any) -> Document:
    return document_upload(
        actor=None, file=SimpleUploadedFile(name, samples.pdf()), filename=name, **place
    )


@pytest.fixture(scope="module")
def matrix(django_db_setup, django_db_blocker) -> Iterator[tuple[Network, Objects]]:  # type: ignore[no-untyped-def]
    """The network and the objects, built once for the whole matrix and rolled back at the end."""
    with django_db_blocker.unblock(), transaction.atomic():
        n = build_network()
        members, public = n.sections["members"], n.sections["public"]
        minutes = {
            "published": _minutes(members),
            "draft": _minutes(members, publish=False),
            "public": _minutes(public),
            "inheriting": _minutes(n.sections["inheriting"]),
            "strict": _minutes(public, own=Access.STAFF),
            "session-own": _minutes(public, access=Access.MEMBERS),
        }
        documents = {
            "session": _pdf("plan.pdf", session=minutes["published"].session),
            "section": _pdf("charter.pdf", section=members),
        }
        yield n, Objects(minutes, documents)
        transaction.set_rollback(True)


def page_answer(response: Any, target: Target, action: str) -> str:
    status = response.status_code
    if action == "list":
        assert status in {200, 302, 403}
        return "shown" if target.link.encode() in response.content else "hidden"
    if status == 302:
        location = response["Location"]
        if location.startswith("/sign-in/"):
            return "sign-in"
        if location.startswith("/staff/login/"):
            return "staff-sign-in"
        if action == "edit" and location.startswith("/staff/minutes/"):
            return "ok"  # the staff action was done
        return f"302 to {location}"
    if status == 403 and b"For members only" in response.content:
        return "members"
    if status == 200:
        return "ok"
    return str(status)


def api_answer(response: Any, target: Target, action: str) -> str:
    if action == "list" and response.status_code == 200:
        items = response.json()["items"]
        keys = {str(item.get("id", item.get("session"))) for item in items}
        return "shown" if target.key in keys else "hidden"
    if response.status_code == 404:
        assert "detail" in response.json()
    return str(response.status_code)


@pytest.mark.parametrize("case", CASES, ids=str)
def test_permission_matrix(case: Case, matrix: tuple[Network, Objects], db: None) -> None:
    network, objects = matrix
    target = TARGETS[case.obj](objects)
    client = network.client(case.role)
    page, api = getattr(target, ACTIONS[case.action])
    if page is None:
        got_page = "-"
    elif case.action == "edit" and target.edit_method == "post":
        got_page = page_answer(client.post(page), target, case.action)
    else:
        got_page = page_answer(client.get(page), target, case.action)
    got_api = "-" if api is None else api_answer(client.get(api), target, case.action)
    assert (got_page, got_api) == (case.page, case.api)


def test_the_matrix_covers_every_role_for_every_row() -> None:
    rows = {(c.obj, c.action) for c in CASES}
    assert len(CASES) == len(rows) * len(ROLES) == 20 * 8
    assert {c.obj for c in CASES} == set(TARGETS)
