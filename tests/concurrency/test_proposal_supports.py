"""The per-round limit on supports under real concurrency (PostgreSQL).

One member sends many supports at once (say, a double-clicking hand and several tabs). First the
race: counting the member's supports and then inserting, without a lock, lets more than the
limit through. Then the service: it locks the member's person row before counting, so exactly
the limit passes and every other attempt gets a clear error.
"""

from __future__ import annotations

import threading
import time

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections, transaction

from convene.core.models import User
from convene.knowledge.models import Proposal, ProposalSupport
from convene.knowledge.services import proposals as services
from tests.knowledge import proposal_helpers as h

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.live]

LIMIT = 3
ATTEMPTS = 12


def _postgres_only() -> None:
    if connection.vendor != "postgresql":
        pytest.skip(
            "on SQLite every transaction is IMMEDIATE, so writers queue and even the naive "
            "version cannot pass the limit; the race needs PostgreSQL's concurrent writers"
        )


def _setup() -> tuple[User, int, list[int]]:
    round_obj = h.open_round(supports=LIMIT)
    proposals = [h.proposal(round_obj) for _ in range(ATTEMPTS)]
    user, person = h.member()
    return user, person.pk, [p.pk for p in proposals]


def _run(target, args_list) -> None:  # type: ignore[no-untyped-def]
    barrier = threading.Barrier(len(args_list))
    threads = [threading.Thread(target=target, args=(*args, barrier)) for args in args_list]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)


def _naive_support(person_id: int, proposal_id: int, barrier: threading.Barrier) -> None:
    """What the service must not do: count, then insert, without locking the person."""
    try:
        barrier.wait(timeout=10)
        with transaction.atomic():
            proposal = Proposal.objects.get(pk=proposal_id)
            used = ProposalSupport.objects.filter(
                person_id=person_id, proposal__round_id=proposal.round_id
            ).count()
            if used < LIMIT:
                time.sleep(0.05)  # the window any real request has between read and write
                ProposalSupport.objects.create(proposal=proposal, person_id=person_id)
    finally:
        connections.close_all()


def test_without_the_lock_the_race_passes_the_limit():
    _postgres_only()
    _user, person_id, proposal_ids = _setup()
    _run(_naive_support, [(person_id, pk) for pk in proposal_ids])
    given = ProposalSupport.objects.filter(person_id=person_id).count()
    assert given > LIMIT, f"expected the naive version to pass the limit, it gave {given}"


def test_the_service_holds_the_limit_under_concurrent_supports():
    _postgres_only()
    user, person_id, proposal_ids = _setup()
    refused: list[str] = []

    def support(proposal_id: int, barrier: threading.Barrier) -> None:
        try:
            barrier.wait(timeout=10)
            try:
                services.proposal_support(
                    actor=User.objects.get(pk=user.pk),
                    proposal=Proposal.objects.get(pk=proposal_id),
                )
            except ValidationError as exc:
                refused.extend(exc.messages)
        finally:
            connections.close_all()

    _run(support, [(pk,) for pk in proposal_ids])
    assert ProposalSupport.objects.filter(person_id=person_id).count() == LIMIT
    assert len(refused) == ATTEMPTS - LIMIT
    assert all("used your 3 supports" in message for message in refused)
