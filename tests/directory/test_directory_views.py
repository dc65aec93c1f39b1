"""Staff directory pages without the admin: search and filters, an organisation's page, edit,
merge, memberships, and people (search, page, merge)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from convene.attendance.models import Attendance
from convene.attendance.services.people import person_merge
from convene.core.models import AuditLog
from convene.directory.models import Membership, Organisation, Person
from convene.directory.selectors import organisations_matching
from convene.directory.services import (
    MembershipPeriod,
    organisation_create,
    person_create,
)
from convene.registrations.models import Registration, RegistrationStatus
from convene.registrations.services import registration_staff_add
from tests import factories as f

pytestmark = pytest.mark.django_db

LIST = reverse("directory_staff:organisations")


def org(name: str, **kw) -> Organisation:
    values = {"kind": "local_authority", "country": "BE"}
    values.update(kw)
    return organisation_create(actor=None, name=name, **values)


@pytest.mark.parametrize("query", ["Liege", "LIÈGE", "liège", "ville de liege", "Luik"])
def test_search_ignores_case_and_accents_and_reads_aliases(staff_client, query):
    org("Ville de Liège", aliases=["Luik"])
    org("Stadt Essen", country="DE")
    page = staff_client.get(LIST, {"q": query}).content.decode()
    assert "Ville de Liège" in page
    assert "Stadt Essen" not in page


def test_filters_by_kind_country_and_membership(staff_client):
    org("Ville de Liège", memberships=[MembershipPeriod(dt.date(2010, 1, 1))])
    org("Université de Liège", kind="research")
    org(
        "Stadt Essen",
        country="DE",
        memberships=[MembershipPeriod(dt.date(2010, 1, 1), dt.date(2015, 1, 1))],
    )
    names = lambda **q: {  # noqa: E731
        o.name for o in staff_client.get(LIST, q).context["page"].object_list
    }
    assert names(kind="research") == {"Université de Liège"}
    assert names(country="DE") == {"Stadt Essen"}
    assert names(member="yes") == {"Ville de Liège"}
    assert names(member="no") == {"Université de Liège", "Stadt Essen"}
    assert names(q="liege", member="no") == {"Université de Liège"}


def test_the_list_takes_the_same_queries_for_more_organisations(staff_client):
    for n in range(3):
        org(f"Commune {n}")

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert staff_client.get(LIST, {"q": "commune"}).status_code == 200
        return len(queries)

    few = count()
    for n in range(3, 12):
        org(f"Commune {n}", memberships=[MembershipPeriod(dt.date(2020, 1, 1))])
    assert count() == few


def test_the_list_is_paginated_and_for_staff_only(client, staff_client):
    assert client.get(LIST).status_code in (302, 403)
    for n in range(55):
        org(f"Gemeente {n:02d}")
    first = staff_client.get(LIST)
    assert len(first.context["page"].object_list) == 50
    assert len(staff_client.get(LIST, {"page": 2}).context["page"].object_list) == 5


def test_the_organisation_page_shows_people_sessions_and_attendance(staff_client, staff):
    liege = f.member_city()
    session = f.session()
    registration = registration_staff_add(
        actor=staff, session=session, name="Anne Lambert", email="anne@liege.example"
    )
    person = registration.person
    assert person.organisation == liege
    Attendance.objects.create(
        session=session, key=f"person:{person.pk}", person=person, name="Anne", minutes=80,
        attended=True,
    )  # fmt: skip
    page = staff_client.get(reverse("directory_pages:organisation", args=[liege.pk]))
    body = page.content.decode()
    assert "Anne Lambert" in body and "liege.example" in body
    (row,) = page.context["sessions"]
    assert (row.registered, row.attended) == (1, 1)
    person_page = staff_client.get(reverse("directory_pages:person", args=[person.pk]))
    assert "Confirmed" in person_page.content.decode()
    assert staff_client.get(reverse("directory_pages:organisation", args=[999])).status_code == 404


def test_edit_an_organisation(staff_client):
    liege = org("Ville de Liege")
    url = reverse("directory_staff:organisation-edit", args=[liege.pk])
    data = {
        "name": "Ville de Liège",
        "kind": "local_authority",
        "country": "BE",
        "aliases": "Luik\nLüttich",
        "domains": "liege.be",
    }
    assert staff_client.post(url, data).status_code == 302
    liege.refresh_from_db()
    assert liege.name == "Ville de Liège"
    assert sorted(liege.aliases.values_list("name", flat=True)) == ["Luik", "Lüttich"]
    assert AuditLog.objects.filter(code="directory.organisation.updated").exists()
    org("Stadt Essen", country="DE", domains=["essen.de"])
    response = staff_client.post(url, {**data, "domains": "essen.de"})
    assert response.status_code == 400
    assert "already belongs to Stadt Essen" in response.content.decode()


def test_merge_two_organisations_with_the_audit_entry(staff_client):
    liege = org("Ville de Liège")
    twin = org("City of Liege", domains=["liege.example"])
    person_create(actor=None, email="a@liege.example", name="A", organisation=twin)
    url = reverse("directory_staff:organisation-merge", args=[liege.pk])
    page = staff_client.get(url, {"q": "liege"}).content.decode()
    assert "City of Liege" in page
    assert staff_client.post(url, {"other": twin.pk}).status_code == 302
    assert not Organisation.objects.filter(pk=twin.pk).exists()
    assert liege.people.count() == 1
    assert liege.aliases.filter(name="City of Liege").exists()
    entry = AuditLog.objects.get(code="directory.organisation.merged")
    assert entry.details["source_name"] == "City of Liege"


def test_memberships_add_edit_end_and_remove(staff_client):
    liege = org("Ville de Liège")
    add = reverse("directory_staff:membership-add", args=[liege.pk])
    assert staff_client.post(add, {"member_from": "2018-01-01"}).status_code == 302
    membership = Membership.objects.get()
    response = staff_client.post(add, {"member_from": "2019-01-01"})
    assert response.status_code == 400  # overlaps the open one
    edit = reverse("directory_staff:membership-edit", args=[membership.pk])
    staff_client.post(edit, {"member_from": "2017-01-01", "action": "save"})
    membership.refresh_from_db()
    assert membership.member_from == dt.date(2017, 1, 1)
    staff_client.post(edit, {"action": "end"})
    membership.refresh_from_db()
    assert membership.member_until == timezone.localdate()
    staff_client.post(edit, {"action": "remove"})
    assert not Membership.objects.exists()
    codes = set(AuditLog.objects.values_list("code", flat=True))
    assert {"directory.membership.updated", "directory.membership.removed"} <= codes


def test_people_search_ignores_accents(staff_client):
    person_create(actor=None, email="jose@bcn.example", name="José Pérez")
    person_create(actor=None, email="hans@essen.example", name="Hans Becker")
    url = reverse("directory_staff:people")
    assert [p.name for p in staff_client.get(url, {"q": "jose perez"}).context["page"]] == [
        "José Pérez"
    ]
    assert [p.name for p in staff_client.get(url, {"q": "essen.example"}).context["page"]] == [
        "Hans Becker"
    ]


def test_merging_two_records_of_one_person_moves_registrations_and_attendance(staff_client, staff):
    first, second = f.session(), f.session()
    kept = registration_staff_add(
        actor=staff, session=first, name="Marie Dupont", email="marie@bordeaux.example"
    ).person
    other_reg = registration_staff_add(
        actor=staff, session=second, name="M. Dupont", email="m.dupont@gmail.example"
    )
    other = other_reg.person
    registration_staff_add(
        actor=staff, session=first, name="M. Dupont", email="m.dupont@gmail.example"
    )
    Attendance.objects.create(
        session=second, key=f"person:{other.pk}", person=other, registration=other_reg,
        name="M. Dupont", minutes=70, attended=True,
    )  # fmt: skip
    url = reverse("directory_pages:person-merge", args=[kept.pk])
    response = staff_client.post(url, {"email": "nobody@x.example"})
    assert response.status_code == 400
    response = staff_client.post(url, {"email": "M.Dupont@gmail.example"})
    assert response.status_code == 302
    assert not Person.objects.filter(pk=other.pk).exists()
    registrations = Registration.objects.filter(person=kept)
    assert sorted(r.session_id for r in registrations) == sorted([first.pk, second.pk])
    assert set(registrations.values_list("status", flat=True)) == {RegistrationStatus.CONFIRMED}
    row = Attendance.objects.get(session=second)
    assert row.person == kept and row.registration.person == kept
    entry = AuditLog.objects.get(code="directory.person.merged")
    assert entry.details["other_email"] == "m.dupont@gmail.example"
    assert entry.details["attendance_moved"] == 1


def test_merging_people_who_both_attended_one_session_combines_their_rows(staff):
    session = f.session()
    kept = registration_staff_add(
        actor=staff, session=session, name="A", email="a@x.example"
    ).person
    other = registration_staff_add(
        actor=staff, session=session, name="A bis", email="a@y.example"
    ).person
    for person, minutes in ((kept, 30), (other, 50)):
        Attendance.objects.create(
            session=session, key=f"person:{person.pk}", person=person, name=person.name,
            minutes=minutes,
        )  # fmt: skip
    person_merge(actor=staff, kept=kept, other=other)
    assert Attendance.objects.filter(session=session).count() == 1
    assert Registration.objects.filter(session=session).count() == 1
    assert Attendance.objects.get(session=session).person == kept


def test_an_empty_search_matches_nothing_and_words_match_in_any_order():
    org("Ville de Liège")
    org("Stadt Essen", country="DE")
    assert not organisations_matching("  ").exists()
    assert organisations_matching("LIEGE ville").get().name == "Ville de Liège"
    assert organisations_matching("essen").get().name == "Stadt Essen"


def test_the_people_list_and_an_organisation_page_take_the_same_queries_for_more_people(
    staff_client,
):
    liege = f.member_city()

    def count(url: str) -> int:
        with CaptureQueriesContext(connection) as queries:
            assert staff_client.get(url).status_code == 200
        return len(queries)

    people_url = reverse("directory_staff:people")
    org_url = reverse("directory_pages:organisation", args=[liege.pk])
    person_create(actor=None, email="p0@liege.example", name="P 0", organisation=liege)
    few = (count(people_url), count(org_url))
    for n in range(1, 10):
        person_create(actor=None, email=f"p{n}@liege.example", name=f"P {n}", organisation=liege)
    assert (count(people_url), count(org_url)) == few
