"""Who may do what with topic proposals, as one table over the shared roles of the permission
matrix (tests/network.py): see the list page, read the API, propose, support, and reach the
staff pages. Members support; partners (a verified email and a known organisation, member or
not) propose; staff answer; everyone else sees an explanation (pages) or 404 (API)."""

from __future__ import annotations

import pytest

from convene.knowledge.models import Proposal, ProposalSupport
from tests.knowledge import proposal_helpers as h
from tests.network import ROLES

pytestmark = pytest.mark.django_db

Y, N = True, False

#: role: (sees the page, reads the API, proposes, supports, reaches the staff pages)
TABLE = {
    "anonymous": (N, N, N, N, N),
    "outsider": (Y, Y, Y, N, N),  # verified, NGO known, not a member: a partner
    "other": (Y, Y, Y, Y, N),  # a member user of another member city
    "unverified": (N, N, N, N, N),  # email not verified: neither member nor partner
    "member": (Y, Y, Y, Y, N),
    "former": (Y, Y, Y, N, N),  # membership ended yesterday: now a partner
    "extra": (Y, Y, Y, N, N),  # on a section's extra list: a partner here
    "staff": (Y, Y, N, N, Y),  # staff without a person of their own
}


def test_the_table_covers_every_role():
    assert sorted(TABLE) == sorted(ROLES)


@pytest.mark.parametrize("role", ROLES)
def test_proposal_permissions(network, role):
    sees, reads, proposes, supports, manages = TABLE[role]
    round_obj = h.open_round()
    proposal = h.proposal(round_obj, by=network.users["member"])
    client = network.client(role)

    page = client.get("/network/proposals/")
    assert page.status_code == (200 if sees else 403)
    assert ("Shelters for victims" in page.content.decode()) == sees
    detail = client.get(f"/network/proposals/{proposal.pk}/")
    assert detail.status_code == (200 if sees else 403)

    api = client.get(f"/api/proposals/{proposal.pk}")
    assert api.status_code == (200 if reads else 404)

    before = Proposal.objects.count()
    client.post(
        "/network/proposals/propose/",
        {"title": "Night-time economy", "rationale": "Bars and safety.", "language": "en"},
    )
    assert Proposal.objects.count() == before + (1 if proposes else 0)

    client.post(f"/network/proposals/{proposal.pk}/support/")
    assert ProposalSupport.objects.filter(proposal=proposal).exists() == supports

    staff_page = client.get(f"/staff/proposals/{proposal.pk}/")
    assert staff_page.status_code == (200 if manages else (302 if role == "anonymous" else 403))
