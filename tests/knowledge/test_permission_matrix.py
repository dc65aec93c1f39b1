"""The permission matrix of the network platform (issue #19): role × object × action, one
expected answer per cell for the page and for the API, in ONE table.

Read a row as: for this object and action, what each role gets, as ``page/api``.

Page answers: ``ok`` (200, and the page shows it), ``sign-in`` (sent to the member sign-in page,
coming back afterwards), ``members`` (403: a page saying it is for members and how to join),
``404``, ``403``, ``staff-sign-in`` (sent to the staff password sign-in), ``shown`` / ``hidden``
(for ``list``: whether the list page links to it).
API answers: ``200``, ``404``, ``shown`` / ``hidden`` (for ``list``), ``-`` (no such endpoint).

Roles and objects are built once for the module by ``tests/network.py`` (fixture
``matrix_network``, see its docstring); each test runs in its own savepoint. To add rows for another object (minutes, a document, a
practice...), add its name to :data:`TARGETS` with a function giving its addresses, and its
rows to :data:`TABLE`. Sections have no search; edit is the staff page (there is no write API
for sections).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

import pytest

from tests.network import ROLES, Network

R = ROLES  # anonymous outsider other unverified member former extra staff

TABLE = """
object              action  anonymous       outsider        other        unverified      member       former          extra        staff
section:public      view    ok/200          ok/200          ok/200       ok/200          ok/200       ok/200          ok/200       ok/200
section:members     view    sign-in/404     members/404     ok/200       members/404     ok/200       members/404     ok/200       ok/200
section:inheriting  view    sign-in/404     members/404     ok/200       members/404     ok/200       members/404     ok/200       ok/200
section:staff       view    404/404         404/404         404/404      404/404         404/404      404/404         404/404      ok/200
section:public      list    shown/shown     shown/shown     shown/shown  shown/shown     shown/shown  shown/shown     shown/shown  shown/shown
section:members     list    hidden/hidden   hidden/hidden   shown/shown  hidden/hidden   shown/shown  hidden/hidden   shown/shown  shown/shown
section:inheriting  list    hidden/hidden   hidden/hidden   shown/shown  hidden/hidden   shown/shown  hidden/hidden   shown/shown  shown/shown
section:staff       list    hidden/hidden   hidden/hidden   hidden/hidden hidden/hidden  hidden/hidden hidden/hidden  hidden/hidden shown/shown
section:public      edit    staff-sign-in/- 403/-           403/-        403/-           403/-        403/-           403/-        ok/-
section:members     edit    staff-sign-in/- 403/-           403/-        403/-           403/-        403/-           403/-        ok/-
section:staff       edit    staff-sign-in/- 403/-           403/-        403/-           403/-        403/-           403/-        ok/-
session:public      view    ok/200          ok/200          ok/200       ok/200          ok/200       ok/200          ok/200       ok/200
session:members     view    sign-in/404     members/404     ok/200       members/404     ok/200       members/404     ok/200       ok/200
session:inheriting  view    sign-in/404     members/404     ok/200       members/404     ok/200       members/404     ok/200       ok/200
session:staff       view    404/404         404/404         404/404      404/404         404/404      404/404         404/404      ok/200
session:stricter    view    sign-in/404     members/404     ok/200       members/404     ok/200       members/404     members/404  ok/200
session:staff-own   view    404/404         404/404         404/404      404/404         404/404      404/404         404/404      ok/200
session:public      list    shown/-         shown/-         shown/-      shown/-         shown/-      shown/-         shown/-      shown/-
session:members     list    hidden/-        hidden/-        shown/-      hidden/-        shown/-      hidden/-        shown/-      shown/-
session:stricter    list    hidden/-        hidden/-        shown/-      hidden/-        shown/-      hidden/-        hidden/-     shown/-
session:staff-own   list    hidden/-        hidden/-        hidden/-     hidden/-        hidden/-     hidden/-        hidden/-     shown/-
"""


@dataclasses.dataclass(frozen=True)
class Target:
    """Where an object is seen: its page and API addresses, the list page that links to it (the
    network's home for sections, the programme for sessions) and the list endpoint that names
    it, and its staff edit page."""

    page: str
    api: str | None
    list_page: str
    list_api: str | None
    key: str  # what the list endpoint returns (a slug)
    link: str  # what the list page shows when it lists the object
    edit: str | None = None


def _section(name: str) -> Callable[[Network], Target]:
    def target(n: Network) -> Target:
        s = n.sections[name]
        return Target(
            page=f"/network/{s.slug}/",
            api=f"/api/sections/{s.slug}",
            list_page="/network/",
            list_api="/api/sections?limit=100",
            key=s.slug,
            link=f'href="/network/{s.slug}/"',
            edit=f"/staff/network/sections/{s.pk}/edit/",
        )

    return target


def _session(name: str) -> Callable[[Network], Target]:
    def target(n: Network) -> Target:
        s = n.sessions[name]
        return Target(
            page=f"/sessions/{s.slug}/",
            api=f"/api/sessions/{s.slug}",
            list_page="/programme/",
            list_api=None,
            key=s.slug,
            link=f'href="/sessions/{s.slug}/"',
        )

    return target


TARGETS: dict[str, Callable[[Network], Target]] = {
    **{f"section:{name}": _section(name) for name in ("public", "members", "inheriting", "staff")},
    **{
        f"session:{name}": _session(name)
        for name in ("public", "members", "inheriting", "staff", "stricter", "staff-own")
    },
}


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
        assert obj in TARGETS, obj
        assert len(cells) == len(ROLES), (obj, action)
        for role, cell in zip(ROLES, cells, strict=True):
            page, api = cell.split("/")
            cases.append(Case(obj, action, role, page, api))
    return cases


CASES = parse(TABLE)


def page_answer(response, target: Target, action: str) -> str:
    status = response.status_code
    if action == "list":
        assert status == 200
        return "shown" if target.link.encode() in response.content else "hidden"
    if status == 302:
        location = response["Location"]
        if location.startswith("/sign-in/"):
            return "sign-in"
        if location.startswith("/staff/login/"):
            return "staff-sign-in"
        return f"302 to {location}"
    if status == 403 and b"For members only" in response.content:
        return "members"
    if status == 200:
        return "ok"
    return str(status)


def api_answer(response, target: Target, action: str) -> str:
    if action == "list":
        assert response.status_code == 200
        slugs = {item["slug"] for item in response.json()["items"]}
        return "shown" if target.key in slugs else "hidden"
    if response.status_code == 404:
        assert "detail" in response.json()
    return str(response.status_code)


@pytest.mark.parametrize("case", CASES, ids=str)
def test_permission_matrix(case: Case, matrix_network: Network, db: None) -> None:
    target = TARGETS[case.obj](matrix_network)
    client = matrix_network.client(case.role)
    if case.action == "view":
        page, api = target.page, target.api
    elif case.action == "list":
        page, api = target.list_page, target.list_api
    elif case.action == "edit":
        page, api = target.edit, None
    else:
        raise AssertionError(case.action)
    assert page is not None
    got_page = page_answer(client.get(page), target, case.action)
    got_api = "-" if api is None else api_answer(client.get(api), target, case.action)
    assert (got_page, got_api) == (case.page, case.api)


def test_the_matrix_covers_every_role_for_every_row() -> None:
    rows = {(c.obj, c.action) for c in CASES}
    assert len(CASES) == len(rows) * len(ROLES)
    assert {c.role for c in CASES} == set(ROLES)
