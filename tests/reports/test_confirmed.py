""" "Registered" means confirmed (issue #14, section 6), counted by hand.

One series, two sessions a week ahead: "full" has two seats, "open" has no limit.

    Ana     full   confirmed by the mail link                       counted
    Dan     full   added by staff (email vouched: confirmed)        counted
    Cleo    full   waitlisted (full by then), confirmed by the link counted
    Eva     full   waitlisted, never confirmed                      awaiting confirmation
    Ben     open   seat held, never confirmed (pending)             awaiting confirmation
    Finn    open   never confirmed, the 48-hour hold ran out        lapsed: neither
    Gus     open   confirmed, then cancelled                        neither

Registrants 3 (Ana, Dan, Cleo); registrations 3 (all for "full"; "open" has none);
awaiting confirmation 2 (Eva, Ben) until they lapse.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from convene.programme.services import series_create, session_create
from convene.registrations.models import Registration, RegistrationStatus
from convene.registrations.services import (
    RegistrantIn,
    registration_cancel,
    registration_request_confirm,
    registration_request_create,
    registration_staff_add,
    registrations_lapse,
)
from convene.reports.explain import figure_rows
from convene.reports.models import ReportSnapshot
from convene.reports.rows import report_rows
from convene.reports.scope import scope_get
from convene.reports.selectors import report_figures

pytestmark = pytest.mark.django_db


def _register(series, session, name, *, confirm):
    request = registration_request_create(
        series=series,
        sessions=[session],
        registrant=RegistrantIn(
            name=name.title(),
            email=f"{name}@city.example",
            country="BE",
            consent_version="2026-11",
        ),
        send_request_mail=False,
    )
    if confirm:
        registration_request_confirm(request=request)
    return Registration.objects.get(person__email=f"{name}@city.example", session=session)


@pytest.fixture
def network(db, staff):
    series = series_create(actor=None, slug="rule", title="The confirmed rule")
    starts = timezone.now() + dt.timedelta(days=7)
    sessions = {
        slug: session_create(
            actor=None,
            series=series,
            slug=slug,
            title=slug.title(),
            starts_at=starts,
            ends_at=starts + dt.timedelta(hours=1),
            status="published",
            capacity=capacity,
        )
        for slug, capacity in (("full", 2), ("open", None))
    }
    full, room = sessions["full"], sessions["open"]
    rows = {
        "ana": _register(series, full, "ana", confirm=True),
        "dan": registration_staff_add(
            actor=staff, session=full, name="Dan", email="dan@city.example"
        ),
        "cleo": _register(series, full, "cleo", confirm=True),
        "eva": _register(series, full, "eva", confirm=False),
        "ben": _register(series, room, "ben", confirm=False),
        "finn": _register(series, room, "finn", confirm=False),
        "gus": _register(series, room, "gus", confirm=True),
    }
    Registration.objects.filter(pk=rows["finn"].pk).update(
        hold_until=timezone.now() - dt.timedelta(minutes=1)
    )
    assert registrations_lapse() == 1
    registration_cancel(actor=None, registration=rows["gus"])
    states = dict(Registration.objects.values_list("person__email", "status"))
    assert states == {
        "ana@city.example": RegistrationStatus.CONFIRMED,
        "dan@city.example": RegistrationStatus.CONFIRMED,
        "cleo@city.example": RegistrationStatus.WAITLISTED,
        "eva@city.example": RegistrationStatus.WAITLISTED,
        "ben@city.example": RegistrationStatus.PENDING,
        "finn@city.example": RegistrationStatus.LAPSED,
        "gus@city.example": RegistrationStatus.CANCELLED,
    }
    return series, sessions


def test_only_confirmed_registrations_count(network):
    scope = scope_get(series="rule")
    figures = report_figures(scope=scope)
    assert figures.registrants == 3  # Ana, Dan, Cleo
    assert figures.registrations == 3
    assert {line.slug: line.registrations for line in figures.session_lines} == {
        "full": 3,
        "open": 0,
    }
    rows = figure_rows(scope=scope, figure="registrations")
    assert sorted(rows.values_list("person__name", flat=True)) == ["Ana", "Cleo", "Dan"]
    awaiting = report_rows(scope).awaiting
    assert sorted(awaiting.values_list("person__name", flat=True)) == ["Ben", "Eva"]


def test_the_page_shows_awaiting_confirmation_apart(network, staff_client):
    html = staff_client.get("/staff/reports/", {"series": "rule"}).content.decode()
    assert 'data-figure="registrants">' in html
    assert "Awaiting confirmation: 2 registrations" in html


def test_awaiting_confirmation_ends_when_they_lapse_or_confirm(network, staff_client):
    series, sessions = network
    registration_request_confirm(
        request=Registration.objects.get(person__email="ben@city.example").request
    )
    scope = scope_get(series="rule")
    assert report_figures(scope=scope).registrants == 4  # Ben confirmed: he counts now
    assert report_rows(scope).awaiting.count() == 1  # Eva
    assert registrations_lapse(now=timezone.now() + dt.timedelta(hours=49)) == 1  # Eva
    assert report_rows(scope).awaiting.count() == 0
    assert report_figures(scope=scope).registrants == 4
    html = staff_client.get("/staff/reports/", {"series": "rule"}).content.decode()
    assert "Awaiting confirmation: 0 registrations" in html


def test_a_frozen_report_keeps_what_it_counted(network, staff_client):
    staff_client.post(
        "/staff/reports/snapshots/new/",
        {"series": "rule", "represented": "registrants", "title": "Before Ben confirmed"},
    )
    snapshot = ReportSnapshot.objects.get()
    assert snapshot.document["figures"]["registrants"] == 3
    registration_request_confirm(
        request=Registration.objects.get(person__email="ben@city.example").request
    )
    frozen = staff_client.get(f"/staff/reports/snapshots/{snapshot.pk}/").content.decode()
    assert 'data-figure="registrants">3<' in frozen
    assert "Awaiting confirmation" not in frozen  # not part of what was frozen
    # A document frozen under the previous definitions renders its stored figures as they are.
    old = {**snapshot.document, "definitions_version": "1"}
    old["figures"] = {**old["figures"], "registrants": 5}
    ReportSnapshot.objects.filter(pk=snapshot.pk).update(document=old, definitions_version="1")
    frozen = staff_client.get(f"/staff/reports/snapshots/{snapshot.pk}/").content.decode()
    assert 'data-figure="registrants">5<' in frozen and "version 1 of the definitions" in frozen
