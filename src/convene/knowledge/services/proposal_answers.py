"""Staff answers to topic proposals: accepted or not now, merged into another proposal, and an
accepted proposal turned into a session of a series (programme's ``session_create``)."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from convene.core.audit import audit_record
from convene.core.models import User
from convene.core.translated import Translated, translations, translations_clean
from convene.knowledge.models.proposals import Proposal, ProposalStatus, ProposalSupport
from convene.knowledge.services.proposals import require_staff
from convene.programme.models import Series, Session, SessionStatus
from convene.programme.services import session_create

# ---- answering (staff) -----------------------------------------------------------------------

_ANSWERS = (ProposalStatus.ACCEPTED, ProposalStatus.NOT_NOW)


@transaction.atomic
def proposal_answer(
    *, actor: User | None, proposal: Proposal, status: str, answer: Translated
) -> Proposal:
    """Staff accept a proposal or answer "not now", with a public answer text."""
    require_staff(actor)
    if status not in _ANSWERS:
        raise ValidationError({"status": _("Answer with accepted or not now.")})
    answers = translations_clean(answer, field="answer", required=True, max_length=5000)
    proposal = Proposal.objects.select_for_update().get(pk=proposal.pk)
    if proposal.status == ProposalStatus.MERGED:
        raise ValidationError(_("This proposal was merged; answer the one it was merged into."))
    if proposal.session_id is not None and status != ProposalStatus.ACCEPTED:
        raise ValidationError(_("This proposal is already a session; it stays accepted."))
    proposal.status = status
    setattr(proposal, "answer", answers)  # noqa: B010
    proposal.answered_at = timezone.now()
    proposal.save(update_fields=["status", "answer", "answered_at"])
    audit_record(
        actor=actor, code="knowledge.proposal.answered", obj=proposal, details={"status": status}
    )
    return proposal


@transaction.atomic
def proposal_merge(
    *, actor: User | None, proposal: Proposal, into: Proposal, answer: Translated
) -> Proposal:
    """Merge ``proposal`` into ``into`` (same round): its supports move to ``into``, except those
    of people who already support ``into`` (a person counts once), and proposals merged into it
    earlier now point at ``into``. The audit entry records how many supports moved."""
    require_staff(actor)
    answers = translations_clean(answer, field="answer", required=True, max_length=5000)
    if proposal.pk == into.pk:
        raise ValidationError({"into": _("A proposal cannot be merged into itself.")})
    locked = {
        p.pk: p
        for p in Proposal.objects.select_for_update()
        .filter(pk__in=[proposal.pk, into.pk])
        .order_by("pk")
    }
    source, target = locked[proposal.pk], locked[into.pk]
    if source.round_id != target.round_id:
        raise ValidationError({"into": _("Merge only proposals of the same round.")})
    if source.status == ProposalStatus.MERGED:
        raise ValidationError(_("This proposal is already merged."))
    if target.status == ProposalStatus.MERGED:
        raise ValidationError({"into": _("That proposal is itself merged into another one.")})
    if source.session_id is not None:
        raise ValidationError(_("This proposal is already a session; it cannot be merged."))
    already = ProposalSupport.objects.filter(proposal=target).values("person_id")
    dropped, _rows = ProposalSupport.objects.filter(proposal=source, person_id__in=already).delete()
    moved = ProposalSupport.objects.filter(proposal=source).update(proposal=target)
    Proposal.objects.filter(merged_into=source).update(merged_into=target)
    source.status = ProposalStatus.MERGED
    source.merged_into = target
    setattr(source, "answer", answers)  # noqa: B010
    source.answered_at = timezone.now()
    source.save(update_fields=["status", "merged_into", "answer", "answered_at"])
    audit_record(
        actor=actor,
        code="knowledge.proposal.merged",
        obj=source,
        details={"into": target.pk, "supports_moved": moved, "supports_dropped": dropped},
    )
    return source


@transaction.atomic
def proposal_session_create(
    *,
    actor: User | None,
    proposal: Proposal,
    series: Series,
    slug: str,
    starts_at: dt.datetime,
    ends_at: dt.datetime,
    publish: bool = False,
) -> Session:
    """Turn an accepted proposal into a session of ``series`` (programme's ``session_create``),
    with the proposal's title and rationale as its title and abstract, and keep the link."""
    require_staff(actor)
    proposal = Proposal.objects.select_for_update().get(pk=proposal.pk)
    if proposal.status != ProposalStatus.ACCEPTED:
        raise ValidationError(_("Accept the proposal before turning it into a session."))
    if proposal.session_id is not None:
        raise ValidationError(_("This proposal is already a session."))
    if "en" not in translations(proposal.title) or "en" not in translations(proposal.rationale):
        raise ValidationError(
            _("Add the English title and rationale first: a session's title is in English.")
        )
    session = session_create(
        actor=actor,
        series=series,
        slug=slug,
        title=translations(proposal.title),
        abstract=translations(proposal.rationale),
        starts_at=starts_at,
        ends_at=ends_at,
        status=SessionStatus.PUBLISHED if publish else SessionStatus.DRAFT,
    )
    proposal.session = session
    proposal.save(update_fields=["session"])
    audit_record(
        actor=actor,
        code="knowledge.proposal.scheduled",
        obj=proposal,
        details={"session": session.pk},
    )
    return session
