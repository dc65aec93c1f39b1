"""What a person's export holds of the network platform (``convene.knowledge``): the practices
they are the contact of, their topic proposals, their own supports (never anyone else's), and
the minutes notices mailed to them. Registered by importing this module
(``PrivacyConfig.ready``); privacy sits above knowledge, so it may read it."""

from __future__ import annotations

from collections.abc import Iterable

from django.utils.translation import override

from convene.directory.models import Person
from convene.knowledge.models import MinutesNotice, Practice, Proposal, ProposalSupport
from convene.privacy.exporters import ExportTable, exporter


def _text(value: object) -> str:
    """A translated text in English (the export is read by the person, in any language)."""
    with override("en"):
        return str(value)


@exporter
def network(person: Person) -> Iterable[ExportTable]:
    practices = Practice.objects.filter(contact=person)
    yield ExportTable(
        "practice_contacts",
        [
            {
                "practice": _text(p.title),
                "slug": p.slug,
                "country": p.country,
                "created_at": p.created_at,
                "updated_at": p.updated_at,
            }
            for p in practices.order_by("created_at", "pk")
        ],
    )
    proposals = Proposal.objects.filter(proposed_by=person).select_related("round")
    yield ExportTable(
        "topic_proposals",
        [
            {
                "round": _text(p.round.title),
                "title": _text(p.title),
                "rationale": _text(p.rationale),
                "status": p.status,
                "answer": _text(p.answer),
                "answered_at": p.answered_at,
                "proposed_at": p.created_at,
            }
            for p in proposals.order_by("created_at", "pk")
        ],
    )
    supports = ProposalSupport.objects.filter(person=person).select_related("proposal__round")
    yield ExportTable(
        "topic_supports",
        [
            {
                "round": _text(s.proposal.round.title),
                "proposal": _text(s.proposal.title),
                "supported_at": s.created_at,
            }
            for s in supports.order_by("created_at", "pk")
        ],
    )
    notices = MinutesNotice.objects.filter(person=person).select_related("minutes__session")
    yield ExportTable(
        "minutes_notices",
        [
            {"session": _text(n.minutes.session.title), "kind": n.kind, "sent_at": n.sent_at}
            for n in notices.order_by("sent_at", "pk")
        ],
    )
