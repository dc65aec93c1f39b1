"""Retention: the dry run and the real run agree; activity keeps people; raw files go."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone

from convene.attendance.models import AttendanceImport
from convene.directory.models import Person
from convene.privacy.models import ErasureRecord, RetentionRun
from convene.privacy.services.retention import (
    months_before,
    retention_apply,
    retention_daily,
    retention_plan,
)
from convene.registrations.models import RegistrationRequest
from tests import factories as f

from .conftest import register

pytestmark = pytest.mark.django_db

LONG_AGO = timezone.now() - dt.timedelta(days=800)


def _age(person: Person) -> None:
    """Everything the person did, 800 days ago."""
    Person.objects.filter(pk=person.pk).update(created_at=LONG_AGO)
    RegistrationRequest.objects.filter(person=person).update(created_at=LONG_AGO)


def test_dry_run_and_real_run_agree(settings) -> None:
    settings.PRIVACY_RETENTION_MONTHS = 24
    session = f.session()
    old = [
        register(session, name=f"Old Person{n}", email=f"old{n}@x.example").person for n in range(3)
    ]
    recent = register(session, name="Recent Person", email="recent@x.example").person
    for person in old:
        _age(person)
    # A past series imported today: the person is old, the import of their record is new.
    imported = register(session, name="Imported Today", email="imported@x.example").person
    Person.objects.filter(pk=imported.pk).update(created_at=LONG_AGO)

    plan = retention_plan()
    assert sorted(plan.people) == sorted(p.pk for p in old)
    done = retention_apply()
    assert done.people == plan.people
    assert sorted(ErasureRecord.objects.values_list("person_id", flat=True)) == sorted(plan.people)
    assert ErasureRecord.objects.filter(reason="retention").count() == 3
    for person in (recent, imported):
        assert Person.objects.get(pk=person.pk).email == person.email
    # A second run finds nothing more.
    assert retention_plan().people == ()


def test_retention_off_keeps_everyone(settings) -> None:
    settings.PRIVACY_RETENTION_MONTHS = 0
    person = register(f.session(), name="Old Person", email="old@x.example").person
    _age(person)
    assert retention_plan().people == ()


def _stored(name: str) -> str:
    return default_storage.save(f"attendance/uploads/{name}.csv", ContentFile(b"x"))


def test_old_raw_files_are_deleted_and_the_attendance_stays(
    settings, django_capture_on_commit_callbacks
) -> None:
    settings.PRIVACY_RAW_FILE_DAYS = 30
    session = f.session()
    kept = AttendanceImport.objects.create(
        session=session,
        file_name="new.csv",
        content_sha256="a",
        file=_stored("new"),
        timezone="UTC",
    )
    old = AttendanceImport.objects.create(
        session=session,
        file_name="old.csv",
        content_sha256="b",
        file=_stored("old"),
        timezone="UTC",
    )
    AttendanceImport.objects.filter(pk=old.pk).update(
        created_at=timezone.now() - dt.timedelta(days=31)
    )
    plan = retention_plan()
    assert plan.attendance_files == (old.pk,)
    with django_capture_on_commit_callbacks(execute=True):
        retention_apply()
    assert not AttendanceImport.objects.get(pk=old.pk).file
    assert not default_storage.exists(old.file.name)
    assert AttendanceImport.objects.get(pk=kept.pk).file
    assert default_storage.exists(kept.file.name)


def test_the_daily_job_runs_once_a_day(settings) -> None:
    settings.PRIVACY_RETENTION_MONTHS = 24
    person = register(f.session(), name="Old Person", email="old@x.example").person
    _age(person)
    assert retention_daily() == 1
    assert retention_daily() == 0
    assert RetentionRun.objects.count() == 1


def test_months_before_keeps_the_end_of_month() -> None:
    at = dt.datetime(2026, 3, 31, 12, tzinfo=dt.UTC)
    assert months_before(at, 1) == dt.datetime(2026, 2, 28, 12, tzinfo=dt.UTC)
    assert months_before(at, 24) == dt.datetime(2024, 3, 31, 12, tzinfo=dt.UTC)
