"""Fixtures shared by the whole suite."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from django.conf import LazySettings
from django.test import Client
from django.utils import translation

from convene.core.models import User
from convene.core.services import api_token_create, staff_create
from convene.directory.resolution import forget_engine


@pytest.fixture(autouse=True)
def outbox_dir(settings: LazySettings, tmp_path: Path) -> Iterator[Path]:
    """Every test gets its own empty outbox folder."""
    path = tmp_path / "outbox"
    settings.OUTBOX_DIR = path
    settings.EMAIL_BACKEND = "convene.core.mail.OutboxBackend"
    yield path


@pytest.fixture(autouse=True)
def fresh_resolution_engine() -> Iterator[None]:
    """Each test's directory is its own: no engine built in an earlier test may answer."""
    forget_engine()
    yield
    forget_engine()


@pytest.fixture(autouse=True)
def english_after_each_test() -> Iterator[None]:
    """A request in French (LocaleMiddleware activates the language in the test's thread and
    nothing deactivates it) must not leave later tests in French."""
    yield
    translation.activate("en")


@pytest.fixture
def staff(db: None) -> User:
    user, _password = staff_create(actor=None, email="staff@network.example", password="pw-1234")
    return user


@pytest.fixture
def staff_client(staff: User) -> Client:
    client = Client()
    client.force_login(staff)
    return client


@pytest.fixture
def api_token(staff: User) -> str:
    _token, raw = api_token_create(actor=None, user=staff)
    return raw


@pytest.fixture
def api_client(api_token: str) -> Client:
    """A client that sends the staff bearer token with every request."""
    return Client(headers={"Authorization": f"Bearer {api_token}"})
