"""Undoing an import, and the organising team's email domains."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from convene.attendance.models import Attendance, AttendanceImport, OrganiserDomain
from convene.attendance.services.store import attendance_recompute
from convene.core.audit import audit_record
from convene.core.models import User
from convene.programme.models import Session


@transaction.atomic
def attendance_import_undo(*, actor: User | None, attendance_import: AttendanceImport) -> None:
    """Remove an import and what it said: each attendee it fed is rebuilt from the imports
    that remain (by the union of their intervals), or goes when no other import lists them."""
    session = (
        Session.objects.select_for_update()
        .select_related("series")
        .get(pk=attendance_import.session_id)
    )
    rows = list(
        Attendance.objects.filter(sources__attendance_import=attendance_import)
        .distinct()
        .order_by("pk")
    )
    details = {
        "session": session.slug,
        "import": attendance_import.pk,
        "file": attendance_import.file_name,
        "sha256": attendance_import.content_sha256,
        "status": attendance_import.status,
    }
    attendance_import.delete()  # its sources go with it
    removed: list[int] = []
    now = timezone.now()
    for row in rows:
        row.session = session
        if not row.sources.exists():
            removed.append(row.pk)
            continue
        attendance_recompute(attendance=row)
        row.updated_at = now
        row.save(
            update_fields=[
                "role", "minutes", "connections", "first_join", "last_leave", "attended",
                "updated_at",
            ]
        )  # fmt: skip
    Attendance.objects.filter(pk__in=removed).delete()
    audit_record(
        actor=actor,
        code="attendance.import.undone",
        obj=session,
        details={**details, "removed": len(removed), "rebuilt": len(rows) - len(removed)},
    )


def normalise_domain(domain: str) -> str:
    return domain.strip().lower().lstrip("@")


@transaction.atomic
def organiser_domain_add(*, actor: User | None, domain: str) -> OrganiserDomain:
    """Add one of the network's own email domains."""
    domain = normalise_domain(domain)
    if "." not in domain or "@" in domain or " " in domain or len(domain) > 253:
        raise ValidationError(
            {"domain": _("Enter an email domain such as example.org, without the @.")}
        )
    try:
        with transaction.atomic():
            added = OrganiserDomain.objects.create(domain=domain)
    except IntegrityError as exc:
        raise ValidationError(
            {"domain": _("%(domain)s is already on the list.") % {"domain": domain}}
        ) from exc
    audit_record(
        actor=actor, code="attendance.organiser_domain.added", obj=added, details={"domain": domain}
    )
    return added


@transaction.atomic
def organiser_domain_remove(*, actor: User | None, organiser_domain: OrganiserDomain) -> None:
    audit_record(
        actor=actor,
        code="attendance.organiser_domain.removed",
        obj=organiser_domain,
        details={"domain": organiser_domain.domain},
    )
    organiser_domain.delete()
