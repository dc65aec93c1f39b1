"""Tricky cases of the access rule, each with its own test (issue #19): an inheriting section
under a members section, a stricter object in a public section, a membership that ends today,
a person whose organisation is merged into another, and a section refused by a guessed URL."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from convene.core.access import Access
from convene.directory.models import Membership
from convene.directory.selectors import viewer_for
from convene.directory.services import organisation_merge
from convene.programme.models import Session
from convene.sections.models import Section
from convene.sections.selectors import may_view, visible_q
from convene.sections.services import section_update
from tests.network import Network

pytestmark = pytest.mark.django_db


def test_an_inheriting_section_under_a_members_section(network: Network) -> None:
    child = network.sections["inheriting"]
    assert child.access == Access.INHERIT and child.effective_access == Access.MEMBERS
    assert Client().get(f"/network/{child.slug}/")["Location"].startswith("/sign-in/")
    assert network.client("member").get(f"/network/{child.slug}/").status_code == 200
    # The parent opens up: the child follows at once, with no tree walk at read time.
    parent = network.sections["members"]
    section_update(
        actor=None,
        section=parent,
        name="Crisis",
        slug=parent.slug,
        parent=None,
        access=Access.PUBLIC,
    )
    child.refresh_from_db()
    assert child.effective_access == Access.PUBLIC
    assert Client().get(f"/network/{child.slug}/").status_code == 200


def test_a_stricter_session_inside_a_public_section(network: Network) -> None:
    session = network.sessions["stricter"]
    assert session.series.section.effective_access == Access.PUBLIC
    visible = Session.objects.filter(
        visible_q(network.viewer("anonymous"), section_field="series__section")
    )
    assert session not in visible and network.sessions["public"] in visible
    assert not may_view(network.viewer("anonymous"), session)
    assert may_view(network.viewer("member"), session)
    # The extra list of another section does not open it.
    assert not may_view(network.viewer("extra"), session)


def test_a_membership_that_ends_today(network: Network) -> None:
    today = timezone.localdate()
    Membership.objects.filter(organisation=network.organisations["liege"]).update(
        member_until=today
    )
    user = network.users["member"]
    assert viewer_for(user, on=today).is_member
    assert not viewer_for(user, on=today + dt.timedelta(days=1)).is_member
    assert network.client("member").get("/network/crisis-management/").status_code == 200


def test_a_membership_that_ended_yesterday_closes_the_members_section(network: Network) -> None:
    today = timezone.localdate()
    Membership.objects.filter(organisation=network.organisations["liege"]).update(
        member_until=today - dt.timedelta(days=1)
    )
    response = network.client("member").get("/network/crisis-management/")
    assert response.status_code == 403
    assert "For members only" in response.content.decode()


def test_a_person_whose_organisation_is_merged_into_a_member(network: Network) -> None:
    """The outsider's NGO turns out to be a department of Liège and is merged into it: its
    domain moves with it, so the outsider, on that domain, becomes a member user."""
    outsider = network.users["outsider"]
    assert not viewer_for(outsider).is_member
    organisation_merge(
        actor=None, source=network.organisations["ngo"], target=network.organisations["liege"]
    )
    viewer = viewer_for(outsider)
    assert viewer.is_member and viewer.organisation_id == network.organisations["liege"].pk
    assert network.client("outsider").get("/network/crisis-management/").status_code == 200


def test_a_member_whose_organisation_is_merged_stays_a_member(network: Network) -> None:
    organisation_merge(
        actor=None, source=network.organisations["liege"], target=network.organisations["essen"]
    )
    assert viewer_for(network.users["member"]).is_member


def test_an_extra_organisation_merged_into_another_keeps_its_place(network: Network) -> None:
    staff_section = network.sections["staff"]
    section_update(
        actor=None,
        section=staff_section,
        name="Board",
        slug=staff_section.slug,
        parent=None,
        access=Access.STAFF,
        extra_organisations=[network.organisations["lab"]],
    )
    assert may_view(network.viewer("extra"), staff_section)
    organisation_merge(
        actor=None, source=network.organisations["lab"], target=network.organisations["ngo"]
    )
    assert list(staff_section.extra_organisations.all()) == [network.organisations["ngo"]]
    # The extra person's email (lab.example) moved to the NGO with the domain: still let in.
    assert may_view(network.viewer("extra"), Section.objects.get(pk=staff_section.pk))
    assert may_view(network.viewer("outsider"), Section.objects.get(pk=staff_section.pk))


def test_a_guessed_staff_section_url_answers_404_to_everyone_else(network: Network) -> None:
    for role in ("anonymous", "outsider", "member", "extra"):
        assert network.client(role).get("/network/board/").status_code == 404
        assert network.client(role).get("/network/no-such-section/").status_code == 404
        assert network.client(role).get("/api/sections/board").status_code == 404


def test_the_sign_in_round_trip_comes_back_to_the_section(network: Network) -> None:
    response = Client().get("/network/crisis-management/")
    assert response["Location"] == "/sign-in/?next=/network/crisis-management/"


def test_section_pages_take_a_constant_number_of_queries(
    network: Network, django_assert_max_num_queries
) -> None:
    client = network.client("member")
    client.get("/network/")  # session and language warm-up
    # 8, and 2 for the block of minutes and documents (convene.pages.minutes_blocks).
    with django_assert_max_num_queries(10) as before:
        client.get("/network/crisis-management/")
    for n in range(10):
        from convene.sections.services import section_create

        section_create(
            actor=None, name=f"Sub {n}", slug=f"sub-{n}", parent=network.sections["members"]
        )
    with django_assert_max_num_queries(len(before.captured_queries)):
        client.get("/network/crisis-management/")
    with django_assert_max_num_queries(len(before.captured_queries)):
        client.get("/network/")


def test_an_approved_link_follows_its_organisation_into_a_merge(network: Network) -> None:
    from convene.directory.services import person_create
    from convene.directory.services.accounts import (
        person_email_verify,
        person_organisation_approve,
        person_user_ensure,
    )

    person = person_create(
        actor=None,
        email="ana@gmail.example",
        name="Ana",
        organisation=network.organisations["liege"],
    )
    person_email_verify(person=person)
    user = person_user_ensure(person=person)
    person_organisation_approve(actor=None, person=person)
    organisation_merge(
        actor=None, source=network.organisations["liege"], target=network.organisations["essen"]
    )
    assert viewer_for(user).is_member
