"""Writes of the reports app: freezing a report."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from convene.core.audit import audit_record
from convene.core.models import User
from convene.reports.definitions import RepresentedBy
from convene.reports.document import report_document
from convene.reports.models import ReportSnapshot
from convene.reports.scope import Scope

TITLE_MAX = ReportSnapshot._meta.get_field("title").max_length or 200


def report_snapshot_create(
    *, actor: User | None, scope: Scope, represented_by: RepresentedBy, title: str
) -> ReportSnapshot:
    """Freeze the report of ``scope`` as it is now, every organisation included."""
    title = title.strip()
    if not title:
        raise ValidationError({"title": _("Give the snapshot a title.")})
    if len(title) > TITLE_MAX:
        raise ValidationError({"title": _("At most %(max)d characters.") % {"max": TITLE_MAX}})
    document = report_document(scope=scope, represented_by=represented_by, organisations=None)
    with transaction.atomic():
        snapshot = ReportSnapshot.objects.create(
            title=title,
            scope_kind=scope.kind,
            represented_by=represented_by,
            definitions_version=document.definitions_version,
            document=document.as_json(),
            created_by=actor if actor is not None and actor.pk else None,
        )
        audit_record(
            actor=actor,
            code="reports.snapshot.created",
            obj=snapshot,
            details={"scope": document.figures["scope"], "represented_by": represented_by},
        )
    return snapshot
