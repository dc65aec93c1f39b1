"""Series and session settings that used to need the admin: section, attendance thresholds,
members-first release; and a speaker typed in who is not yet in the directory."""

from __future__ import annotations

import datetime as dt
import zoneinfo

import pytest
from django.test import Client

from convene.core.models import AuditLog
from convene.directory.models import Person, ResolutionStatus
from convene.programme.models import Series, Session
from convene.sections.models import Section
from tests import factories as f
from tests.pages.test_planning import SERIES_POST, _session_post

pytestmark = pytest.mark.django_db


def test_a_series_takes_its_section_thresholds_and_release_days(staff_client: Client):
    section = Section.objects.create(name="Crisis management", slug="crisis")
    data = {
        **SERIES_POST,
        "section": str(section.pk),
        "members_first_release_days": "3",
        "attendance_min_minutes": "20",
        "attendance_min_percent": "50",
    }
    assert staff_client.post("/staff/programme/series/new/", data).status_code == 302
    series = Series.objects.get(slug="spring-2027")
    assert series.section == section
    assert (series.members_first_release_days, series.attendance_min_minutes) == (3, 20)
    assert series.attendance_min_percent == 50
    page = staff_client.get(f"/staff/programme/series/{series.slug}/").content.decode()
    assert "Crisis management" in page and "after 20 minutes" in page


def test_blank_settings_keep_the_defaults(staff_client: Client):
    assert staff_client.post("/staff/programme/series/new/", SERIES_POST).status_code == 302
    series = Series.objects.get(slug="spring-2027")
    assert (series.members_first_release_days, series.attendance_min_minutes) == (7, 10)
    assert series.section is None and series.attendance_min_percent is None


def test_editing_changes_the_settings_and_audits_them(staff_client: Client):
    series = f.series()
    section = Section.objects.create(name="Safety", slug="safety")
    edit = f"/staff/programme/series/{series.slug}/edit/"
    form = staff_client.get(edit).content.decode()
    assert 'name="attendance_min_minutes"' in form and 'value="10"' in form
    data = {
        **{k: v for k, v in SERIES_POST.items() if k != "slug"},
        "section": str(section.pk),
        "attendance_min_minutes": "5",
        "attendance_min_percent": "",
        "members_first_release_days": "0",
    }
    assert staff_client.post(edit, data).status_code == 302
    series.refresh_from_db()
    assert series.section == section and series.attendance_min_minutes == 5
    assert series.members_first_release_days == 0
    fields = AuditLog.objects.filter(code="programme.series.updated").last().details["fields"]
    assert {"section", "attendance_min_minutes", "members_first_release_days"} <= set(fields)


@pytest.mark.parametrize(
    "changes",
    [
        {"attendance_min_minutes": "-1"},
        {"attendance_min_minutes": "10000"},
        {"attendance_min_percent": "0"},
        {"attendance_min_percent": "101"},
        {"members_first_release_days": "400"},
        {"section": "999999"},
    ],
)
def test_out_of_range_settings_are_form_errors(staff_client: Client, changes):
    response = staff_client.post("/staff/programme/series/new/", {**SERIES_POST, **changes})
    assert response.status_code == 400
    assert not Series.objects.exists()


def test_a_session_sets_its_own_release_time_in_its_zone(staff_client: Client):
    series = f.series(audience_policy="members_first")
    data = _session_post(
        audience_policy="members_first", members_first_release_at="2027-03-05T09:00"
    )
    response = staff_client.post(f"/staff/programme/series/{series.slug}/sessions/new/", data)
    assert response.status_code == 302
    session = Session.objects.get(slug="spring-1")
    expected = dt.datetime(2027, 3, 5, 9, 0, tzinfo=zoneinfo.ZoneInfo("Europe/Rome"))
    assert session.members_first_release_at == expected
    assert session.release_at == expected
    edit = staff_client.get(f"/staff/programme/sessions/{session.slug}/edit/").content.decode()
    assert 'value="2027-03-05T09:00"' in edit


def test_a_new_speaker_is_added_to_the_directory_and_resolved(staff_client: Client):
    f.member_city()
    series = f.series()
    data = _session_post(
        **{
            "speakers-0-new_name": "Anne Martin",
            "speakers-0-new_email": "anne.martin@liege.example",
            "speakers-0-new_organisation": "Ville de Liège",
            "speakers-0-new_country": "BE",
            "speakers-0-role": "Alderwoman",
        }
    )
    response = staff_client.post(f"/staff/programme/series/{series.slug}/sessions/new/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    person = Person.objects.get(email="anne.martin@liege.example")
    assert person.name == "Anne Martin" and person.country == "BE"
    assert person.organisation is not None and person.organisation.name == "Ville de Liège"
    assert person.resolution_status == ResolutionStatus.MATCHED
    speaker = Session.objects.get(slug="spring-1").speakers.get()
    assert speaker.person == person and speaker.role == "Alderwoman"
    assert AuditLog.objects.filter(code="directory.person.created").exists()


def test_a_new_speaker_already_known_by_address_is_not_created_twice(staff_client: Client):
    known = Person.objects.create(email="Anne.Martin@liege.example", name="Anne Martin")
    series = f.series()
    data = _session_post(
        **{"speakers-0-new_name": "A. Martin", "speakers-0-new_email": "anne.martin@LIEGE.example"}
    )
    assert (
        staff_client.post(f"/staff/programme/series/{series.slug}/sessions/new/", data).status_code
        == 302
    )
    assert Person.objects.count() == 1
    assert Session.objects.get(slug="spring-1").speakers.get().person == known


@pytest.mark.parametrize(
    "speaker",
    [
        {"speakers-0-new_name": "No Address"},
        {"speakers-0-new_email": "nobody@example.org"},
        {"speakers-0-new_name": "Bad", "speakers-0-new_email": "not-an-address"},
    ],
)
def test_an_incomplete_new_speaker_is_a_form_error(staff_client: Client, speaker):
    series = f.series()
    response = staff_client.post(
        f"/staff/programme/series/{series.slug}/sessions/new/", _session_post(**speaker)
    )
    assert response.status_code == 400
    assert not Session.objects.exists() and not Person.objects.exists()


def test_choosing_a_person_and_typing_a_new_one_on_one_row_is_refused(staff_client: Client):
    person = Person.objects.create(email="p@example.org", name="P")
    series = f.series()
    data = _session_post(
        **{
            "speakers-0-person": str(person.pk),
            "speakers-0-new_name": "Q",
            "speakers-0-new_email": "q@example.org",
        }
    )
    response = staff_client.post(f"/staff/programme/series/{series.slug}/sessions/new/", data)
    assert response.status_code == 400
    assert "not both" in response.content.decode()
