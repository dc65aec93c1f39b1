"""After an import: staff link or create people for unmatched attendees, and save column
mappings for a generic CSV."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from convene.attendance.models import Attendance, ColumnMappingPreset
from convene.attendance.services import (
    attendance_link_person,
    attendance_person_create,
    mapping_preset_save,
)
from convene.core.models import AuditLog
from convene.directory.models import Person
from convene.directory.services import person_create
from tests import factories as f

from .importing import at, commit, minutes_by_name, register, zoom_file

pytestmark = pytest.mark.django_db


# --- The unmatched queue -----------------------------------------------------------------------


def test_staff_link_an_unmatched_attendee_to_a_person(session, staff):
    registration = register(session, name="Jan Janssens", email="jan@gent.example")
    commit(session, zoom_file([("JJ phone", "", at("14:00"), at("15:00"))]))
    row = Attendance.objects.get(session=session)
    assert row.person_id is None
    linked = attendance_link_person(actor=staff, attendance=row, person=registration.person)
    assert linked.pk == row.pk
    row.refresh_from_db()
    assert row.person_id == registration.person_id
    assert row.registration_id == registration.pk
    assert row.match_method == "staff"
    assert row.key == f"person:{registration.person_id}"
    entry = AuditLog.objects.get(code="attendance.attendance.linked")
    assert entry.actor == staff and entry.details["person"] == registration.person_id
    # A later file with the same nameless attendee finds the linked row again.
    commit(session, zoom_file([("JJ phone", "", at("14:30"), at("15:10"))]), "second.csv")
    row.refresh_from_db()
    assert Attendance.objects.filter(session=session).count() == 1
    assert round(row.minutes, 1) == 70.0


def test_linking_to_someone_already_present_merges_the_rows(session, staff):
    registration = register(session, name="Claire Martin", email="claire@lyon.example")
    commit(
        session,
        zoom_file(
            [
                ("Claire Martin", "claire@lyon.example", at("14:00"), at("14:40")),
                ("Tablet", "", at("14:30"), at("15:00")),
            ]
        ),
    )
    tablet = Attendance.objects.get(session=session, person__isnull=True)
    merged = attendance_link_person(actor=staff, attendance=tablet, person=registration.person)
    assert not Attendance.objects.filter(pk=tablet.pk).exists()
    assert Attendance.objects.filter(session=session).count() == 1
    assert round(merged.minutes, 1) == 60.0  # 14:00-15:00 once, not 40 + 30
    assert merged.sources.count() == 1


def test_staff_create_a_person_for_an_unmatched_attendee(session, staff):
    commit(session, zoom_file([("Piet Peeters", "", at("14:00"), at("15:00"))]))
    row = Attendance.objects.get(session=session)
    f.member_city()
    linked = attendance_person_create(
        actor=staff,
        attendance=row,
        name="Piet Peeters",
        email="piet@liege.example",
        organisation_text="Ville de Liège",
    )
    person = Person.objects.get(email="piet@liege.example")
    assert linked.person == person
    assert person.organisation is not None and person.organisation.name == "Ville de Liège"
    assert person.organisation_text == "Ville de Liège"
    assert AuditLog.objects.filter(code="directory.person.created").count() == 1
    assert AuditLog.objects.filter(code="attendance.attendance.linked").count() == 1


def test_creating_a_person_whose_email_exists_changes_nothing(session, staff):
    person_create(actor=None, email="taken@x.example", name="Taken")
    commit(session, zoom_file([("Someone", "", at("14:00"), at("15:00"))]))
    row = Attendance.objects.get(session=session)
    with pytest.raises(ValidationError):
        attendance_person_create(
            actor=staff, attendance=row, name="Someone", email="TAKEN@x.example"
        )
    row.refresh_from_db()
    assert row.person_id is None
    assert not AuditLog.objects.filter(code="attendance.attendance.linked").exists()


# --- Column mappings ---------------------------------------------------------------------------

GENERIC = (
    b"Participant;Mail;Start;End\n"
    b"Nadia Haddad;nadia@x.example;2020-04-14 14:00;2020-04-14 14:45\n"
    b"Tom Baker;tom@x.example;2020-04-14 14:10;2020-04-14 14:15\n"
)


def test_a_saved_mapping_reads_a_generic_csv(session, staff):
    preset = mapping_preset_save(
        actor=staff,
        name="Our own tool",
        mapping={"name": "Participant", "email": "Mail", "join": "Start", "leave": "End"},
    )
    assert ColumnMappingPreset.objects.get().mapping["join"] == "Start"
    commit(session, GENERIC, "own.csv", format="generic", mapping=preset.mapping)
    assert minutes_by_name(session) == {"Nadia Haddad": 45.0, "Tom Baker": 5.0}
    assert AuditLog.objects.filter(code="attendance.mapping.created").count() == 1


def test_an_incomplete_mapping_is_refused(staff):
    with pytest.raises(ValidationError, match="join and leave"):
        mapping_preset_save(actor=staff, name="Broken", mapping={"name": "Participant"})
    assert not ColumnMappingPreset.objects.exists()
