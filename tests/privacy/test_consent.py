"""Consents: recorded with the notice version, time and channel; withdrawn on the person's
page; the recipients of news and the directory listing follow them."""

from __future__ import annotations

import pytest

from convene.directory.models import Consent, ConsentChannel, ConsentPurpose, PrivacyNotice
from convene.directory.selectors import people_who_agreed, privacy_notice_current
from convene.privacy.services import consent
from convene.registrations.services.staff import registration_staff_add
from tests import factories as f

from .conftest import register

pytestmark = pytest.mark.django_db


def test_the_first_notice_is_the_privacy_page_as_it_was() -> None:
    notice = privacy_notice_current()
    assert notice is not None and notice.version == "2026-11"
    assert "only if you ask to" in notice.text.localize("en")
    assert "que si vous le demandez" in notice.text.localize("fr")


def test_a_registration_records_the_notice_and_the_opt_ins_it_asked_for() -> None:
    session = f.session()
    registration = register(
        session,
        name="Alice Aubry",
        email="alice@liege.example",
        directory_opt_in=True,
        news_opt_in=True,
    )
    person = registration.person
    rows = {c.purpose: c for c in Consent.objects.filter(person=person)}
    assert set(rows) == set(ConsentPurpose.values)
    assert rows["privacy_notice"].notice == PrivacyNotice.objects.get(version="2026-11")
    assert {c.channel for c in rows.values()} == {ConsentChannel.REGISTRATION_FORM}
    assert rows["network_news"].notice is None and rows["network_news"].given_at
    # Registering again repeats nothing, and not ticking a box withdraws nothing.
    register(f.session(session.series), name="Alice Aubry", email="alice@liege.example")
    assert Consent.objects.filter(person=person).count() == 3
    assert list(people_who_agreed(ConsentPurpose.NETWORK_NEWS)) == [person]


def test_staff_and_import_channels(staff) -> None:
    session = f.session()
    registration = registration_staff_add(
        actor=staff, session=session, name="Carla Costa", email="carla@acme.example"
    )
    consent_row = Consent.objects.get(person=registration.person)
    assert (consent_row.purpose, consent_row.channel) == ("privacy_notice", "staff")
    assert registration.request.consent_version == "staff:2026-11"


def test_withdrawing_and_giving_again_keeps_the_history() -> None:
    person = register(f.session(), name="Dora Dietz", email="dora@essen.example").person
    purpose = ConsentPurpose.PARTICIPANT_DIRECTORY
    consent.give(person, purpose, ConsentChannel.PERSON)
    assert list(people_who_agreed(purpose)) == [person]
    assert consent.withdraw(person, purpose, ConsentChannel.PERSON) == 1
    assert list(people_who_agreed(purpose)) == []
    assert consent.withdraw(person, purpose, ConsentChannel.PERSON) == 0
    consent.give(person, purpose, ConsentChannel.PERSON)
    history = list(Consent.objects.filter(person=person, purpose=purpose).order_by("pk"))
    assert [c.withdrawn_channel for c in history] == ["person", ""]
    assert list(people_who_agreed(purpose)) == [person]


def test_an_unknown_purpose_is_refused() -> None:
    with pytest.raises(ValueError, match="purpose"):
        people_who_agreed("marketing")


def test_an_import_records_its_channel(staff) -> None:
    from convene.registrations.services.imports import (
        registration_import_commit,
        registration_import_stage,
    )

    session = f.session()
    data = f"name,email,session\nErik Eriksen,erik@acme.example,{session.slug}\n".encode()
    staged = registration_import_stage(
        actor=staff, series=session.series, file_name="past.csv", data=data
    )
    registration_import_commit(actor=staff, registration_import=staged)
    consent_row = Consent.objects.get(person__email="erik@acme.example")
    assert (consent_row.purpose, consent_row.channel) == ("privacy_notice", "import")


def test_consents_given_before_they_were_recorded_are_backfilled() -> None:
    import importlib

    from django.apps import apps

    migration = importlib.import_module(
        "convene.privacy.migrations.0001_erasure_records_and_retention"
    )
    person = register(
        f.session(), name="Old Registrant", email="old@x.example", directory_opt_in=True
    ).person
    register(f.session(), name="Old Registrant", email="old@x.example")
    Consent.objects.all().delete()
    migration.consents_from_registrations(apps, None)
    rows = {
        (c.purpose, c.channel, c.notice.version if c.notice else None)
        for c in person.consents.all()
    }
    assert rows == {
        ("privacy_notice", "registration_form", "2026-11"),
        ("participant_directory", "registration_form", None),
    }
