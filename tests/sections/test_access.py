"""Sections' stored access in effect, visible_q in SQL against may_view in Python, and the
viewer facts (directory.selectors.viewer_for)."""

from __future__ import annotations

import pytest

from convene.core.access import Access
from convene.directory.services.accounts import person_organisation_approve
from convene.sections.models import Section
from convene.sections.selectors import may_view, visible_q
from convene.sections.services import section_create, section_update
from tests.network import ROLES, SECTIONS, Network

pytestmark = pytest.mark.django_db

#: Which sections each role may see.
SEES = {
    "anonymous": {"public"},
    "outsider": {"public"},
    "other": {"public", "members", "inheriting"},
    "unverified": {"public"},
    "member": {"public", "members", "inheriting"},
    "former": {"public"},
    "extra": {"public", "members", "inheriting"},
    "staff": set(SECTIONS),
}


@pytest.mark.parametrize("role", ROLES)
def test_visible_q_and_may_view_agree(network: Network, role: str) -> None:
    viewer = network.viewer(role)
    in_sql = set(
        Section.objects.filter(visible_q(viewer, section_field="", access_field=None)).values_list(
            "slug", flat=True
        )
    )
    in_python = {name for name, s in network.sections.items() if may_view(viewer, s)}
    assert {name for name, s in network.sections.items() if s.slug in in_sql} == SEES[role]
    assert in_python == SEES[role]


def test_effective_access_is_stored_and_follows_the_parent(network: Network) -> None:
    inheriting = Section.objects.get(pk=network.sections["inheriting"].pk)
    assert inheriting.effective_access == Access.MEMBERS
    section_update(
        actor=None,
        section=network.sections["members"],
        name="Crisis management",
        slug="crisis-management",
        parent=None,
        access=Access.STAFF,
    )
    inheriting.refresh_from_db()
    assert inheriting.effective_access == Access.STAFF
    # The extra list was dropped from the parent, so the child's entrants are gone too.
    assert not may_view(network.viewer("extra"), inheriting)


def test_a_section_is_never_looser_than_its_parent(network: Network) -> None:
    child = section_create(
        actor=None,
        name="Open child",
        slug="open-child",
        parent=network.sections["members"],
        access=Access.PUBLIC,
    )
    assert child.effective_access == Access.MEMBERS
    assert not may_view(network.viewer("anonymous"), child)


def test_root_that_inherits_is_members_only(db: None) -> None:
    root = section_create(actor=None, name="Root", slug="root")
    assert root.effective_access == Access.MEMBERS


def test_extras_inherit_down_only_through_inheriting_sections(network: Network) -> None:
    own_mode = section_create(
        actor=None,
        name="Own mode",
        slug="own-mode",
        parent=network.sections["members"],
        access=Access.MEMBERS,
    )
    viewer = network.viewer("extra")
    assert may_view(viewer, network.sections["inheriting"])
    assert not may_view(viewer, own_mode)


def test_a_section_cannot_move_below_itself(network: Network) -> None:
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        section_update(
            actor=None,
            section=network.sections["members"],
            name="Crisis",
            slug="crisis-management",
            parent=network.sections["inheriting"],
            access=Access.MEMBERS,
        )


@pytest.mark.parametrize(
    ("own", "member_sees", "anonymous_sees"),
    [
        (Access.INHERIT, True, True),
        (Access.PUBLIC, True, True),
        (Access.MEMBERS, True, False),
        (Access.STAFF, False, False),
    ],
)
def test_a_stricter_object_inside_a_public_section(
    network: Network, own: str, member_sees: bool, anonymous_sees: bool
) -> None:
    """Objects are any model with a section and an access; a Section's own child list stands in
    (its parent is the section, and its access is ``own``)."""
    child = section_create(
        actor=None, name="Child", slug="child", parent=network.sections["public"], access=own
    )
    rows = Section.objects.filter(pk=child.pk)
    for role, expected in (("member", member_sees), ("anonymous", anonymous_sees)):
        viewer = network.viewer(role)
        found = rows.filter(
            visible_q(viewer, section_field="parent", access_field="access")
        ).exists()
        assert found is expected, role
        assert may_view(viewer, _Obj(network.sections["public"], own)) is expected, role


class _Obj:
    def __init__(self, section: Section, access: str) -> None:
        self.section = section
        self.access = access


def test_viewer_facts(network: Network) -> None:
    member = network.viewer("member")
    assert member.is_member and not member.is_staff
    assert member.organisation_id == network.organisations["liege"].pk
    assert not network.viewer("unverified").is_member
    assert network.viewer("unverified").organisation_id is None
    assert not network.viewer("former").is_member
    assert not network.viewer("outsider").is_member
    assert network.viewer("staff").is_staff


def test_staff_approval_makes_a_member_of_an_email_outside_the_domains(network: Network) -> None:
    from convene.directory.selectors import viewer_for
    from convene.directory.services import person_create
    from convene.directory.services.accounts import person_email_verify, person_user_ensure

    person = person_create(
        actor=None,
        email="someone@gmail.example",
        name="Someone",
        organisation=network.organisations["liege"],
    )
    person_email_verify(person=person)
    user = person_user_ensure(person=person)
    assert not viewer_for(user).is_member
    person_organisation_approve(actor=network.users["staff"], person=person)
    assert viewer_for(user).is_member
    # The approval was for Liège: a new resolution to another member city does not inherit it.
    type(person).objects.filter(pk=person.pk).update(organisation=network.organisations["essen"])
    assert not viewer_for(user).is_member


def test_viewer_for_takes_at_most_two_queries(
    network: Network, django_assert_max_num_queries
) -> None:
    from convene.directory.selectors import viewer_for

    with django_assert_max_num_queries(2):
        viewer_for(network.users["member"])


def test_recomputing_takes_a_fixed_number_of_queries(
    network: Network, django_assert_max_num_queries
) -> None:
    from convene.sections.services import sections_recompute

    with django_assert_max_num_queries(8):
        sections_recompute()
    for n in range(15):
        section_create(
            actor=None,
            name=f"Sub {n}",
            slug=f"sub-{n}",
            parent=network.sections["members"],
            extra_people=[network.people["outsider"]],
        )
    with django_assert_max_num_queries(8):
        sections_recompute()
