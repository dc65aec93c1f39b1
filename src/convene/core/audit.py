"""Writing the audit log. Every service that changes data calls :func:`audit_record`."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction

from convene.core.models import AuditLog, User


def audit_entry(
    *,
    actor: User | None,
    code: str,
    obj: models.Model | None = None,
    details: dict[str, Any] | None = None,
) -> AuditLog:
    """An unsaved entry; :func:`audit_record_many` writes several in one statement."""
    if code.count(".") != 2:
        raise ValueError(f"Audit code {code!r} must read <app>.<entity>.<past-verb>.")
    entry = AuditLog(
        actor=actor if actor is not None and actor.pk else None,
        actor_label=actor.email if actor is not None else "system",
        code=code,
        details=details or {},
    )
    if obj is not None:
        entry.content_type = ContentType.objects.get_for_model(obj)
        entry.object_id = str(obj.pk)
        entry.object_repr = str(obj)[:300]
    return entry


def audit_record(
    *,
    actor: User | None,
    code: str,
    obj: models.Model | None = None,
    details: dict[str, Any] | None = None,
) -> AuditLog:
    """Record that ``actor`` (None for the system) did ``code`` to ``obj``.

    ``code`` reads ``<app>.<entity>.<past-verb>``, for example ``directory.organisation.merged``.
    Call it inside the service's transaction so the entry and the change land together.
    """
    entry = audit_entry(actor=actor, code=code, obj=obj, details=details)
    audit_record_many([entry])
    return entry


def audit_record_many(entries: list[AuditLog]) -> None:
    """Write entries built with :func:`audit_entry` in one INSERT: the one place that writes
    the audit log."""
    AuditLog.objects.bulk_create(entries)


def audit_data_access(
    *,
    actor: User | None,
    code: str,
    people: Iterable[int],
    obj: models.Model | None = None,
    details: dict[str, Any] | None = None,
) -> AuditLog:
    """Record that staff read personal data: a registrant list exported, a person's page
    viewed. ``people`` are the ids of the people whose data was read (``details["people"]``),
    so each person's own export shows who read their data, and when."""
    ids = sorted({int(pk) for pk in people})
    with transaction.atomic():
        return audit_record(
            actor=actor, code=code, obj=obj, details={**(details or {}), "people": ids}
        )
