"""A person's export holds what the network platform keeps of them: the practices they are the
contact of, their topic proposals, their own supports and the minutes notices mailed to them;
never another person's proposal, support or practice."""

from __future__ import annotations

import io
import json
import zipfile
from typing import Any

import pytest

from convene.knowledge.services.minutes import minutes_publish, minutes_save
from convene.knowledge.services.proposals import proposal_support
from convene.privacy.services.export import person_export_zip
from tests import factories as f
from tests.knowledge.practices import practice
from tests.knowledge.proposal_helpers import member, open_round, proposal

from .conftest import register

pytestmark = pytest.mark.django_db


def _tables(content: bytes) -> dict[str, Any]:
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return {
            name.removesuffix(".json"): json.loads(archive.read(name))
            for name in archive.namelist()
            if name.endswith(".json")
        }


def test_the_export_has_the_persons_platform_data_and_nobody_elses(
    django_capture_on_commit_callbacks: Any,
) -> None:
    alice_user, alice = member(name="Alice Aubry")
    bruno_user, bruno = member(name="Bruno Bastin")
    carol_user, _carol = member(name="Carol Carvalho")
    practice(title="Alice's night mediation", contact=alice)
    practice(title="Bruno's safe routes", contact=bruno)
    round_obj = open_round()
    hers = proposal(round_obj, by=alice_user, title="Shelters opened in the lockdown")
    his = proposal(round_obj, by=bruno_user, title="Lighting of underpasses")
    proposal_support(actor=alice_user, proposal=his)
    proposal_support(actor=bruno_user, proposal=hers)
    proposal_support(actor=carol_user, proposal=hers)
    session = f.session(f.series())
    with django_capture_on_commit_callbacks(execute=True):
        assert register(session, name=alice.name, email=alice.email).person_id == alice.pk
        minutes = minutes_save(actor=None, session=session, body={"en": "We met."})
        minutes_publish(actor=None, minutes=minutes)

    tables = _tables(person_export_zip(person=alice))

    assert [row["practice"] for row in tables["practice_contacts"]] == ["Alice's night mediation"]
    assert [row["title"] for row in tables["topic_proposals"]] == [
        "Shelters opened in the lockdown"
    ]
    # Her one support; the two supports others gave her proposal are theirs, not hers.
    assert [row["proposal"] for row in tables["topic_supports"]] == ["Lighting of underpasses"]
    assert [row["session"] for row in tables["minutes_notices"]] == [str(session.title)]
    everything = json.dumps(tables, ensure_ascii=False).casefold()
    for value in (bruno.name, bruno.email, "Carol", "safe routes"):
        assert value.casefold() not in everything


def test_an_erased_person_has_no_platform_data_left(staff: Any) -> None:
    from convene.privacy.services.erasure import erase_person

    alice_user, alice = member(name="Alice Aubry")
    bruno_user, _bruno = member(name="Bruno Bastin")
    practice(title="Night mediation", contact=alice)
    round_obj = open_round()
    hers = proposal(round_obj, by=alice_user)
    proposal_support(actor=bruno_user, proposal=hers)
    proposal_support(actor=alice_user, proposal=proposal(round_obj, by=bruno_user))

    erase_person(alice, actor=staff)
    alice.refresh_from_db()
    tables = _tables(person_export_zip(person=alice))

    for name in ("practice_contacts", "topic_proposals", "topic_supports", "minutes_notices"):
        assert tables[name] == []
