"""Merging two records of one person (two addresses, a typo): everything the other record holds
moves to the one kept. It lives here, above the directory, because a person's registrations
and attendance belong to the apps above it; attendance is the highest app that holds them.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from convene.attendance.models import Attendance
from convene.attendance.services.queue import attendance_link_person
from convene.core.audit import audit_record
from convene.core.models import User
from convene.directory.models import Person
from convene.programme.models import Speaker
from convene.registrations.models import Registration, RegistrationRequest, RegistrationStatus

#: Which of two registrations of one session to keep: the first in this order.
_RANK: dict[str, int] = {
    RegistrationStatus.CONFIRMED: 0,
    RegistrationStatus.WAITLISTED: 1,
    RegistrationStatus.PENDING: 2,
    RegistrationStatus.LAPSED: 3,
    RegistrationStatus.CANCELLED: 4,
}

_FILLED = ("organisation_text", "job_title", "country")


def _move_registrations(kept: Person, other: Person) -> dict[str, int]:
    moved = dropped = 0
    kept_rows = {r.session_id: r for r in Registration.objects.filter(person=kept)}
    for registration in Registration.objects.filter(person=other).order_by("pk"):
        mine = kept_rows.get(registration.session_id)
        if mine is None:
            registration.person = kept
            registration.save(update_fields=["person"])
            moved += 1
            continue
        if _RANK[registration.status] < _RANK[mine.status]:  # the other one is better: keep it
            Attendance.objects.filter(registration=mine).update(registration=registration)
            mine.delete()
            registration.person = kept
            registration.save(update_fields=["person"])
            kept_rows[registration.session_id] = registration
            moved += 1
        else:
            Attendance.objects.filter(registration=registration).update(registration=mine)
            registration.delete()
        dropped += 1
    RegistrationRequest.objects.filter(person=other).update(person=kept)
    return {"registrations_moved": moved, "registrations_merged": dropped}


def _move_attendance(actor: User | None, kept: Person, other: Person) -> int:
    rows = list(Attendance.objects.filter(person=other).order_by("pk"))
    for row in rows:
        # Unlink, then link to the kept person: a row of the same session merges with theirs
        # (intervals unioned, never added), as when staff link an unmatched attendee.
        Attendance.objects.filter(pk=row.pk).update(person=None, registration=None)
        row.person_id = None
        row.registration_id = None
        attendance_link_person(actor=actor, attendance=row, person=kept)
    return len(rows)


def person_merge(*, actor: User | None, kept: Person, other: Person) -> Person:
    """Fold ``other`` into ``kept``: registrations (the better of two for one session stays),
    registration requests, attendance (rows of one session merged), speaker roles and blank
    fields move over; ``other`` is deleted; an audit entry records it."""
    if kept.pk == other.pk:
        raise ValidationError(_("A person cannot be merged with themselves."))
    with transaction.atomic():
        locked = {
            p.pk: p for p in Person.objects.select_for_update().filter(pk__in=[kept.pk, other.pk])
        }
        if len(locked) != 2:
            raise ValidationError(_("One of the two people no longer exists."))
        kept, other = locked[kept.pk], locked[other.pk]
        details: dict[str, object] = {"other_id": other.pk, "other_email": other.email}
        details.update(_move_registrations(kept, other))
        details["attendance_moved"] = _move_attendance(actor, kept, other)
        taken = set(Speaker.objects.filter(person=kept).values_list("session_id", flat=True))
        Speaker.objects.filter(person=other).exclude(session_id__in=taken).update(person=kept)
        Speaker.objects.filter(person=other).delete()
        changed = [f for f in _FILLED if not getattr(kept, f) and getattr(other, f)]
        for field in changed:
            setattr(kept, field, getattr(other, field))
        if kept.organisation_id is None and other.organisation_id is not None:
            kept.organisation_id = other.organisation_id
            kept.resolution_status = other.resolution_status
            kept.resolution_confidence = other.resolution_confidence
            kept.resolution_explanation = other.resolution_explanation
            changed += [
                "organisation",
                "resolution_status",
                "resolution_confidence",
                "resolution_explanation",
            ]
        if changed:
            kept.save(update_fields=[*changed, "updated_at"])
        other.delete()
        audit_record(actor=actor, code="directory.person.merged", obj=kept, details=details)
    return kept
