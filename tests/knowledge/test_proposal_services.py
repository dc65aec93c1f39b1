"""Topic proposal services against the real database: rounds and their dates, who may propose
and support, the unique support, the per-round limit, answers, merges, and sessions."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from convene.core.models import AuditLog
from convene.knowledge.models import Proposal, ProposalStatus, ProposalSupport
from convene.knowledge.services import proposal_answers as answers
from convene.knowledge.services import proposals as services
from convene.programme.models import SessionStatus
from tests import factories as f
from tests.knowledge import proposal_helpers as h

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate
DAY = dt.timedelta(days=1)


# ---- rounds ----------------------------------------------------------------------------------


def test_a_round_is_open_from_its_first_to_its_last_day_included():
    today = TODAY()
    one_day = h.open_round(opens_on=today, closes_on=today)
    assert one_day.is_open()
    assert not one_day.is_open(today + DAY)
    assert not one_day.is_open(today - DAY)
    assert one_day.is_past(today + DAY)


def test_a_round_must_close_on_or_after_it_opens():
    with pytest.raises(ValidationError) as caught:
        h.open_round(opens_on=TODAY(), closes_on=TODAY() - DAY)
    assert "closes_on" in caught.value.message_dict


@pytest.mark.parametrize("supports", [0, 51])
def test_supports_per_person_stay_within_bounds(supports):
    with pytest.raises(ValidationError) as caught:
        h.open_round(supports=supports)
    assert "supports_per_person" in caught.value.message_dict


def test_rounds_may_not_overlap():
    first = h.open_round()
    with pytest.raises(ValidationError) as caught:
        h.open_round(opens_on=first.closes_on, closes_on=first.closes_on + 5 * DAY)
    assert "opens_on" in caught.value.message_dict
    h.open_round(opens_on=first.closes_on + DAY, closes_on=first.closes_on + 5 * DAY)


def test_only_staff_create_rounds(staff):
    user, _person = h.member()
    with pytest.raises(PermissionDenied):
        services.round_create(
            actor=user, title="Mine", opens_on=TODAY(), closes_on=TODAY(), supports_per_person=1
        )
    made = services.round_create(
        actor=staff, title="Ours", opens_on=TODAY(), closes_on=TODAY(), supports_per_person=1
    )
    assert AuditLog.objects.filter(code="knowledge.round.created", object_id=str(made.pk)).exists()


def test_round_update_changes_dates_and_limit(staff):
    round_obj = h.open_round()
    services.round_update(actor=staff, round_obj=round_obj, supports_per_person=5)
    round_obj.refresh_from_db()
    assert round_obj.supports_per_person == 5
    with pytest.raises(ValidationError):
        services.round_update(actor=staff, round_obj=round_obj, closes_on=TODAY() - 10 * DAY)


# ---- proposing -------------------------------------------------------------------------------


def test_a_member_proposes_a_topic_in_an_open_round():
    user, person = h.member()
    round_obj = h.open_round()
    proposal = services.proposal_create(
        actor=user,
        round_obj=round_obj,
        title={"fr": "Mineurs non accompagnés"},
        rationale={"fr": "Bordeaux et Molenbeek ont des dispositifs."},
    )
    assert proposal.proposed_by == person
    assert str(proposal.title) == "Mineurs non accompagnés"  # no English: the proposer's text
    assert proposal.status == ProposalStatus.OPEN
    assert AuditLog.objects.filter(code="knowledge.proposal.created").count() == 1


def test_a_partner_proposes_too():
    user, person = h.partner()
    proposal = h.proposal(h.open_round(), by=user)
    assert proposal.proposed_by == person


@pytest.mark.parametrize(
    "who",
    ["anonymous", "unverified member", "person without organisation", "staff without person"],
)
def test_others_may_not_propose(who, staff):
    round_obj = h.open_round()
    if who == "anonymous":
        actor = AnonymousUser()
    elif who == "unverified member":
        actor, _p = h.member(verified=False)
    elif who == "person without organisation":
        actor, _p = h.person_user(organisation=None)
    else:
        actor = staff
    with pytest.raises(PermissionDenied):
        h.proposal(round_obj, by=actor)  # type: ignore[arg-type]
    assert not Proposal.objects.exists()


def test_no_proposal_outside_a_round():
    user, _person = h.member()
    with pytest.raises(ValidationError, match="not open"):
        h.proposal(h.past_round(), by=user)


@pytest.mark.parametrize(
    ("title", "field"),
    [({"en": "  "}, "title"), ({"xx": "Topic"}, "title"), ({"en": "x" * 201}, "title")],
)
def test_a_proposal_needs_a_title_in_a_content_language(title, field):
    user, _person = h.member()
    with pytest.raises(ValidationError) as caught:
        services.proposal_create(
            actor=user, round_obj=h.open_round(), title=title, rationale={"en": "Why"}
        )
    assert field in caught.value.message_dict


# ---- supporting ------------------------------------------------------------------------------


def test_a_member_supports_a_proposal_once():
    round_obj = h.open_round()
    proposal = h.proposal(round_obj)
    supporter, person = h.member()
    services.proposal_support(actor=supporter, proposal=proposal)
    with pytest.raises(ValidationError, match="already support"):
        services.proposal_support(actor=supporter, proposal=proposal)
    assert ProposalSupport.objects.filter(proposal=proposal, person=person).count() == 1


def test_the_database_refuses_a_second_support_by_the_same_person():
    proposal = h.proposal(h.open_round())
    _user, person = h.member()
    ProposalSupport.objects.create(proposal=proposal, person=person)
    with pytest.raises(IntegrityError), transaction.atomic():
        ProposalSupport.objects.create(proposal=proposal, person=person)


def test_supports_per_person_per_round_are_limited():
    round_obj = h.open_round(supports=2)
    first, second, third = (h.proposal(round_obj) for _ in range(3))
    supporter, person = h.member()
    services.proposal_support(actor=supporter, proposal=first)
    services.proposal_support(actor=supporter, proposal=second)
    with pytest.raises(ValidationError, match="used your 2 supports"):
        services.proposal_support(actor=supporter, proposal=third)
    # Withdrawing one frees it.
    services.proposal_support_withdraw(actor=supporter, proposal=first)
    services.proposal_support(actor=supporter, proposal=third)
    assert set(person.proposal_supports.values_list("proposal_id", flat=True)) == {
        second.pk,
        third.pk,
    }


def test_the_limit_counts_one_round_only():
    old = h.past_round(supports_per_person=1)
    # A closed round takes no supports through the service: these rows stand for earlier ones.
    old_proposal = Proposal.objects.create(round=old, title={"en": "Old"}, rationale={"en": "x"})
    supporter, person = h.member()
    ProposalSupport.objects.create(proposal=old_proposal, person=person)
    current = h.open_round(supports=1)
    services.proposal_support(actor=supporter, proposal=h.proposal(current))


@pytest.mark.parametrize("who", ["partner", "unverified member", "anonymous"])
def test_only_members_support(who):
    proposal = h.proposal(h.open_round())
    if who == "partner":
        actor, _p = h.partner()
    elif who == "unverified member":
        actor, _p = h.member(verified=False)
    else:
        actor = AnonymousUser()
    with pytest.raises(PermissionDenied):
        services.proposal_support(actor=actor, proposal=proposal)  # type: ignore[arg-type]
    assert not ProposalSupport.objects.exists()


def test_no_support_or_withdrawal_once_the_round_closed(staff):
    round_obj = h.open_round()
    proposal = h.proposal(round_obj)
    supporter, _person = h.member()
    services.proposal_support(actor=supporter, proposal=proposal)
    services.round_update(
        actor=staff, round_obj=round_obj, opens_on=TODAY() - 9 * DAY, closes_on=TODAY() - DAY
    )
    with pytest.raises(ValidationError, match="not open"):
        services.proposal_support_withdraw(actor=supporter, proposal=proposal)
    other, _p = h.member()
    with pytest.raises(ValidationError, match="not open"):
        services.proposal_support(actor=other, proposal=proposal)
    assert ProposalSupport.objects.count() == 1


def test_withdrawing_a_support_one_never_gave_is_an_error():
    proposal = h.proposal(h.open_round())
    supporter, _person = h.member()
    with pytest.raises(ValidationError, match="do not support"):
        services.proposal_support_withdraw(actor=supporter, proposal=proposal)


def test_an_answered_proposal_takes_no_more_support(staff):
    proposal = h.proposal(h.open_round())
    answers.proposal_answer(actor=staff, proposal=proposal, status="not_now", answer="Later.")
    supporter, _person = h.member()
    with pytest.raises(ValidationError, match="answered"):
        services.proposal_support(actor=supporter, proposal=proposal)


# ---- answering and merging (staff) -----------------------------------------------------------


def test_staff_answer_with_a_public_text(staff):
    proposal = h.proposal(h.open_round())
    answers.proposal_answer(
        actor=staff,
        proposal=proposal,
        status="accepted",
        answer={"en": "In the autumn series.", "fr": "Dans la série d'automne."},
    )
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.ACCEPTED
    assert proposal.answered_at is not None
    assert AuditLog.objects.filter(code="knowledge.proposal.answered").count() == 1


@pytest.mark.parametrize(("status", "answer"), [("merged", "x"), ("open", "x"), ("accepted", "")])
def test_an_answer_is_accepted_or_not_now_with_a_text(staff, status, answer):
    proposal = h.proposal(h.open_round())
    with pytest.raises(ValidationError):
        answers.proposal_answer(actor=staff, proposal=proposal, status=status, answer=answer)


def test_a_member_may_not_answer():
    proposal = h.proposal(h.open_round())
    user, _person = h.member()
    with pytest.raises(PermissionDenied):
        answers.proposal_answer(actor=user, proposal=proposal, status="accepted", answer="Yes")


def test_merging_moves_supports_and_counts_each_person_once(staff):
    round_obj = h.open_round()
    source, target = h.proposal(round_obj), h.proposal(round_obj)
    both, _p1 = h.member()
    only_source, p2 = h.member()
    only_target, p3 = h.member()
    for user, proposal in [(both, source), (both, target), (only_source, source)]:
        services.proposal_support(actor=user, proposal=proposal)
    services.proposal_support(actor=only_target, proposal=target)
    answers.proposal_merge(actor=staff, proposal=source, into=target, answer="Same topic.")
    source.refresh_from_db()
    assert source.status == ProposalStatus.MERGED
    assert source.merged_into == target
    assert source.supports.count() == 0
    assert target.supports.count() == 3  # both, only_source (moved), only_target
    entry = AuditLog.objects.get(code="knowledge.proposal.merged")
    assert entry.details == {"into": target.pk, "supports_moved": 1, "supports_dropped": 1}


def test_merging_again_points_earlier_merges_at_the_new_target(staff):
    round_obj = h.open_round()
    a, b, c = (h.proposal(round_obj) for _ in range(3))
    answers.proposal_merge(actor=staff, proposal=a, into=b, answer="Same.")
    answers.proposal_merge(actor=staff, proposal=b, into=c, answer="Same.")
    a.refresh_from_db()
    assert a.merged_into == c


def test_merge_refusals(staff):
    round_obj = h.open_round()
    a, b = h.proposal(round_obj), h.proposal(round_obj)
    with pytest.raises(ValidationError, match="itself"):
        answers.proposal_merge(actor=staff, proposal=a, into=a, answer="x")
    services.round_update(actor=staff, round_obj=round_obj, closes_on=TODAY())
    other_round = h.open_round(opens_on=TODAY() + DAY, closes_on=TODAY() + 9 * DAY)
    elsewhere = Proposal.objects.create(
        round=other_round, title={"en": "Other"}, rationale={"en": "x"}
    )
    with pytest.raises(ValidationError, match="same round"):
        answers.proposal_merge(actor=staff, proposal=a, into=elsewhere, answer="x")
    answers.proposal_merge(actor=staff, proposal=a, into=b, answer="x")
    with pytest.raises(ValidationError, match="already merged"):
        answers.proposal_merge(actor=staff, proposal=a, into=b, answer="x")
    with pytest.raises(ValidationError, match="merged"):
        answers.proposal_answer(actor=staff, proposal=a, status="accepted", answer="x")


# ---- turning into a session ------------------------------------------------------------------


def _accepted(staff, **kw):
    proposal = h.proposal(h.open_round(), **kw)
    answers.proposal_answer(actor=staff, proposal=proposal, status="accepted", answer="Yes.")
    return proposal


def test_an_accepted_proposal_becomes_a_session_of_a_series(staff):
    proposal = _accepted(staff)
    series = f.series()
    starts = timezone.now() + 30 * DAY
    session = answers.proposal_session_create(
        actor=staff,
        proposal=proposal,
        series=series,
        slug="shelters",
        starts_at=starts,
        ends_at=starts + dt.timedelta(hours=2),
        publish=True,
    )
    proposal.refresh_from_db()
    assert proposal.session == session
    assert session.series == series
    assert str(session.title) == str(proposal.title)
    assert str(session.abstract) == str(proposal.rationale)
    assert session.status == SessionStatus.PUBLISHED
    assert AuditLog.objects.filter(code="knowledge.proposal.scheduled").count() == 1
    assert AuditLog.objects.filter(code="programme.session.created").count() == 1
    with pytest.raises(ValidationError, match="already a session"):
        answers.proposal_session_create(
            actor=staff,
            proposal=proposal,
            series=series,
            slug="again",
            starts_at=starts,
            ends_at=starts + DAY,
        )
    with pytest.raises(ValidationError, match="stays accepted"):
        answers.proposal_answer(actor=staff, proposal=proposal, status="not_now", answer="x")


def test_only_an_accepted_proposal_becomes_a_session(staff):
    proposal = h.proposal(h.open_round())
    starts = timezone.now() + 30 * DAY
    with pytest.raises(ValidationError, match="Accept"):
        answers.proposal_session_create(
            actor=staff,
            proposal=proposal,
            series=f.series(),
            slug="too-early",
            starts_at=starts,
            ends_at=starts + DAY,
        )


def test_a_session_needs_the_english_title_first(staff):
    user, _person = h.member()
    round_obj = h.open_round()
    proposal = services.proposal_create(
        actor=user, round_obj=round_obj, title={"fr": "Ramadan"}, rationale={"fr": "Malines."}
    )
    answers.proposal_answer(actor=staff, proposal=proposal, status="accepted", answer="Yes.")
    starts = timezone.now() + 30 * DAY
    kwargs = {
        "series": f.series(),
        "slug": "ramadan",
        "starts_at": starts,
        "ends_at": starts + DAY,
    }
    with pytest.raises(ValidationError, match="English"):
        answers.proposal_session_create(actor=staff, proposal=proposal, **kwargs)
    services.proposal_translate(
        actor=staff,
        proposal=proposal,
        title={"fr": "Ramadan", "en": "Ramadan support"},
        rationale={"fr": "Malines.", "en": "Mechelen."},
    )
    session = answers.proposal_session_create(actor=staff, proposal=proposal, **kwargs)
    assert str(session.title) == "Ramadan support"


def test_a_bad_slug_leaves_the_proposal_without_a_session(staff):
    proposal = _accepted(staff)
    starts = timezone.now() + 30 * DAY
    with pytest.raises(ValidationError):
        answers.proposal_session_create(
            actor=staff,
            proposal=proposal,
            series=f.series(),
            slug="Not A Slug",
            starts_at=starts,
            ends_at=starts + DAY,
        )
    proposal.refresh_from_db()
    assert proposal.session is None


# ---- merging two records of one person -------------------------------------------------------


def test_merging_people_keeps_their_proposals_and_supports(staff):
    from convene.knowledge.services.people import person_merge

    round_obj = h.open_round(supports=3)
    a, b = h.proposal(round_obj), h.proposal(round_obj)
    kept_user, kept = h.member()
    other_user, other = h.member()
    mine = h.proposal(round_obj, by=other_user)
    for user, proposal in [(kept_user, a), (other_user, a), (other_user, b)]:
        services.proposal_support(actor=user, proposal=proposal)
    person_merge(actor=staff, kept=kept, other=other)
    mine.refresh_from_db()
    assert mine.proposed_by == kept
    assert sorted(kept.proposal_supports.values_list("proposal_id", flat=True)) == [a.pk, b.pk]
    assert a.supports.count() == 1
    assert AuditLog.objects.filter(code="directory.person.merged").count() == 1


def test_a_support_of_an_answered_proposal_can_be_withdrawn_while_the_round_is_open(staff):
    round_obj = h.open_round(supports=1)
    answered, other = h.proposal(round_obj), h.proposal(round_obj)
    supporter, person = h.member()
    services.proposal_support(actor=supporter, proposal=answered)
    answers.proposal_answer(actor=staff, proposal=answered, status="not_now", answer="Later.")
    services.proposal_support_withdraw(actor=supporter, proposal=answered)
    services.proposal_support(actor=supporter, proposal=other)
    assert list(person.proposal_supports.values_list("proposal_id", flat=True)) == [other.pk]
