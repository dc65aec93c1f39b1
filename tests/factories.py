"""Builders for test data, going through the services like real code does.

Plain functions, not factory_boy: every object is made by its service (validation, audit
entry and all), each builder is a few lines with defaults a test overrides by keyword, and
nothing here needs factory_boy's sub-factories, traits or build strategies.
"""

from __future__ import annotations

import datetime as dt
import itertools

from django.utils import timezone

from convene.directory.models import Organisation
from convene.directory.services import MembershipPeriod, organisation_create
from convene.programme.models import Series, Session
from convene.programme.services import series_create, session_create
from convene.registrations.services import RegistrantIn

_n = itertools.count(1)


def series(**kwargs: object) -> Series:
    n = next(_n)
    values: dict = {"slug": f"series-{n}", "title": f"Lockdown webconferences {n}"}
    values.update(kwargs)
    return series_create(actor=None, **values)


def session(
    series_obj: Series | None = None, *, days: float = 7, hours: float = 1.5, **kw
) -> Session:
    n = next(_n)
    starts = kw.pop("starts_at", None) or timezone.now() + dt.timedelta(days=days)
    values: dict = {
        "series": series_obj or series(),
        "slug": f"session-{n}",
        "title": f"Session {n}",
        "starts_at": starts,
        "ends_at": starts + dt.timedelta(hours=hours),
        "status": "published",
        "join_url": "https://video.example/room-1",
        "languages": ["en", "fr"],
    }
    values.update(kw)
    return session_create(actor=None, **values)


def registrant(email: str | None = None, **kw: object) -> RegistrantIn:
    n = next(_n)
    values: dict = {
        "name": f"Registrant {n}",
        "email": email or f"person{n}@city{n}.example",
        "organisation": "Ville de Liège",
        "country": "BE",
        "language": "en",
        "consent_version": "2026-11",
    }
    values.update(kw)
    return RegistrantIn(**values)


def member_city(name: str = "Ville de Liège", domain: str = "liege.example") -> Organisation:
    return organisation_create(
        actor=None,
        name=name,
        kind="local_authority",
        country="BE",
        domains=[domain],
        memberships=[MembershipPeriod(dt.date(2010, 1, 1))],
    )


def seed_topics() -> None:
    """The taxonomy migration 0002 installs, again: a transactional test may start after another
    one flushed it. Names are translated content (English and French)."""
    import importlib

    from convene.programme.models import Topic

    topics = importlib.import_module("convene.programme.migrations.0002_topics").TOPICS
    for slug, name, name_fr in topics:
        Topic.objects.get_or_create(slug=slug, defaults={"name": {"en": name, "fr": name_fr}})
