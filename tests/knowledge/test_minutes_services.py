"""Writing minutes: every save is a revision, publishing and unpublishing, and bad input."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from convene.core.models import AuditLog, User
from convene.knowledge.models import Minutes, MinutesRevision, MinutesState
from convene.knowledge.services.minutes import (
    minutes_languages,
    minutes_publish,
    minutes_save,
    minutes_unpublish,
)
from tests import factories as f

pytestmark = pytest.mark.django_db


def test_every_save_is_a_numbered_revision_with_its_author_and_text(staff: User) -> None:
    session = f.session(languages=["fr", "en"])
    minutes = minutes_save(actor=staff, session=session, body={"en": "# Decisions\n", "fr": ""})
    minutes_save(
        actor=staff, session=session, body={"en": "# Decisions\n\n* shelters", "fr": "Décisions"}
    )
    minutes_save(actor=None, session=session, body={"en": "# Decisions\n\n* shelters"})
    revisions = list(MinutesRevision.objects.filter(minutes=minutes).order_by("number"))
    assert [r.number for r in revisions] == [1, 2, 3]
    assert revisions[0].body == {"en": "# Decisions"}
    assert revisions[1].body == {"en": "# Decisions\n\n* shelters", "fr": "Décisions"}
    assert [r.author_id for r in revisions] == [staff.pk, staff.pk, None]
    assert revisions[0].author_label == "staff@network.example"
    minutes.refresh_from_db()
    assert minutes.body.data == {"en": "# Decisions\n\n* shelters"}
    assert minutes.state == MinutesState.DRAFT
    assert Minutes.objects.count() == 1
    codes = list(
        AuditLog.objects.filter(code__startswith="knowledge.").values_list("code", flat=True)
    )
    assert sorted(codes) == [
        "knowledge.minutes.created",
        "knowledge.minutes.saved",
        "knowledge.minutes.saved",
    ]


def test_languages_are_the_sessions(staff: User) -> None:
    session = f.session(languages=["fr"])
    assert minutes_languages(session) == ["fr"]
    minutes = minutes_save(actor=staff, session=session, body={"fr": "Compte rendu"})
    assert minutes.body.data == {"fr": "Compte rendu"}
    with pytest.raises(ValidationError) as caught:
        minutes_save(actor=staff, session=session, body={"de": "Protokoll"})
    assert "not a language of this session" in caught.value.message_dict["body"][0]
    assert MinutesRevision.objects.count() == 1  # the refused save left nothing


def test_bad_text_and_access_are_refused(staff: User) -> None:
    session = f.session()
    with pytest.raises(ValidationError):
        minutes_save(actor=staff, session=session, body={"en": "nul \x00 byte"})
    with pytest.raises(ValidationError):
        minutes_save(actor=staff, session=session, body={"en": "x" * 200_001})
    with pytest.raises(ValidationError):
        minutes_save(actor=staff, session=session, body={"en": "ok"}, access="everyone")
    assert not Minutes.objects.exists()


def test_publish_unpublish_and_publish_again(
    staff: User, django_capture_on_commit_callbacks
) -> None:
    session = f.session()
    minutes = minutes_save(actor=staff, session=session, body={"en": "Text"})
    with django_capture_on_commit_callbacks() as first:
        minutes = minutes_publish(actor=staff, minutes=minutes)
    assert minutes.state == MinutesState.PUBLISHED
    assert minutes.published_at is not None
    assert minutes.first_published_at == minutes.published_at
    assert len(first) == 1  # the notices job, queued once the publication commits
    minutes = minutes_unpublish(actor=staff, minutes=minutes)
    assert (minutes.state, minutes.published_at) == (MinutesState.DRAFT, None)
    with django_capture_on_commit_callbacks() as again:
        minutes = minutes_publish(actor=staff, minutes=minutes)
    assert again == []  # published before: nobody is mailed again
    assert (
        minutes.first_published_at is not None and minutes.first_published_at < minutes.published_at
    )


def test_empty_minutes_cannot_be_published(staff: User) -> None:
    minutes = minutes_save(actor=staff, session=f.session(), body={"en": "  "})
    with pytest.raises(ValidationError, match="Write the minutes"):
        minutes_publish(actor=staff, minutes=minutes)
    minutes.refresh_from_db()
    assert minutes.state == MinutesState.DRAFT
