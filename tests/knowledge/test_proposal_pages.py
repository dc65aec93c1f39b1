"""Topic proposal pages: who sees and does what, forms without JavaScript, the staff pages, the
session page's link back, and constant query counts on the list."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from convene.knowledge.models import Proposal, ProposalRound, ProposalStatus, ProposalSupport
from convene.knowledge.services import proposals as services
from tests import factories as f
from tests.knowledge import proposal_helpers as h

pytestmark = pytest.mark.django_db

CURRENT = "/network/proposals/"
#: The list page's queries, whatever the number of proposals: session, user, the viewer (person
#: with their membership, then their organisation's domains), the current round, the proposals
#: with their support counts, and the viewer's own supports.
QUERIES_ON_THE_LIST = 7


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


# ---- who may see and do what -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "sees"),
    [
        ("anonymous", False),
        ("person without verified email", False),
        ("person without organisation", False),
        ("partner", True),
        ("member", True),
        ("staff", True),
    ],
)
def test_who_sees_proposals(role, sees, staff):
    round_obj = h.open_round()
    proposal = h.proposal(round_obj, title="Polarisation campaigns")
    client = Client()
    if role == "person without verified email":
        client = client_for(h.member(verified=False)[0])
    elif role == "person without organisation":
        client = client_for(h.person_user(organisation=None)[0])
    elif role in ("partner", "member"):
        client = client_for(getattr(h, role)()[0])
    elif role == "staff":
        client = client_for(staff)
    urls = [
        CURRENT,
        f"{CURRENT}{proposal.pk}/",
        f"{CURRENT}rounds/",
        f"{CURRENT}rounds/{round_obj.pk}/",
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == (200 if sees else 403), url
        shows_title = "Polarisation campaigns" in response.content.decode()
        assert shows_title == (sees and not url.endswith("/rounds/")), url
    # A proposal that does not exist answers the same as one that does, to those who may not see.
    missing = client.get(f"{CURRENT}999999/")
    assert missing.status_code == (404 if sees else 403)


def test_the_closed_page_says_who_may_take_part():
    response = Client().get(CURRENT)
    assert response.status_code == 403
    page = response.content.decode()
    assert "sign in" in page
    assert 'href="/sign-in/?next=/network/proposals/"' in page
    # Someone signed in who may not take part is not offered to sign in again.
    signed_in = client_for(h.member(verified=False)[0]).get(CURRENT).content.decode()
    assert "/sign-in/?next=" not in signed_in


def test_anonymous_visitors_cannot_propose_or_support():
    proposal = h.proposal(h.open_round())
    client = Client()
    response = client.post(f"{CURRENT}propose/", {"title": "T", "rationale": "R", "language": "en"})
    assert response.status_code == 403
    assert client.post(f"{CURRENT}{proposal.pk}/support/").status_code == 403
    assert Proposal.objects.count() == 1
    assert not ProposalSupport.objects.exists()


def test_a_partner_proposes_through_the_form_but_cannot_support():
    round_obj = h.open_round()
    other = h.proposal(round_obj)
    user, person = h.partner()
    client = client_for(user)
    page = client.get(CURRENT).content.decode()
    assert 'action="/network/proposals/propose/"' in page
    assert f'action="/network/proposals/{other.pk}/support/"' not in page
    response = client.post(
        f"{CURRENT}propose/",
        {"title": "Mineurs non accompagnés", "rationale": "Bordeaux, Molenbeek.", "language": "fr"},
    )
    proposal = Proposal.objects.get(proposed_by=person)
    assert response.status_code == 302
    assert response["Location"] == f"{CURRENT}{proposal.pk}/"
    assert dict(proposal.title.data) == {"fr": "Mineurs non accompagnés"}
    response = client.post(f"{CURRENT}{other.pk}/support/", follow=True)
    assert "Only members may support proposals." in response.content.decode()
    assert not ProposalSupport.objects.exists()


def test_a_member_supports_and_withdraws_with_plain_forms():
    proposal = h.proposal(h.open_round(supports=1))
    user, person = h.member()
    client = client_for(user)
    page = client.get(CURRENT).content.decode()
    assert f'action="/network/proposals/{proposal.pk}/support/"' in page
    assert "csrfmiddlewaretoken" in page
    response = client.post(f"{CURRENT}{proposal.pk}/support/", {"back": "proposal"})
    assert response["Location"] == f"{CURRENT}{proposal.pk}/#proposal-{proposal.pk}"
    assert ProposalSupport.objects.filter(person=person, proposal=proposal).exists()
    page = client.get(f"{CURRENT}{proposal.pk}/").content.decode()
    assert "1 support" in page and "Withdraw my support" in page
    client.post(f"{CURRENT}{proposal.pk}/withdraw/")
    assert not ProposalSupport.objects.exists()


def test_support_forms_need_the_csrf_token():
    proposal = h.proposal(h.open_round())
    user, _person = h.member()
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    assert client.post(f"{CURRENT}{proposal.pk}/support/").status_code == 403
    assert not ProposalSupport.objects.exists()


def test_an_invalid_proposal_shows_the_form_again_with_its_errors():
    h.open_round()
    client = client_for(h.member()[0])
    response = client.post(f"{CURRENT}propose/", {"title": "", "rationale": "", "language": "xx"})
    assert response.status_code == 400
    assert 'class="error-summary"' in response.content.decode()
    assert not Proposal.objects.exists()


def test_without_an_open_round_there_is_no_form():
    h.past_round()
    client = client_for(h.member()[0])
    page = client.get(CURRENT).content.decode()
    assert "No round of proposals is open" in page
    assert "propose/" not in page
    response = client.post(f"{CURRENT}propose/", {"title": "T", "rationale": "R", "language": "en"})
    assert response.status_code == 400
    assert not Proposal.objects.exists()


def test_the_list_is_sorted_by_supports():
    round_obj = h.open_round()
    quiet = h.proposal(round_obj, title="Quiet topic")
    popular = h.proposal(round_obj, title="Popular topic")
    for _ in range(2):
        services.proposal_support(actor=h.member()[0], proposal=popular)
    page = client_for(h.member()[0]).get(CURRENT).content.decode()
    assert page.index("Popular topic") < page.index("Quiet topic")
    assert quiet.pk


def test_the_list_page_query_count_does_not_grow(django_assert_num_queries):
    round_obj = h.open_round(supports=10)
    user, _person = h.member()
    client = client_for(user)

    def add(n: int) -> None:
        for _ in range(n):
            proposal = h.proposal(round_obj)
            services.proposal_support(actor=user, proposal=proposal)

    add(2)
    client.get(CURRENT)  # warm the caches (content types)
    with CaptureQueriesContext(connection) as few:
        assert client.get(CURRENT).status_code == 200
    add(6)
    with django_assert_num_queries(len(few.captured_queries)):
        assert client.get(CURRENT).status_code == 200
    assert len(few.captured_queries) == QUERIES_ON_THE_LIST


# ---- staff pages -----------------------------------------------------------------------------


def test_staff_pages_need_staff(staff_client):
    round_obj = h.open_round()
    proposal = h.proposal(round_obj)
    urls = [
        "/staff/proposals/",
        "/staff/proposals/rounds/new/",
        f"/staff/proposals/rounds/{round_obj.pk}/",
        f"/staff/proposals/rounds/{round_obj.pk}/edit/",
        f"/staff/proposals/{proposal.pk}/",
    ]
    member_client = client_for(h.member()[0])
    for url in urls:
        assert Client().get(url).status_code == 302, url
        assert member_client.get(url).status_code == 403, url
        assert staff_client.get(url).status_code == 200, url


def test_staff_create_a_round(staff_client):
    today = timezone.localdate()
    response = staff_client.post(
        "/staff/proposals/rounds/new/",
        {
            "title_en": "Topics for 2027",
            "title_fr": "Thèmes pour 2027",
            "opens_on": today.isoformat(),
            "closes_on": (today + dt.timedelta(days=14)).isoformat(),
            "supports_per_person": "4",
        },
    )
    round_obj = ProposalRound.objects.get()
    assert response["Location"] == f"/staff/proposals/rounds/{round_obj.pk}/"
    assert round_obj.supports_per_person == 4
    assert dict(round_obj.title.data) == {"en": "Topics for 2027", "fr": "Thèmes pour 2027"}


def test_a_bad_round_is_a_form_error(staff_client):
    today = timezone.localdate()
    response = staff_client.post(
        "/staff/proposals/rounds/new/",
        {
            "title_en": "Backwards",
            "opens_on": today.isoformat(),
            "closes_on": (today - dt.timedelta(days=1)).isoformat(),
            "supports_per_person": "3",
        },
    )
    assert response.status_code == 400
    assert "must close on or after" in response.content.decode()
    assert not ProposalRound.objects.exists()


def test_staff_answer_merge_and_schedule(staff_client):
    round_obj = h.open_round()
    a, b = h.proposal(round_obj), h.proposal(round_obj)
    services.proposal_support(actor=h.member()[0], proposal=a)
    url = f"/staff/proposals/{a.pk}/"
    response = staff_client.post(
        f"{url}merge/", {"merge-into": b.pk, "merge-answer_en": "Same topic as another."}
    )
    assert response.status_code == 302
    a.refresh_from_db()
    assert a.status == ProposalStatus.MERGED
    assert b.supports.count() == 1
    response = staff_client.post(
        f"/staff/proposals/{b.pk}/answer/",
        {"answer-status": "accepted", "answer-answer_en": "In the spring series."},
    )
    assert response.status_code == 302
    series = f.series(timezone="Europe/Paris")
    response = staff_client.post(
        f"/staff/proposals/{b.pk}/session/",
        {
            "session-series": series.pk,
            "session-slug": "shelters-2027",
            "session-starts_at": "2027-03-04T10:00",
            "session-ends_at": "2027-03-04T12:00",
            "session-publish": "on",
        },
    )
    assert response.status_code == 302
    b.refresh_from_db()
    assert b.session is not None
    assert b.session.starts_at == dt.datetime(2027, 3, 4, 9, 0, tzinfo=dt.UTC)
    # The public session page says members proposed it, and links back.
    page = Client().get(reverse("programme:session", args=["shelters-2027"])).content.decode()
    assert "Proposed by members of the network." in page
    assert f'href="/network/proposals/{b.pk}/"' in page


def test_a_staff_form_error_is_shown_not_raised(staff_client):
    proposal = h.proposal(h.open_round())
    response = staff_client.post(
        f"/staff/proposals/{proposal.pk}/answer/", {"answer-status": "accepted"}
    )
    assert response.status_code == 400
    assert 'class="error-summary"' in response.content.decode()
    assert staff_client.post(f"/staff/proposals/{proposal.pk}/session/").status_code == 404
    assert staff_client.post(f"/staff/proposals/{proposal.pk}/nonsense/").status_code == 404


def test_the_staff_round_page_query_count_does_not_grow(staff_client, django_assert_num_queries):
    round_obj = h.open_round()
    h.proposal(round_obj)
    url = f"/staff/proposals/rounds/{round_obj.pk}/"
    staff_client.get(url)
    with CaptureQueriesContext(connection) as few:
        staff_client.get(url)
    for _ in range(5):
        h.proposal(round_obj)
    with django_assert_num_queries(len(few.captured_queries)):
        assert staff_client.get(url).status_code == 200


def test_the_withdraw_button_stays_on_an_answered_proposal(staff):
    from convene.knowledge.services import proposal_answers as answers

    proposal = h.proposal(h.open_round())
    user, _person = h.member()
    services.proposal_support(actor=user, proposal=proposal)
    answers.proposal_answer(actor=staff, proposal=proposal, status="not_now", answer="Later.")
    page = client_for(user).get(f"{CURRENT}{proposal.pk}/").content.decode()
    assert f'action="/network/proposals/{proposal.pk}/withdraw/"' in page
    other = client_for(h.member()[0]).get(f"{CURRENT}{proposal.pk}/").content.decode()
    assert f'action="/network/proposals/{proposal.pk}/support/"' not in other
