"""Erasure in the network platform: the person's practice contacts, the author of their
proposals and supports, and their name in every text, stored revisions and the search index
included; every count stays (``privacy.services.erasure_knowledge``)."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection

from convene.knowledge.models import Document, MinutesRevision, Practice, PracticeSearch
from convene.knowledge.search import query_words, search
from convene.knowledge.selectors.proposals import proposal_list
from convene.knowledge.services.documents import document_upload
from convene.knowledge.services.minutes import minutes_save
from convene.knowledge.services.proposal_answers import proposal_answer
from convene.knowledge.services.proposals import proposal_support
from convene.privacy.services.erasure import erase_person
from tests import factories as f
from tests.knowledge import samples
from tests.knowledge.practices import practice
from tests.knowledge.proposal_helpers import member, open_round, proposal

from .scan import found_in_tables

pytestmark = pytest.mark.django_db


def test_erasure_clears_the_platform_and_keeps_every_count(staff: Any) -> None:
    zoe_user, zoe = member(name="Zoë Lambert")
    bruno_user, bruno = member(name="Bruno Bastin")
    hers = practice(
        title="Night mediation",
        summary={"en": f"Ask {zoe.name}.", "fr": f"Demandez à {zoe.name} ({zoe.email})."},
        funding=f"City budget; invoices to {zoe.email}",
        contact=zoe,
    )
    his = practice(title="Safe routes to school", summary="Walking buses.", contact=bruno)
    # An index row that names her though its practice does not (written by an older version).
    stale = f"Walking buses. Thanks to {zoe.name}."
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "UPDATE knowledge_practice_search SET body = %s,"
                " knowledge_practice_search = to_tsvector('convene_simple', %s) WHERE rowid = %s",
                [stale, stale, his.pk],
            )
        else:
            cursor.execute(
                "UPDATE knowledge_practice_search SET body = %s WHERE rowid = %s", [stale, his.pk]
            )
    round_obj = open_round()
    her_proposal = proposal(round_obj, by=zoe_user, title=f"What {zoe.name} learnt")
    his_proposal = proposal(round_obj, by=bruno_user)
    proposal_support(actor=bruno_user, proposal=her_proposal)
    proposal_support(actor=zoe_user, proposal=his_proposal)
    proposal_answer(
        actor=staff,
        proposal=his_proposal,
        status="not_now",
        answer={"en": f"Next year; {zoe.name} offered to present it."},
    )
    session = f.session(f.series())
    minutes_save(actor=staff, session=session, body={"en": f"{zoe.name} presented."})
    minutes_save(actor=staff, session=session, body={"en": "A city presented."})
    document_upload(
        actor=staff,
        file=SimpleUploadedFile("x.pdf", samples.pdf()),
        filename=f"{zoe.name} slides.pdf",
        title=f"Slides by {zoe.name}",
        session=session,
    )
    counts = {p.pk: p.support_count for p in proposal_list()}
    assert search(Practice.objects.all(), query_words(zoe.name)).count() == 2
    secrets_ = [zoe.name, zoe.email]
    assert {t for t, _v in found_in_tables(secrets_)} >= {
        "knowledge_practice",
        "knowledge_practice_search",
        "knowledge_proposal",
        "knowledge_minutesrevision",
        "knowledge_document",
    }

    erase_person(zoe, actor=staff)

    zoe.refresh_from_db()
    assert found_in_tables(secrets_) == []
    hers.refresh_from_db()
    assert hers.contact is None
    assert hers.summary.data == {  # type: ignore[attr-defined]
        "en": f"Ask {zoe.name}.",
        "fr": f"Demandez à {zoe.name} ({zoe.name}).",
    }
    assert hers.funding == f"City budget; invoices to {zoe.name}"
    assert search(Practice.objects.all(), query_words("Zoë Lambert")).count() == 0
    assert search(Practice.objects.all(), query_words("walking buses")).get() == his
    assert PracticeSearch.objects.get(pk=his.pk).body.startswith("Walking buses.")
    # Proposals and supports stay and count; only the author is gone.
    assert {p.pk: p.support_count for p in proposal_list()} == counts
    her_proposal.refresh_from_db()
    assert her_proposal.proposed_by is None
    assert her_proposal.supports.get().person == bruno
    assert his_proposal.supports.get().person is None
    assert MinutesRevision.objects.filter(minutes__session=session).count() == 2
    assert Document.objects.get().title == f"Slides by {zoe.name}"
    # Bruno keeps his practice contact.
    assert Practice.objects.get(pk=his.pk).contact == bruno
