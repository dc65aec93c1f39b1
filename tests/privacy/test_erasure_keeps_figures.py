"""Erasure keeps every figure, and leaves the erased people nowhere (issue #21)."""

from __future__ import annotations

import random
import sys

import pytest
from django.db import connection

from convene.attendance.models import AttendanceImport
from convene.attendance.services import ImportOptions
from convene.attendance.services.imports import AttendanceImporter
from convene.directory.models import Membership, Person
from convene.knowledge.models import Minutes, Practice, Proposal, ProposalSupport
from convene.knowledge.search import query_words, search
from convene.knowledge.selectors.proposals import proposal_list
from convene.privacy.models import ErasureRecord
from convene.privacy.services.erasure import erase_person
from convene.registrations.models import Registration

from .network import build_network, report_json
from .platform import build_platform
from .scan import (
    found_in_outbox,
    found_in_sqlite_files,
    found_in_storage,
    found_in_tables,
    tables,
)

pytestmark = pytest.mark.django_db(transaction=True)


def _is_member(person: Person) -> bool:
    """Whether the person, signed in, would be a member (their organisation is)."""
    return Membership.objects.filter(organisation_id=person.organisation_id).exists()


def test_erasing_ten_percent_keeps_every_figure_and_leaves_no_trace(capsys) -> None:
    rng = random.Random(21)
    network = build_network(rng)
    before = report_json(network)
    assert before["network/registrants"]["registrants"] == 36  # four never confirmed
    assert before["network/registrants"]["attendees"] > 0

    # One of the erased is in the stored preview file and in the staged registration file.
    in_preview = AttendanceImport.objects.exclude(file="").get()
    with in_preview.file.open("rb") as stored_file:
        preview_bytes = stored_file.read()
    in_both = next(p for p in network.people[:6] if p.email.encode() in preview_bytes)
    # One of the erased is a member, so they support topic proposals.
    member = next(p for p in network.people if p != in_both and _is_member(p))
    others = [p for p in network.people if p not in (in_both, member)]
    erased = [in_both, member, *rng.sample(others, len(network.people) // 10 - 2)]
    kept = [p for p in network.people if p not in erased][:4]
    # Practices, proposals, supports and minutes by the erased and by others (platform.py).
    platform = build_platform([erased[0], kept[0], *erased[1:], *kept[1:]], network.sessions[0])
    assert all(p.pk in platform.practices for p in erased)
    assert ProposalSupport.objects.filter(person__in=erased).count() >= 2
    assert Proposal.objects.filter(proposed_by__in=erased).exists()
    counts = {p.pk: p.support_count for p in proposal_list()}
    for person in erased:
        assert search(Practice.objects.all(), query_words(person.name)).exists()
    secrets_ = [v for p in erased for v in (p.email, p.name)]
    # They are there before: in the tables (the stored report file and the staged
    # registration file among them), the outbox, and the database file.
    hits = found_in_tables(secrets_)
    assert {v for _t, v in hits} == set(secrets_)
    assert {
        "attendance_attendanceimport",
        "registrations_registrationimport",
        "knowledge_practice",
        "knowledge_practice_search",
        "knowledge_proposal",
        "knowledge_minutesrevision",
    } <= {t for t, _v in hits}
    if connection.vendor == "sqlite":
        assert found_in_sqlite_files(secrets_)
    assert found_in_outbox([p.email for p in erased])
    assert found_in_storage([in_both.email])  # the uploaded report waiting in preview
    registrations = {p.pk: Registration.objects.filter(person=p).count() for p in erased}

    for person in erased:
        erase_person(person, actor=None)

    after = report_json(network)
    assert after == before
    # Proposals and supports still count; no practice, proposal or support names the erased.
    assert {p.pk: p.support_count for p in proposal_list()} == counts
    assert not Practice.objects.filter(contact__in=erased).exists()
    assert not Proposal.objects.filter(proposed_by__in=erased).exists()
    assert not ProposalSupport.objects.filter(person__in=erased).exists()
    for person in erased:
        assert not search(Practice.objects.all(), query_words(person.name)).exists()
    assert ErasureRecord.objects.count() == len(erased)
    for person in erased:
        person.refresh_from_db()
        assert person.name.startswith("erased-")
        assert Registration.objects.filter(person=person).count() == registrations[person.pk]

    checked = tables()
    assert found_in_tables(secrets_) == []
    assert found_in_outbox(secrets_) == []
    assert found_in_storage(secrets_) == []
    if connection.vendor == "sqlite":
        assert found_in_sqlite_files(secrets_) == []

    # The stored preview file still reads, without the erased people.
    stored = AttendanceImport.objects.exclude(file="").get()
    with stored.file.open("rb") as stored_file:
        rewritten = stored_file.read()
    preview = AttendanceImporter(
        session=stored.session,
        data=rewritten,
        file_name=stored.file_name,
        options=ImportOptions.from_json({**stored.options, "timezone": stored.timezone}),
    ).preview()
    assert preview.counts["people"] >= 1
    # Not erased: still there, and still named where they were.
    assert Person.objects.get(pk=kept[0].pk).email == kept[0].email
    assert Practice.objects.filter(contact=kept[0]).count() == 1
    assert search(Practice.objects.all(), query_words(kept[0].name)).exists()
    assert kept[0].name in str(Minutes.objects.get().body)
    with capsys.disabled():
        sys.stdout.write(
            f"\nerasure test ({connection.vendor}): {len(erased)} of {len(network.people)} people "
            f"erased, {len(checked)} tables checked, report JSON for {len(before)} scopes equal\n"
        )
