"""The access rule as pure logic (core/access.py): the member rule's four facts, the order of
the levels, and who passes a level."""

from __future__ import annotations

import itertools

import pytest

from convene.core.access import Access, Viewer, member_rule, stricter

FACTS = list(itertools.product([False, True], repeat=4))


@pytest.mark.parametrize(("membership", "verified", "domain", "approved"), FACTS)
def test_member_rule_matrix_of_its_four_facts(membership, verified, domain, approved):
    expected = membership and verified and (domain or approved)
    assert (
        member_rule(
            has_membership_today=membership,
            email_verified=verified,
            domain_matches=domain,
            link_approved=approved,
        )
        is expected
    )


def test_only_three_of_sixteen_combinations_make_a_member():
    members = [
        f
        for f in FACTS
        if member_rule(
            **dict(
                zip(
                    ["has_membership_today", "email_verified", "domain_matches", "link_approved"],
                    f,
                    strict=True,
                )
            )
        )
    ]
    assert members == [
        (True, True, False, True),
        (True, True, True, False),
        (True, True, True, True),
    ]


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("inherit", "inherit", "inherit"),
        ("inherit", "members", "members"),
        ("staff", "inherit", "staff"),
        ("public", "members", "members"),
        ("members", "public", "members"),
        ("members", "staff", "staff"),
        ("staff", "public", "staff"),
        ("public", "public", "public"),
    ],
)
def test_stricter(a, b, expected):
    assert stricter(a, b) == expected


MEMBER = Viewer(1, 1, 1, is_staff=False, is_member=True)
NOBODY = Viewer.anonymous()
STAFF = Viewer(2, None, None, is_staff=True, is_member=False)


@pytest.mark.parametrize(
    ("viewer", "level", "extra", "own", "expected"),
    [
        (NOBODY, Access.PUBLIC, False, Access.INHERIT, True),
        (NOBODY, Access.MEMBERS, False, Access.INHERIT, False),
        (NOBODY, Access.PUBLIC, False, Access.MEMBERS, False),
        (MEMBER, Access.MEMBERS, False, Access.INHERIT, True),
        (MEMBER, Access.PUBLIC, False, Access.MEMBERS, True),
        (MEMBER, Access.STAFF, False, Access.INHERIT, False),
        (MEMBER, Access.STAFF, True, Access.INHERIT, True),
        (MEMBER, Access.PUBLIC, False, Access.STAFF, False),
        (NOBODY, Access.MEMBERS, True, Access.INHERIT, True),
        (NOBODY, Access.MEMBERS, True, Access.MEMBERS, True),
        (NOBODY, Access.STAFF, True, Access.STAFF, False),
        (STAFF, Access.STAFF, False, Access.STAFF, True),
    ],
)
def test_viewer_may_enter(viewer, level, extra, own, expected):
    assert viewer.may_enter(level, extra=extra, own=own) is expected


def test_anonymous_viewer_has_no_facts():
    assert NOBODY == Viewer(None, None, None, False, False)
    assert not NOBODY.is_authenticated
