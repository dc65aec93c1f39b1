"""Small builders for the privacy tests (the erasure test builds a whole network)."""

from __future__ import annotations

from typing import Any

import pytest

from convene.directory.models import Person
from convene.programme.models import Session
from convene.registrations.models import Registration
from convene.registrations.services import (
    registration_request_confirm,
    registration_request_create,
)
from tests import factories as f


def register(
    session: Session, *, name: str, email: str, confirm: bool = True, **kw: object
) -> Registration:
    request = registration_request_create(
        series=session.series,
        sessions=[session],
        registrant=f.registrant(name=name, email=email, **kw),
    )
    if confirm:
        registration_request_confirm(request=request)
    return Registration.objects.get(request=request, session=session)


@pytest.fixture
def two_people(
    db: None, django_capture_on_commit_callbacks: Any
) -> tuple[Person, Person, list[Session]]:
    """Alice in three sessions of two series, Bruno in two of the same; their mails sent."""
    first, second = f.series(), f.series()
    sessions = [f.session(first), f.session(first), f.session(second)]
    with django_capture_on_commit_callbacks(execute=True):
        for session in sessions:
            register(session, name="Alice Aubry", email="alice.aubry@liege.example")
        for session in sessions[1:]:
            register(session, name="Bruno Bastin", email="bruno.bastin@essen.example")
    alice = Person.objects.get(email="alice.aubry@liege.example")
    bruno = Person.objects.get(email="bruno.bastin@essen.example")
    return alice, bruno, sessions


@pytest.fixture(autouse=True)
def _own_storage_and_journal(settings: Any, tmp_path: Any) -> None:
    """Each test's uploaded files and erasure journal in a folder of its own."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVACY_ERASURE_JOURNAL = tmp_path / "erasures.jsonl"
    settings.BACKUP_DIR = tmp_path / "backups"
