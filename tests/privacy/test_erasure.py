"""Erasure, one person at a time: the journal and its replay, other apps' steps, the sign-in
account, links; erasing twice is refused."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from convene.core.models import LinkToken, User
from convene.core.tokens import sign_in_token_issue
from convene.directory.models import Consent, Person
from convene.privacy.models import ErasureRecord
from convene.privacy.services import erasure
from convene.registrations.links import manage_token

pytestmark = pytest.mark.django_db


def test_the_journal_replays_an_erasure_into_an_older_copy(
    two_people, settings, tmp_path, django_capture_on_commit_callbacks
) -> None:
    settings.PRIVACY_ERASURE_JOURNAL = tmp_path / "erasures.jsonl"
    alice, _bruno, _sessions = two_people
    with django_capture_on_commit_callbacks(execute=True):
        record = erasure.erase_person(alice)
    journal = erasure.erasure_journal_read()
    assert journal == [record.as_dict()]
    assert alice.email not in settings.PRIVACY_ERASURE_JOURNAL.read_text()
    # What a restore of a backup taken before the erasure gives back: the record and the row.
    ErasureRecord.objects.all().delete()
    Person.objects.filter(pk=alice.pk).update(name=alice.name, email=alice.email)
    entry = journal[0]
    assert erasure.erasure_replay(
        person_id=entry["person_id"],
        anonymous_token=entry["anonymous_token"],
        erased_at=record.erased_at,
        reason=entry["reason"],
    )
    replayed = Person.objects.get(pk=alice.pk)
    assert replayed.name == record.anonymous_token
    assert ErasureRecord.objects.get().erased_at == record.erased_at
    # A second replay has nothing to do.
    assert not erasure.erasure_replay(
        person_id=alice.pk, anonymous_token=record.anonymous_token, erased_at=record.erased_at
    )


def test_erasing_twice_is_refused(two_people) -> None:
    alice, _bruno, _sessions = two_people
    erasure.erase_person(alice)
    with pytest.raises(ValidationError):
        erasure.erase_person(Person.objects.get(pk=alice.pk))


def test_links_account_and_consents_go(two_people) -> None:
    alice, _bruno, _sessions = two_people
    user = User.objects.create_user("alice.aubry@liege.example", name="Alice Aubry")
    Person.objects.filter(pk=alice.pk).update(user=user)
    alice.refresh_from_db()
    manage_token(alice)
    sign_in_token_issue(subject_id=alice.pk)
    assert LinkToken.objects.filter(subject_id=alice.pk, purpose="sign-in").count() == 1
    erasure.erase_person(alice)
    assert not LinkToken.objects.filter(subject_id=alice.pk).exists()
    assert not User.objects.filter(pk=user.pk).exists()
    assert not Consent.objects.filter(person=alice, withdrawn_at__isnull=True).exists()
    assert Consent.objects.filter(person=alice).exists()  # the history stays


def test_other_apps_add_steps(two_people) -> None:
    alice, _bruno, _sessions = two_people
    seen = []

    def practice_contacts(person, needles):
        seen.append((person.email, needles.token))

    erasure.erasure_step(practice_contacts)
    try:
        record = erasure.erase_person(alice)
    finally:
        erasure.ERASURE_STEPS.remove(practice_contacts)
    assert seen == [(alice.email, record.anonymous_token)]
