"""Topic proposals: rounds (staff), proposing and supporting (members and partners, see
``convene.knowledge.proposal_rules``). Answers, merges and sessions made from proposals are in
``proposal_answers``. Every page, API handler and command writes through these functions.

The per-round limit on supports is counted from the rows while the supporter's ``Person`` row is
locked (``select_for_update``), so two supports sent at once by the same person cannot both pass
the count (``tests/concurrency/test_proposal_supports.py`` shows the race without the lock).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from convene.core.access import is_staff
from convene.core.audit import audit_record
from convene.core.models import User
from convene.core.translated import Translated, content_languages, translations, translations_clean
from convene.core.validators import validate_day
from convene.directory.models import Person
from convene.directory.selectors import viewer_for
from convene.knowledge.models.proposals import (
    PROPOSAL_RATIONALE_MAX_LENGTH,
    PROPOSAL_TITLE_MAX_LENGTH,
    Proposal,
    ProposalRound,
    ProposalStatus,
    ProposalSupport,
)
from convene.knowledge.proposal_rules import Participation, participation_for

#: Largest number of supports a round may give each person.
MAX_SUPPORTS_PER_PERSON = 50


def _participation(actor: User) -> Participation:
    return participation_for(viewer_for(actor))


def require_staff(actor: User | None) -> None:
    """Staff writes: ``actor`` None is the system itself (a command, a test's setup)."""
    if actor is not None and not is_staff(actor):
        raise PermissionDenied(_("Only staff may do this."))


# ---- rounds (staff) --------------------------------------------------------------------------


def _check_round(
    *, opens_on: dt.date, closes_on: dt.date, supports_per_person: int, pk: int | None
) -> None:
    validate_day(opens_on, "opens_on")
    validate_day(closes_on, "closes_on")
    if closes_on < opens_on:
        raise ValidationError({"closes_on": _("A round must close on or after the day it opens.")})
    if not 1 <= supports_per_person <= MAX_SUPPORTS_PER_PERSON:
        raise ValidationError(
            {
                "supports_per_person": _("Give a number from 1 to %(max)d.")
                % {"max": MAX_SUPPORTS_PER_PERSON}
            }
        )
    overlapping = ProposalRound.objects.filter(opens_on__lte=closes_on, closes_on__gte=opens_on)
    if pk is not None:
        overlapping = overlapping.exclude(pk=pk)
    if overlapping.exists():
        raise ValidationError(
            {"opens_on": _("Another round is open on some of these days; rounds may not overlap.")}
        )


@transaction.atomic
def round_create(
    *,
    actor: User | None,
    title: Translated,
    opens_on: dt.date,
    closes_on: dt.date,
    supports_per_person: int = 3,
) -> ProposalRound:
    require_staff(actor)
    titles = translations_clean(title, field="title", required=True, max_length=200)
    _check_round(
        opens_on=opens_on, closes_on=closes_on, supports_per_person=supports_per_person, pk=None
    )
    round_obj = ProposalRound.objects.create(
        title=titles,
        opens_on=opens_on,
        closes_on=closes_on,
        supports_per_person=supports_per_person,
    )
    audit_record(actor=actor, code="knowledge.round.created", obj=round_obj)
    return round_obj


_ROUND_CHANGEABLE = {"title", "opens_on", "closes_on", "supports_per_person"}


@transaction.atomic
def round_update(
    *, actor: User | None, round_obj: ProposalRound, **changes: object
) -> ProposalRound:
    """Change a round's title, dates or limit. Lowering the limit keeps the supports already
    given; it only refuses new ones beyond it."""
    require_staff(actor)
    unknown = set(changes) - _ROUND_CHANGEABLE
    if unknown:
        raise ValidationError(
            _("Unknown fields: %(fields)s") % {"fields": ", ".join(sorted(unknown))}
        )
    if "title" in changes:
        changes["title"] = translations_clean(
            changes["title"],
            field="title",
            required=True,
            max_length=200,
        )
    round_obj = ProposalRound.objects.select_for_update().get(pk=round_obj.pk)
    changed = [name for name, value in changes.items() if getattr(round_obj, name) != value]
    for name in changed:
        setattr(round_obj, name, changes[name])
    _check_round(
        opens_on=round_obj.opens_on,
        closes_on=round_obj.closes_on,
        supports_per_person=round_obj.supports_per_person,
        pk=round_obj.pk,
    )
    if changed:
        round_obj.save(update_fields=changed)
        audit_record(
            actor=actor, code="knowledge.round.updated", obj=round_obj, details={"fields": changed}
        )
    return round_obj


# ---- proposing (members and partners) --------------------------------------------------------


def _clean_text(value: Translated, *, field: str, max_length: int) -> dict[str, str]:
    """A proposal's text in at least one content language. Unlike staff content, English is not
    required: a member writes in their own language and staff may add translations."""
    known = content_languages()
    clean: dict[str, str] = {}
    for code, text in translations(value).items():
        if code not in known:
            raise ValidationError(
                {field: _("%(code)s is not one of the content languages.") % {"code": code}}
            )
        text = text.strip()
        if len(text) > max_length:
            raise ValidationError({field: _("At most %(max)d characters.") % {"max": max_length}})
        if text:
            clean[code] = text
    if not clean:
        raise ValidationError({field: _("This field is required.")})
    return clean


def _require_open(round_obj: ProposalRound, today: dt.date | None = None) -> None:
    if not round_obj.is_open(today):
        raise ValidationError(_("This round is not open."))


@transaction.atomic
def proposal_create(
    *,
    actor: User,
    round_obj: ProposalRound,
    title: Translated | Mapping[str, str],
    rationale: Translated | Mapping[str, str],
) -> Proposal:
    """A member or partner proposes a topic during an open round."""
    participation = _participation(actor)
    if not participation.may_propose:
        raise PermissionDenied(_("Only members and partners may propose topics."))
    titles = _clean_text(title, field="title", max_length=PROPOSAL_TITLE_MAX_LENGTH)
    rationales = _clean_text(rationale, field="rationale", max_length=PROPOSAL_RATIONALE_MAX_LENGTH)
    _require_open(round_obj)
    proposal = Proposal.objects.create(
        round=round_obj,
        title=titles,
        rationale=rationales,
        proposed_by_id=participation.person_id,
    )
    audit_record(actor=actor, code="knowledge.proposal.created", obj=proposal)
    return proposal


@transaction.atomic
def proposal_translate(
    *, actor: User | None, proposal: Proposal, title: Translated, rationale: Translated
) -> Proposal:
    """Staff add or correct the translations of a proposal's title and rationale."""
    require_staff(actor)
    titles = _clean_text(title, field="title", max_length=PROPOSAL_TITLE_MAX_LENGTH)
    rationales = _clean_text(rationale, field="rationale", max_length=PROPOSAL_RATIONALE_MAX_LENGTH)
    proposal = Proposal.objects.select_for_update().get(pk=proposal.pk)
    # Translated fields take a dict and read back as LazyI18nString (core.translated).
    setattr(proposal, "title", titles)  # noqa: B010
    setattr(proposal, "rationale", rationales)  # noqa: B010
    proposal.save(update_fields=["title", "rationale"])
    audit_record(actor=actor, code="knowledge.proposal.translated", obj=proposal)
    return proposal


# ---- supporting (members) --------------------------------------------------------------------


def _lock_supporter(actor: User, participation: Participation) -> Person:
    """Lock the supporter's person row: their supports are counted and written one at a time."""
    if not participation.may_support or participation.person_id is None:
        raise PermissionDenied(_("Only members may support proposals."))
    return Person.objects.select_for_update().get(pk=participation.person_id)


@transaction.atomic
def proposal_support(*, actor: User, proposal: Proposal) -> ProposalSupport:
    """A member supports a proposal of an open round: once per proposal, and at most the round's
    ``supports_per_person`` proposals in the round."""
    person = _lock_supporter(actor, _participation(actor))
    proposal = Proposal.objects.select_for_update().select_related("round").get(pk=proposal.pk)
    round_obj = proposal.round
    _require_open(round_obj)
    if proposal.status != ProposalStatus.OPEN:
        raise ValidationError(_("This proposal has been answered; it takes no more support."))
    mine = ProposalSupport.objects.filter(person=person, proposal__round=round_obj)
    if mine.filter(proposal=proposal).exists():
        raise ValidationError(_("You already support this proposal."))
    if mine.count() >= round_obj.supports_per_person:
        raise ValidationError(
            _(
                "You have used your %(n)d supports in this round. Withdraw one to support "
                "this proposal."
            )
            % {"n": round_obj.supports_per_person}
        )
    try:
        with transaction.atomic():
            support = ProposalSupport.objects.create(proposal=proposal, person=person)
    except IntegrityError as exc:  # the unique constraint, should a check above be bypassed
        raise ValidationError(_("You already support this proposal.")) from exc
    audit_record(actor=actor, code="knowledge.support.added", obj=proposal)
    return support


@transaction.atomic
def proposal_support_withdraw(*, actor: User, proposal: Proposal) -> None:
    """A member withdraws their support while the round is open."""
    person = _lock_supporter(actor, _participation(actor))
    proposal = Proposal.objects.select_for_update().select_related("round").get(pk=proposal.pk)
    _require_open(proposal.round)
    deleted, _rows = ProposalSupport.objects.filter(proposal=proposal, person=person).delete()
    if not deleted:
        raise ValidationError(_("You do not support this proposal."))
    audit_record(actor=actor, code="knowledge.support.withdrawn", obj=proposal)
