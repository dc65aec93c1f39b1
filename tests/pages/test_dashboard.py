"""The staff dashboard: where staff land, what comes next and what needs a person."""

import pytest
from django.test import Client

from convene.attendance.models import Attendance
from convene.core.models import User
from convene.registrations.services import registration_staff_add
from tests import factories as f

pytestmark = pytest.mark.django_db


def test_staff_land_on_the_dashboard_after_signing_in(client: Client, staff: User):
    response = client.post(
        "/staff/login/", {"username": "staff@network.example", "password": "pw-1234"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/staff/"
    assert client.get("/staff/").status_code == 200


def test_the_dashboard_is_for_staff_only(client: Client):
    assert client.get("/staff/").status_code == 302


def test_upcoming_sessions_with_seats_waitlist_and_registrations_per_day(
    staff_client: Client, staff: User
):
    session = f.session(f.series(), capacity=1, title="Public spaces at night")
    for name in ("Ana", "Ben"):
        registration_staff_add(
            actor=staff, session=session, name=name, email=f"{name.lower()}@city.example"
        )
    body = staff_client.get("/staff/").content.decode()
    assert "Public spaces at night" in body
    assert "Registrations per day for Public spaces at night" in body
    assert '<rect x="0" y="0" width="0.8" height="100"/>' in body  # today: the busiest day
    assert "style=" not in body


def test_what_needs_a_person(staff_client: Client):
    over = f.session(f.series(), days=-3, title="Over without attendance")
    done = f.session(over.series, days=-2, title="Over with attendance")
    Attendance.objects.create(session=done, key="name:x", name="X", minutes=30)
    body = staff_client.get("/staff/").content.decode()
    assert "Over without attendance" in body
    section = body[body.index("Sessions over without attendance") :]
    assert "Over with attendance" not in section[: section.index("Upcoming sessions")]


def test_dashboard_queries_do_not_grow(staff_client: Client, staff, django_assert_max_num_queries):
    series = f.series()
    session = f.session(series)
    registration_staff_add(actor=staff, session=session, name="A", email="a@x.example")
    with django_assert_max_num_queries(30) as first:
        staff_client.get("/staff/")
    for i in range(4):
        more = f.session(series, days=3 + i)
        registration_staff_add(actor=staff, session=more, name="B", email=f"b{i}@x.example")
        f.session(series, days=-i - 1)
    with django_assert_max_num_queries(len(first.captured_queries)):
        staff_client.get("/staff/")


def test_a_day_without_sessions_is_an_empty_dashboard(staff_client: Client):
    body = staff_client.get("/staff/").content.decode()
    assert "No upcoming session." in body
    assert "Every session that is over has its attendance." in body
    assert "No report frozen yet." in body
