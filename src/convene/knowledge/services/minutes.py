"""Writing minutes: every save is a numbered revision; publishing the first time mails the
session's confirmed registrants once (``convene.knowledge.notices``)."""

from __future__ import annotations

from collections.abc import Mapping

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from convene.core.access import Access
from convene.core.audit import audit_record
from convene.core.models import User
from convene.core.tasks import enqueue_with_transaction
from convene.core.translated import content_languages, translations
from convene.core.validators import check_text
from convene.knowledge.models import Minutes, MinutesRevision, MinutesState
from convene.programme.models import Session

#: The longest text of one language (about 100 pages).
BODY_MAX_LENGTH = 200_000


def minutes_languages(session: Session) -> list[str]:
    """The languages minutes of ``session`` may be written in: the session's, in the order of
    the content languages; English when the session names none."""
    known = content_languages()
    spoken = [code for code in known if code in (session.languages or [])]
    return spoken or ["en"]


def _check_body(session: Session, body: Mapping[str, str]) -> dict[str, str]:
    allowed = minutes_languages(session)
    clean: dict[str, str] = {}
    for code, text in translations(dict(body)).items():
        if code not in allowed:
            raise ValidationError(
                {"body": _("%(code)s is not a language of this session.") % {"code": code}}
            )
        text = text.replace("\r\n", "\n").strip()
        try:
            check_text(text)
        except ValueError as exc:
            raise ValidationError({"body": str(exc)}) from exc
        if len(text) > BODY_MAX_LENGTH:
            raise ValidationError(
                {"body": _("At most %(max)d characters.") % {"max": BODY_MAX_LENGTH}}
            )
        if text:
            clean[code] = text
    return clean


def _check_access(access: str) -> str:
    if access not in Access.values:
        raise ValidationError({"access": _("Unknown access.")})
    return access


@transaction.atomic
def minutes_save(
    *,
    actor: User | None,
    session: Session,
    body: Mapping[str, str],
    access: str | None = None,
) -> Minutes:
    """Create or change the minutes of ``session`` and keep the text as a new revision.

    ``body`` maps each language of the session to its Markdown (empty ones are dropped);
    ``access`` None keeps the current one (``inherit`` for new minutes)."""
    texts = _check_body(session, body)
    minutes = Minutes.objects.select_for_update().filter(session=session).first()
    now = timezone.now()
    if minutes is None:
        minutes = Minutes.objects.create(
            session=session,
            body=texts,
            access=_check_access(access or Access.INHERIT),
            created_at=now,
            updated_at=now,
        )
        code = "knowledge.minutes.created"
    else:
        minutes.body = texts  # type: ignore[assignment]  # the field's descriptor converts
        if access is not None:
            minutes.access = _check_access(access)
        minutes.updated_at = now
        minutes.save(update_fields=["body", "access", "updated_at"])
        code = "knowledge.minutes.saved"
    last = minutes.revisions.aggregate(last=Max("number"))["last"] or 0
    revision = MinutesRevision.objects.create(
        minutes=minutes,
        number=last + 1,
        body=texts,
        author=actor if actor is not None and actor.pk else None,
        author_label=actor.email if actor is not None else "",
        created_at=now,
    )
    audit_record(
        actor=actor,
        code=code,
        obj=minutes,
        details={"revision": revision.number, "access": minutes.access},
    )
    return minutes


@transaction.atomic
def minutes_publish(*, actor: User | None, minutes: Minutes) -> Minutes:
    """Publish the minutes. The first time, the session's confirmed registrants are mailed
    after the commit; publishing again (after unpublishing) mails nobody."""
    from convene.knowledge.tasks import send_minutes_notices_task

    locked = Minutes.objects.select_for_update().get(pk=minutes.pk)
    if not translations(locked.body):
        raise ValidationError({"body": _("Write the minutes before publishing them.")})
    if locked.state == MinutesState.PUBLISHED:
        return locked
    now = timezone.now()
    first = locked.first_published_at is None
    locked.state = MinutesState.PUBLISHED
    locked.published_at = now
    locked.first_published_at = locked.first_published_at or now
    locked.save(update_fields=["state", "published_at", "first_published_at"])
    audit_record(
        actor=actor, code="knowledge.minutes.published", obj=locked, details={"first": first}
    )
    if first:
        enqueue_with_transaction(send_minutes_notices_task, minutes_id=locked.pk)
    return locked


@transaction.atomic
def minutes_unpublish(*, actor: User | None, minutes: Minutes) -> Minutes:
    """Back to draft: only staff see them until they are published again."""
    locked = Minutes.objects.select_for_update().get(pk=minutes.pk)
    if locked.state == MinutesState.DRAFT:
        return locked
    locked.state = MinutesState.DRAFT
    locked.published_at = None
    locked.save(update_fields=["state", "published_at"])
    audit_record(actor=actor, code="knowledge.minutes.unpublished", obj=locked)
    return locked
