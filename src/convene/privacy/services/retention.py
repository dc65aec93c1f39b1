"""Retention: people with no activity for ``PRIVACY_RETENTION_MONTHS`` are anonymised (the
same erasure as on request), and raw uploaded files are deleted ``PRIVACY_RAW_FILE_DAYS``
after upload. The dry run and the real run share :func:`retention_plan`, so they agree."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import partial

from django.conf import settings
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from convene.attendance.models import AttendanceImport, ParseState
from convene.core.audit import audit_record
from convene.core.models import User
from convene.directory.models import Person
from convene.privacy.models import ErasureReason, RetentionRun
from convene.privacy.selectors import people_inactive_since
from convene.privacy.services.erasure import erase_people
from convene.registrations.models import RegistrationImport

#: People erased per transaction: a large first run does not hold the write lock for long.
BATCH = 50


@dataclass(frozen=True)
class RetentionPlan:
    now: dt.datetime
    #: None when retention of people is off (``PRIVACY_RETENTION_MONTHS = 0``).
    people_cutoff: dt.datetime | None
    files_cutoff: dt.datetime
    people: tuple[int, ...]
    attendance_files: tuple[int, ...]
    registration_files: tuple[int, ...]

    def as_dict(self) -> dict[str, object]:
        return {
            "people_inactive_since": self.people_cutoff.isoformat() if self.people_cutoff else None,
            "files_uploaded_before": self.files_cutoff.isoformat(),
            "people": len(self.people),
            "attendance_files": len(self.attendance_files),
            "registration_files": len(self.registration_files),
        }


def months_before(now: dt.datetime, months: int) -> dt.datetime:
    """``now`` moved back ``months`` calendar months (the 31st becomes the month's last day)."""
    year, month = divmod(now.year * 12 + now.month - 1 - months, 12)
    month += 1
    for day in range(now.day, 27, -1):
        try:
            return now.replace(year=year, month=month, day=day)
        except ValueError:
            continue
    return now.replace(year=year, month=month, day=min(now.day, 28))


def retention_plan(*, now: dt.datetime | None = None) -> RetentionPlan:
    """What retention would do at ``now``: who is anonymised and which files are deleted."""
    now = now or timezone.now()
    months = settings.PRIVACY_RETENTION_MONTHS
    people_cutoff = months_before(now, months) if months > 0 else None
    files_cutoff = now - dt.timedelta(days=settings.PRIVACY_RAW_FILE_DAYS)
    people: tuple[int, ...] = ()
    if people_cutoff is not None:
        people = tuple(people_inactive_since(people_cutoff).values_list("pk", flat=True))
    attendance_files = (
        AttendanceImport.objects.filter(created_at__lt=files_cutoff)
        .exclude(file="")
        .values_list("pk", flat=True)
    )
    registration_files = (
        RegistrationImport.objects.filter(created_at__lt=files_cutoff)
        .exclude(content=b"")
        .values_list("pk", flat=True)
    )
    return RetentionPlan(
        now=now,
        people_cutoff=people_cutoff,
        files_cutoff=files_cutoff,
        people=people,
        attendance_files=tuple(attendance_files),
        registration_files=tuple(registration_files),
    )


def retention_apply(*, now: dt.datetime | None = None, actor: User | None = None) -> RetentionPlan:
    """Apply retention: anonymise the plan's people, delete the plan's files; the plan done."""
    plan = retention_plan(now=now)
    ids = list(plan.people)
    for start in range(0, len(ids), BATCH):
        batch = list(Person.objects.filter(pk__in=ids[start : start + BATCH]))
        erase_people(batch, actor=actor, reason=ErasureReason.RETENTION)
    with transaction.atomic():
        files = AttendanceImport.objects.filter(pk__in=plan.attendance_files).exclude(file="")
        for name in files.values_list("file", flat=True):
            transaction.on_commit(partial(default_storage.delete, name))
        AttendanceImport.objects.filter(
            Q(pk__in=plan.attendance_files), ~Q(status="committed")
        ).update(
            file="",
            preview_rows=[],
            parse_state=ParseState.FAILED,
            problem=_("The file was deleted: files are kept %(days)d days.")
            % {"days": settings.PRIVACY_RAW_FILE_DAYS},
        )
        AttendanceImport.objects.filter(pk__in=plan.attendance_files).update(file="")
        RegistrationImport.objects.filter(pk__in=plan.registration_files).update(content=b"")
        audit_record(actor=actor, code="privacy.retention.applied", details=plan.as_dict())
    return plan


def retention_daily(*, now: dt.datetime | None = None) -> int:
    """The periodic job: apply retention once a day (the first worker to claim the day);
    the number of people anonymised."""
    now = now or timezone.now()
    try:
        with transaction.atomic():
            run = RetentionRun.objects.create(day=timezone.localdate(now))
    except IntegrityError:
        return 0
    plan = retention_apply(now=now)
    run.counts = plan.as_dict()
    run.save(update_fields=["counts"])
    return len(plan.people)
