"""Matching a report's people to the session's registrants, and the attendance threshold."""

from __future__ import annotations

import pytest

from convene.attendance.models import Attendance
from convene.attendance.services import attendance_link_person
from convene.programme.models import Series, Session
from convene.registrations.join_tokens import join_secret
from convene.registrations.models import Registration
from tests import factories as f

from .importing import at, commit, importer, jitsi_file, register, zoom_file

pytestmark = pytest.mark.django_db


# --- Matching to registrants -------------------------------------------------------------------


def test_matching_by_token_email_alternate_email_and_name(session):
    by_token = register(session, name="Sophie Lambert", email="sophie@liege.example")
    by_email = register(session, name="Hans Becker", email="hans.becker@essen.example")
    by_alt = register(session, name="Luca Ferrari", email="luca@comune.example")
    by_name = register(session, name="Marie Dupont", email="marie@bordeaux.example")
    # Luca was seen before with another address, and staff linked him.
    earlier = f.session(session.series)
    commit(earlier, zoom_file([("Luca F", "l.ferrari@private.example", at("14:00"), at("15:00"))]))
    attendance_link_person(
        actor=None,
        attendance=Attendance.objects.get(session=earlier),
        person=by_alt.person,
    )
    data = jitsi_file(
        [
            {"name": "S. L.", "email": "other@home.example", "id": join_secret(by_token.join_salt)},
            {"name": "Hans", "email": "HANS.Becker@Essen.example"},
            {"name": "Luca", "email": "l.ferrari@private.example"},
            {"name": "Dupont Marie"},
            {"name": "Unknown Visitor"},
        ]
    )
    preview = importer(session, data, "jitsi.json").preview()
    assert preview.counts["matched"] == {"token": 1, "email": 1, "alternate_email": 1, "name": 1}
    assert preview.counts["unmatched"] == 1
    commit(session, data, "jitsi.json")
    rows = {a.registration_id: a for a in Attendance.objects.filter(session=session)}
    assert rows[by_token.pk].match_method == "token"
    assert rows[by_email.pk].match_method == "email"
    assert rows[by_alt.pk].match_method == "alternate_email"
    assert rows[by_name.pk].match_method == "name"
    assert rows[by_name.pk].person_id == by_name.person_id
    unmatched = rows[None]
    assert unmatched.name == "Unknown Visitor" and unmatched.person_id is None


def test_matching_uses_only_this_sessions_registrants(session):
    other = f.session(session.series)
    register(other, name="Marie Dupont", email="marie@bordeaux.example")
    commit(session, jitsi_file([{"name": "Marie Dupont", "email": "marie@bordeaux.example"}]))
    row = Attendance.objects.get(session=session)
    # Not this session's registrant: a known person, by email, who came without registering.
    assert row.registration_id is None and row.match_method == "email"
    assert row.person == other.registrations.get().person


def test_a_cancelled_registrant_who_came_is_matched(session):
    registration = register(session, name="Eva de Vries", email="eva@utrecht.example")
    Registration.objects.filter(pk=registration.pk).update(status="cancelled")
    commit(session, jitsi_file([{"name": "Eva", "email": "eva@utrecht.example"}]))
    assert Attendance.objects.get(session=session).registration_id == registration.pk


# --- The attendance threshold -------------------------------------------------------------------


def attended_names(session: Session) -> set[str]:
    return {a.name for a in Attendance.objects.filter(session=session, attended=True)}


STAYS = [
    ("Ten Minutes", "ten@x.example", at("14:00"), at("14:10")),
    ("Nine Minutes", "nine@x.example", at("14:00"), at("14:09")),
    ("Forty Six", "fortysix@x.example", at("14:00"), at("14:46")),
    ("Twenty", "twenty@x.example", at("14:00"), at("14:20")),
]


def test_attended_means_at_least_n_minutes_by_default(session):
    commit(session, zoom_file(STAYS))
    assert attended_names(session) == {"Ten Minutes", "Forty Six", "Twenty"}


def test_attended_threshold_in_minutes_is_the_series_setting(session):
    Series.objects.filter(pk=session.series_id).update(attendance_min_minutes=30)
    session.refresh_from_db()
    commit(session, zoom_file(STAYS))
    assert attended_names(session) == {"Forty Six"}


def test_attended_threshold_in_percent_of_the_session(session):
    # 90-minute session: 50 % is 45 minutes, reached before the 60-minute floor.
    Series.objects.filter(pk=session.series_id).update(
        attendance_min_minutes=60, attendance_min_percent=50
    )
    session.refresh_from_db()
    commit(session, zoom_file(STAYS))
    assert attended_names(session) == {"Forty Six"}
