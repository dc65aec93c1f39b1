"""Erasure in the network platform (``convene.knowledge``): an erasure step.

What the erasure itself does already covers the participant directory: the person's listing
is withdrawn (``listed_in_directory``) and their consents too. This step adds:

- practices whose contact the person was have no contact any more;
- topic proposals and supports stay and keep counting, without their author;
- the person's name and email are replaced by the token in the texts of practices, proposals,
  minutes (every stored revision included) and document titles;
- the search index rows of the practices changed are written again, so that search no longer
  finds the name (a row that holds it though its practice does not is rewritten too).

Minutes notices (which registrant was mailed) stay: they name nobody once the person is
renamed. Privacy sits above knowledge, so this module may import it, not the reverse; it is
registered by importing it (``PrivacyConfig.ready``).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, TypeVar

from django.db.models import Model, QuerySet, TextField
from django.db.models.functions import Cast

from convene.directory.models import Person
from convene.knowledge import search
from convene.knowledge.models import (
    Document,
    Minutes,
    MinutesRevision,
    Practice,
    PracticeSearch,
    Proposal,
    ProposalSupport,
)
from convene.knowledge.models.practices import PRACTICE_TEXTS
from convene.privacy.services.erasure import erasure_step
from convene.privacy.services.scrub import Needles

M = TypeVar("M", bound=Model)

#: The translated texts (JSON objects in text columns) and plain texts of each record.
PRACTICE_TRANSLATED = ("title", *PRACTICE_TEXTS, "target_group")
PRACTICE_PLAIN = ("funding",)
PROPOSAL_TRANSLATED = ("title", "rationale", "answer")


def _containing(
    queryset: QuerySet[M], needles: Needles, translated: Iterable[str], plain: Iterable[str] = ()
) -> QuerySet[M]:
    """The rows of ``queryset`` with a needle in one of the fields. Translated fields refuse
    lookups, so each is read as its text; a JSON text may hold a string escaped."""
    translated = list(translated)
    annotations: dict[str, Any] = {f"{name}_text": Cast(name, TextField()) for name in translated}
    condition = needles.q(*plain, json_fields=[f"{name}_text" for name in translated])
    return queryset.annotate(**annotations).filter(condition)


def _translated(value: Any) -> Any:
    """The stored form of a translated value: its dict of languages (or a plain string)."""
    return getattr(value, "data", value)


def _scrub(row: Model, needles: Needles, translated: Iterable[str], plain: Iterable[str]) -> bool:
    """Replace the needles in ``row``'s fields; True when one changed (the row is not saved)."""
    changed = False
    for name in translated:
        old = _translated(getattr(row, name))
        new = needles.json(old)
        if new != old:
            setattr(row, name, new)
            changed = True
    for name in plain:
        old = getattr(row, name)
        new = needles.text(old)
        if new != old:
            setattr(row, name, new)
            changed = True
    return changed


def _practices_forget(person: Person, needles: Needles) -> None:
    contact = set(Practice.objects.filter(contact=person).values_list("pk", flat=True))
    Practice.objects.filter(pk__in=contact).update(contact=None)
    named = _containing(Practice.objects.all(), needles, PRACTICE_TRANSLATED, PRACTICE_PLAIN)
    fields = [*PRACTICE_TRANSLATED, *PRACTICE_PLAIN]
    changed = set()
    for practice in named:
        if _scrub(practice, needles, PRACTICE_TRANSLATED, PRACTICE_PLAIN):
            practice.save(update_fields=fields)
            changed.add(practice.pk)
    # The index may hold the name though the practice no longer does (an organisation renamed
    # since, a row written by an older version): those rows are written again too.
    indexed = PracticeSearch.objects.filter(needles.q("title", "body"))
    changed.update(indexed.values_list("practice_id", flat=True))
    rows = list(Practice.objects.filter(pk__in=changed).prefetch_related("organisations"))
    search.index_practices(rows)
    search.unindex_practices(changed - {p.pk for p in rows})


def _proposals_forget(person: Person, needles: Needles) -> None:
    Proposal.objects.filter(proposed_by=person).update(proposed_by=None)
    ProposalSupport.objects.filter(person=person).update(person=None)
    for proposal in _containing(Proposal.objects.all(), needles, PROPOSAL_TRANSLATED):
        if _scrub(proposal, needles, PROPOSAL_TRANSLATED, ()):
            proposal.save(update_fields=list(PROPOSAL_TRANSLATED))


def _minutes_forget(needles: Needles) -> None:
    for minutes in _containing(Minutes.objects.all(), needles, ["body"]):
        if _scrub(minutes, needles, ["body"], ()):
            minutes.save(update_fields=["body"])
    revisions = MinutesRevision.objects.annotate(body_text=Cast("body", TextField())).filter(
        needles.q("author_label", json_fields=["body_text"])
    )
    for revision in revisions:
        revision.body = needles.json(revision.body)
        revision.author_label = needles.text(revision.author_label)
        revision.save(update_fields=["body", "author_label"])
    for document in Document.objects.filter(needles.q("title", "filename")):
        document.title = needles.text(document.title)
        document.filename = needles.text(document.filename)
        document.save(update_fields=["title", "filename"])


@erasure_step
def knowledge_forget(person: Person, needles: Needles) -> None:
    """The person's place in the network platform goes; every count stays."""
    _practices_forget(person, needles)
    _proposals_forget(person, needles)
    _minutes_forget(needles)
