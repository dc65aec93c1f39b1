"""Permission matrix rows for practices and their contact person: role × object × action.

Objects: a practice in each section of tests/network.py (``public``, ``members``,
``inheriting``, ``staff``), a practice with its own stricter access (``members``) inside the
public section (``stricter``), and the contact person of a practice the role may see.
Actions: view (the practice's page; the API's detail), list (the library; the API's list),
search (both, with a word every practice holds), edit (the staff page). Each cell is checked on
the page and on the API: a practice a role may not see is absent from lists and searches; its
page sends anonymous visitors to sign in and tells signed-in non-members it is for members
(403), a staff-only one answers 404; the API answers 404 for all of them.
"""

from __future__ import annotations

import pytest
from django.test import Client

from convene.core.access import Access
from convene.directory.services import person_create
from convene.knowledge.models import Practice
from tests.knowledge.practices import practice
from tests.network import ROLES, Network

pytestmark = pytest.mark.django_db

PRACTICES = ["public", "members", "inheriting", "staff", "stricter"]

#: Which practices each role may view, list and search.
SEES = {
    "anonymous": {"public"},
    "outsider": {"public"},
    "other": {"public", "members", "inheriting", "stricter"},
    "unverified": {"public"},
    "member": {"public", "members", "inheriting", "stricter"},
    "former": {"public"},
    # On the members section's extra list: its practices, not a members-only one elsewhere.
    "extra": {"public", "members", "inheriting"},
    "staff": set(PRACTICES),
}

#: Who sees a practice's contact person (on a practice they may see): member users and staff.
SEES_CONTACT = {"other", "member", "staff"}

#: The staff edit page: a redirect to sign in, refused (403), or the form.
EDIT = dict.fromkeys(ROLES, 403) | {"anonymous": 302, "staff": 200}

WORD = "zebracrossings"


@pytest.fixture
def practices(network: Network) -> dict[str, Practice]:
    contact = person_create(actor=None, email="contact@liege.example", name="Contact Person")
    made = {}
    for name in PRACTICES:
        section = network.sections["public" if name == "stricter" else name]
        own = Access.MEMBERS if name == "stricter" else Access.INHERIT
        made[name] = practice(
            title=f"Practice {name} {WORD}",
            slug=f"practice-{name}",
            section=section,
            access=own,
            contact=contact,
        )
    return made


def names(titles: list[str]) -> set[str]:
    return {title.split()[1] for title in titles}


def page_answer(role: str, name: str) -> int:
    """The page: the practice; or for a hidden one, 404 when it is staff only, the sign-in page
    for anonymous visitors, and a 403 page saying it is for members (and how to join)."""
    if name in SEES[role]:
        return 200
    if name == "staff":
        return 404
    return 302 if role == "anonymous" else 403


@pytest.mark.parametrize("role", ROLES)
def test_view(network: Network, practices: dict[str, Practice], role: str) -> None:
    client = network.client(role)
    for name, item in practices.items():
        page = client.get(f"/network/practices/{item.slug}/")
        assert page.status_code == page_answer(role, name), name
        if page.status_code == 403:
            assert "members" in page.content.decode()
        api = 200 if name in SEES[role] else 404
        assert client.get(f"/api/practices/{item.slug}").status_code == api, name


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("query", ["", WORD], ids=["list", "search"])
def test_list_and_search(
    network: Network, practices: dict[str, Practice], role: str, query: str
) -> None:
    client = network.client(role)
    page = client.get("/network/practices/", {"q": query}).content.decode()
    api = client.get("/api/practices", {"q": query}).json()

    assert {n for n in PRACTICES if f"Practice {n} " in page} == SEES[role]
    assert names([item["title"] for item in api["items"]]) == SEES[role]
    assert api["count"] == len(SEES[role])


@pytest.mark.parametrize("role", ROLES)
def test_edit(network: Network, practices: dict[str, Practice], role: str) -> None:
    client: Client = network.client(role)
    for item in practices.values():
        assert client.get(f"/staff/practices/{item.pk}/edit/").status_code == EDIT[role]


@pytest.mark.parametrize("role", ROLES)
def test_contact(network: Network, practices: dict[str, Practice], role: str) -> None:
    client = network.client(role)
    item = practices["public"]
    page = client.get(f"/network/practices/{item.slug}/").content.decode()
    api = client.get(f"/api/practices/{item.slug}").json()

    assert ("contact@liege.example" in page) is (role in SEES_CONTACT)
    assert (api["contact"] is not None) is (role in SEES_CONTACT)
