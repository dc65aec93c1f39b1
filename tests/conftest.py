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
def english_by_default() -> Iterator[None]:
    """Each test starts in the site's default language, whatever an earlier test activated
    (a French request leaves French active in the thread)."""
    from django.utils import translation

    translation.activate("en")
    yield
    translation.deactivate()


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


@pytest.fixture(autouse=True)
def read_uploads_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """An upload queues its reading with the transaction; inside a test's transaction that
    never commits, so here the queued task runs at once, as a free worker would take it.
    ``tests/attendance/test_upload_task.py`` checks the queued path itself."""
    from convene.attendance.services import upload

    def run_now(task, /, *args, **kwargs):  # type: ignore[no-untyped-def]
        task.call(*args, **kwargs)

    monkeypatch.setattr(upload, "enqueue_with_transaction", run_now)


#: Fixtures through which a test reaches the database.
_DATABASE_FIXTURES = {"db", "transactional_db", "django_db_reset_sequences", "live_server"}


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """With ``CONVENE_DATABASE_TESTS_ONLY=1`` (CI's second pass, on PostgreSQL), only the tests
    that touch the database run: the others gave the same answer on the first pass. The demo's
    extra generator seeds (``demo_seeds``) run on SQLite only: seed 2020 loads the demo on
    PostgreSQL, and the other seeds test the generator and the resolver, not the database.
    pytest reports the rest as deselected, never silently skipped."""
    import os

    if os.environ.get("CONVENE_DATABASE_TESTS_ONLY") != "1":
        return
    keep, drop = [], []
    for item in items:
        fixtures = set(getattr(item, "fixturenames", ()))
        uses_database = item.get_closest_marker("django_db") is not None or bool(
            fixtures & _DATABASE_FIXTURES
        )
        other_seed = item.get_closest_marker("demo_seeds") is not None
        (keep if uses_database and not other_seed else drop).append(item)
    if drop:
        config.hook.pytest_deselected(items=drop)
        items[:] = keep
