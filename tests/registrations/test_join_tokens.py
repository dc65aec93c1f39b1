"""Join links are derived by HMAC from a stored salt: the database holds nothing that opens one,
links mailed before keep working, and a rotated key keeps old links alive as a fallback
(issue #16)."""

from __future__ import annotations

import importlib

import pytest
from django.apps import apps
from django.test import override_settings

from convene.registrations.join_tokens import join_secret, split_join_secret
from convene.registrations.links import join_url
from convene.registrations.models import Registration
from convene.registrations.services import registration_request_confirm, registration_request_create
from tests import factories as f

pytestmark = pytest.mark.django_db

EMAIL = "aino@tampere.example"


def _confirmed() -> Registration:
    session = f.session(f.series())
    request = registration_request_create(
        series=session.series, sessions=[session], registrant=f.registrant(EMAIL)
    )
    registration_request_confirm(request=request)
    return request.registrations.get()


def _stored_strings(registration: Registration) -> list[str]:
    row = Registration.objects.filter(pk=registration.pk).values().get()
    return [str(value) for value in row.values() if value not in (None, "")]


def test_the_mailed_join_link_opens_and_no_stored_value_does(client):
    registration = _confirmed()
    raw = join_url(registration).rsplit("/j/", 1)[1]  # as reminders and calendar files carry it
    assert raw == join_secret(registration.join_salt)
    assert client.get(f"/j/{raw}").status_code in (200, 302)
    stored = _stored_strings(registration)
    assert all(raw not in value for value in stored)
    for value in stored:  # not the salt, not a date, not anything the row holds
        assert client.get(f"/j/{value}").status_code == 404


def test_the_link_is_rebuilt_identically_for_every_mail_and_feed():
    registration = _confirmed()
    assert join_url(registration) == join_url(Registration.objects.get(pk=registration.pk))


def test_a_forged_mac_or_a_salt_alone_opens_nothing(client):
    registration = _confirmed()
    raw = join_secret(registration.join_salt)
    forged = raw[:-1] + ("A" if raw[-1] != "A" else "B")
    assert split_join_secret(forged) is None
    assert client.get(f"/j/{forged}").status_code == 404
    assert client.get(f"/j/{registration.join_salt}").status_code == 404


def test_a_link_made_with_a_rotated_key_works_while_the_old_key_is_a_fallback(client, settings):
    registration = _confirmed()
    old = join_secret(registration.join_salt)
    with override_settings(SECRET_KEY="n" * 60, SECRET_KEY_FALLBACKS=[settings.SECRET_KEY]):
        assert client.get(f"/j/{old}").status_code in (200, 302)
        assert join_secret(registration.join_salt) != old
    with override_settings(SECRET_KEY="n" * 60, SECRET_KEY_FALLBACKS=[]):
        assert client.get(f"/j/{old}").status_code == 404


def test_migration_keeps_only_digests_of_clear_tokens_so_mailed_links_keep_working(client):
    registration = _confirmed()
    clear = "clear-token-1234"  # as stored before the upgrade (mailed in clear)
    Registration.objects.filter(pk=registration.pk).update(join_salt=clear)
    migration = importlib.import_module("convene.registrations.migrations.0005_hash_join_tokens")
    migration.hash_join_tokens(apps, None, field="join_salt")
    migration.hash_join_tokens(apps, None, field="join_salt")  # twice changes nothing more
    registration.refresh_from_db()
    assert registration.join_legacy_digest and registration.join_salt != clear
    assert all(clear not in value for value in _stored_strings(registration))
    assert client.get(f"/j/{clear}").status_code in (200, 302)
    assert client.get(f"/j/{registration.join_legacy_digest}").status_code == 404
    assert client.get(f"/j/{join_secret(registration.join_salt)}").status_code in (200, 302)
