"""Registrations per day on the dashboard: every day since the session was published or its
series announced, not only the last few days that had registrations."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from convene.pages.dashboard import MAX_DAYS, day_bars, span_start
from convene.programme.models import Session
from convene.registrations.models import Registration
from convene.registrations.services import registration_staff_add
from tests import factories as f

D = dt.date(2027, 1, 10)


def test_every_day_of_the_span_is_shown_with_zeros():
    bars = day_bars(
        [(D, 2), (D + dt.timedelta(days=3), 4)],
        start=D - dt.timedelta(days=1),
        end=D + dt.timedelta(days=4),
    )
    assert [b.registrations for b in bars] == [0, 2, 0, 0, 4, 0]
    assert [b.percent for b in bars] == [0, 50, 0, 0, 100, 0]
    assert [b.x for b in bars] == list(range(6))
    assert bars[4].y == 0 and bars[0].y == 100


def test_registrations_before_the_span_count_on_its_first_day():
    bars = day_bars([(D - dt.timedelta(days=5), 1), (D, 1)], start=D, end=D + dt.timedelta(days=1))
    assert [b.registrations for b in bars] == [2, 0]


def test_a_very_long_span_keeps_its_last_days():
    bars = day_bars([], start=D - dt.timedelta(days=1000), end=D)
    assert len(bars) == MAX_DAYS and bars[-1].day == D


def test_the_span_starts_at_the_earliest_of_announcement_publication_and_first_registration():
    session = Session(published_at=dt.datetime(2027, 1, 5, 12, tzinfo=dt.UTC))
    announced = dt.datetime(2027, 1, 3, 12, tzinfo=dt.UTC)
    assert span_start(session=session, announced=announced, first_day=D) == dt.date(2027, 1, 3)
    assert span_start(session=session, announced=None, first_day=dt.date(2027, 1, 1)) == dt.date(
        2027, 1, 1
    )
    assert span_start(session=Session(), announced=None, first_day=None) is None


@pytest.mark.django_db
def test_the_dashboard_shows_every_day_since_publication(staff_client: Client, staff):
    session = f.session(f.series(), days=30, title="Night-time economy")
    published = timezone.now() - dt.timedelta(days=40)
    Session.objects.filter(pk=session.pk).update(published_at=published)
    registration = registration_staff_add(
        actor=staff, session=session, name="Ana", email="ana@city.example"
    )
    Registration.objects.filter(pk=registration.pk).update(
        created_at=timezone.now() - dt.timedelta(days=20)
    )
    body = staff_client.get("/staff/").content.decode()
    assert body.count("<rect ") == 41  # 40 days ago up to today
    since = timezone.localdate(published)
    assert f"since {since.day} " in body
    assert body.count('<tr><th scope="row">') >= 41
    assert "style=" not in body


@pytest.mark.django_db
def test_a_draft_without_registrations_has_no_chart(staff_client: Client):
    f.session(f.series(), status="draft", title="Still a draft")
    body = staff_client.get("/staff/").content.decode()
    assert "Still a draft" in body and "No registrations yet." in body
