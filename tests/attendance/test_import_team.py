"""Who counts: the organising team (staff accounts, the network's own domains) is never
audience, the session's speakers always are participants, and people already in the
directory are recognised even when they did not register."""

from __future__ import annotations

import pytest

from convene.attendance.models import Attendance, OrganiserDomain, Role
from convene.attendance.services import organiser_domain_add
from convene.core.services import staff_create
from convene.directory.services import person_create
from convene.programme.services import speaker_add
from convene.reports.rows import audience_rows
from tests import factories as f

from .importing import at, commit, register, zoom_file

pytestmark = pytest.mark.django_db

HOUR = (at("14:00"), at("15:00"))


def rows(session) -> dict[str, Attendance]:
    """The session's rows by the email in the report."""
    return {row.email: row for row in Attendance.objects.filter(session=session)}


def test_staff_and_organiser_domains_are_the_team_and_speakers_participants(session):
    staff_create(actor=None, email="Clara.Staff@gmail.example", password="pw-1234")
    organiser_domain_add(actor=None, domain="@Network.example")
    speaker = person_create(actor=None, email="s.ruiz@sevilla.example", name="Sara Ruiz")
    speaker_add(actor=None, session=session, person=speaker)
    register(session, name="Ana Lima", email="ana@porto.example")
    commit(
        session,
        zoom_file(
            [
                ("Olga Organiser", "olga@network.example", *HOUR),  # the network's domain
                ("Clara Staff", "clara.staff@gmail.example", *HOUR),  # a staff account
                ("Sara Ruiz (Host)", "s.ruiz@sevilla.example", *HOUR),  # a speaker, host role
                ("Ana Lima", "ana@porto.example", *HOUR),
            ]
        ),
    )
    found = rows(session)
    assert found["olga@network.example"].role == Role.HOST
    assert found["clara.staff@gmail.example"].role == Role.HOST
    sara = found["s.ruiz@sevilla.example"]
    assert (sara.role, sara.person, sara.registration) == (Role.ATTENDEE, speaker, None)
    assert found["ana@porto.example"].role == Role.ATTENDEE
    audience = set(audience_rows_for(session))
    assert audience == {sara.pk, found["ana@porto.example"].pk}


def audience_rows_for(session):
    from django.db.models import Q

    return audience_rows(Q(session=session)).values_list("pk", flat=True)


def test_a_speaker_matched_by_registration_is_a_participant(session):
    registration = register(session, name="Jan Peeters", email="jan@gent.example")
    speaker_add(actor=None, session=session, person=registration.person)
    commit(session, zoom_file([("Jan Peeters (Co-host)", "jan@gent.example", *HOUR)]))
    row = Attendance.objects.get(session=session)
    assert (row.role, row.registration) == (Role.ATTENDEE, registration)


def test_the_setting_seeds_the_domains_and_staff_normalise_theirs(settings):
    import importlib

    from django.apps import apps

    migration = importlib.import_module("convene.attendance.migrations.0002_organiser_domain")
    settings.ORGANISER_EMAIL_DOMAINS = ["Efus.example", " @staff.efus.example", ""]
    migration.seed_domains(apps, None)
    domains = OrganiserDomain.objects.values_list("domain", flat=True)
    assert list(domains) == ["efus.example", "staff.efus.example"]
    added = organiser_domain_add(actor=None, domain="  @Network.EXAMPLE ")
    assert added.domain == "network.example"


# --- Known people ------------------------------------------------------------------------------


def test_known_people_by_email_alternate_email_and_name_in_the_domains_organisation(session):
    liege = f.member_city("Ville de Liège", "liege.example")
    by_email = person_create(
        actor=None, email="Marc@liege.example", name="Marc Dubois", organisation=liege
    )
    by_alternate = person_create(actor=None, email="eva@utrecht.example", name="Eva de Vries")
    by_name = person_create(
        actor=None, email="sophie.m@liege.example", name="Sophie Martin", organisation=liege
    )
    person_create(actor=None, email="luc1@liege.example", name="Luc Bernard", organisation=liege)
    person_create(actor=None, email="luc2@liege.example", name="Luc Bernard", organisation=liege)
    earlier = f.session(session.series)
    register(earlier, name="Eva de Vries", email="eva@utrecht.example")
    commit(earlier, zoom_file([("Eva de Vries", "eva.private@mail.example", *HOUR)]))
    # Eva's registration matched her private address by name: it is an alternate email now.
    assert Attendance.objects.get(session=earlier).person == by_alternate
    commit(
        session,
        zoom_file(
            [
                ("M. Dubois", "marc@liege.example", *HOUR),
                ("Eva", "eva.private@mail.example", *HOUR),
                ("Sophie Martin", "smartin@liege.example", *HOUR),
                ("Luc Bernard", "lbernard@liege.example", *HOUR),
            ]
        ),
    )
    found = {row.name: row for row in Attendance.objects.filter(session=session)}
    assert (found["M. Dubois"].person, found["M. Dubois"].match_method) == (by_email, "email")
    assert (found["Eva"].person, found["Eva"].match_method) == (by_alternate, "alternate_email")
    sophie = found["Sophie Martin"]
    assert (sophie.person, sophie.match_method) == (by_name, "name")
    assert found["Luc Bernard"].person is None  # two Luc Bernards at Liège: never a guess
    assert all(row.registration is None for row in found.values())
    known = [row for row in found.values() if row.person]
    assert all(row.role == Role.ATTENDEE and row.attended for row in known)
    assert set(audience_rows_for(session)) == {row.pk for row in found.values()}


def test_a_name_is_matched_only_inside_the_domains_organisation(session):
    person_create(actor=None, email="sophie@elsewhere.example", name="Sophie Martin")
    commit(session, zoom_file([("Sophie Martin", "smartin@liege.example", *HOUR)]))
    assert Attendance.objects.get(session=session).person is None


def test_a_registrant_comes_first(session):
    registration = register(session, name="Marc Dubois", email="marc@liege.example")
    commit(session, zoom_file([("Marc Dubois", "marc@liege.example", *HOUR)]))
    row = Attendance.objects.get(session=session)
    assert row.registration == registration and row.person == registration.person
