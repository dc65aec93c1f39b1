"""The unmatched queue (staff link an attendee to a person, or create one) and the saved
generic-CSV column mappings."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from convene.attendance.merge import union_minutes
from convene.attendance.models import (
    Attendance,
    AttendanceSource,
    ColumnMappingPreset,
    MatchMethod,
)
from convene.attendance.parsers import AttendanceParseError, ColumnMapping
from convene.attendance.services.store import attendance_recompute, parse_intervals
from convene.core.audit import audit_record
from convene.core.models import User
from convene.directory.models import Person
from convene.directory.services import person_create
from convene.registrations.models import Registration

_ROW_FIELDS = [
    "key", "source_keys", "person", "registration", "match_method", "match_score", "role",
    "minutes", "connections", "first_join", "last_leave", "attended", "updated_at",
]  # fmt: skip


def _fold_source(into: AttendanceSource, source: AttendanceSource) -> None:
    """Two attendees of one file turned out to be one person: combine their sources."""
    union, merged = union_minutes([*parse_intervals(into), *parse_intervals(source)])
    into.intervals = [[start.isoformat(), end.isoformat()] for start, end in merged]
    into.minutes = max(union, into.minutes, source.minutes)
    into.connections += source.connections
    joins = [value for value in (into.first_join, source.first_join) if value]
    leaves = [value for value in (into.last_leave, source.last_leave) if value]
    into.first_join = min(joins) if joins else None
    into.last_leave = max(leaves) if leaves else None
    into.lines = sorted({*into.lines, *source.lines})
    if source.role == "host":
        into.role = "host"
    into.save(
        update_fields=[
            "intervals", "minutes", "connections", "first_join", "last_leave", "lines", "role",
        ]
    )  # fmt: skip


@transaction.atomic
def attendance_link_person(
    *, actor: User | None, attendance: Attendance, person: Person
) -> Attendance:
    """Point an unmatched attendance row at ``person`` (and their registration for the
    session, if any). If the person already has a row for the session, the two rows merge:
    their intervals are unioned, never added. Returns the row that now holds the person."""
    row = (
        Attendance.objects.select_for_update()
        .select_related("session__series")
        .get(pk=attendance.pk)
    )
    if row.person_id == person.pk:
        return row
    if row.person_id is not None:
        raise ValidationError(_("This attendee is already linked to someone else."))
    registration = Registration.objects.filter(session=row.session, person=person).first()
    other = (
        Attendance.objects.select_for_update()
        .select_related("session__series")
        .filter(session=row.session, person=person)
        .exclude(pk=row.pk)
        .first()
    )
    old_keys = [row.key, *row.source_keys]
    if other is not None:
        existing = {source.attendance_import_id: source for source in other.sources.all()}
        for source in list(row.sources.all()):
            if source.attendance_import_id in existing:
                _fold_source(existing[source.attendance_import_id], source)
                source.delete()
            else:
                source.attendance = other
                source.save(update_fields=["attendance"])
        row.delete()
        target = other
    else:
        target = row
        target.key = f"person:{person.pk}"
        target.person = person
        target.registration = registration
        target.match_method = MatchMethod.STAFF
        target.match_score = 100.0
    target.source_keys = sorted(set(target.source_keys) | set(old_keys) - {target.key})
    if target.registration_id is None and registration is not None:
        target.registration = registration
    attendance_recompute(attendance=target)
    target.updated_at = timezone.now()
    target.save(update_fields=_ROW_FIELDS)
    audit_record(
        actor=actor,
        code="attendance.attendance.linked",
        obj=target,
        details={
            "person": person.pk,
            "session": target.session.slug,
            "keys": old_keys,
            "merged_with_existing_row": other is not None,
        },
    )
    return target


@transaction.atomic
def attendance_person_create(
    *,
    actor: User | None,
    attendance: Attendance,
    name: str,
    email: str,
    organisation_text: str = "",
) -> Attendance:
    """Create a person from an unmatched attendee (the organisation is resolved by the engine,
    like any registrant's) and link the row to them."""
    person = person_create(actor=actor, email=email, name=name, organisation_text=organisation_text)
    return attendance_link_person(actor=actor, attendance=attendance, person=person)


@transaction.atomic
def mapping_preset_save(
    *, actor: User | None, name: str, mapping: dict[str, Any]
) -> ColumnMappingPreset:
    """Save (or replace) a generic-CSV column mapping under ``name``."""
    name = " ".join(name.split())
    if not name:
        raise ValidationError({"name": _("Give the mapping a name, such as the tool's.")})
    try:
        columns = ColumnMapping.from_dict(mapping)
        columns.validate()
    except AttendanceParseError as exc:
        raise ValidationError(str(exc)) from exc
    preset, created = ColumnMappingPreset.objects.update_or_create(
        name=name,
        defaults={"mapping": columns.to_dict()},
        create_defaults={
            "mapping": columns.to_dict(),
            "created_by": actor if actor is not None and actor.pk else None,
        },
    )
    audit_record(
        actor=actor,
        code="attendance.mapping.created" if created else "attendance.mapping.changed",
        obj=preset,
        details={"mapping": preset.mapping},
    )
    return preset
