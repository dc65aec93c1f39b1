"""The engine adapter: the resolution engine (``convene.resolution``, pure Python) fed with the
directory. Applying its answers to people is a write: ``convene.directory.services.resolve``.

Each process keeps one engine. It is rebuilt when the directory changes: directory services
bump a version in the cache (shared across hosts with Redis), and a process also rebuilds at
least every ``MAX_AGE`` seconds, so a per-process cache never stays stale for long.
"""

from __future__ import annotations

import datetime as dt
import threading
import time
from dataclasses import dataclass

from django.core.cache import cache
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone

from convene.directory.models import (
    Membership,
    Organisation,
)
from convene.directory.selectors import membership_on_q
from convene.resolution import types as engine_types
from convene.resolution.engine import Resolver
from convene.resolution.engine.batch import regroup_new

VERSION_KEY = "convene:directory:version"
MAX_AGE = 60.0

_lock = threading.Lock()


@dataclass
class _Cached:
    resolver: Resolver
    version: object
    built_at: float


_state: dict[str, _Cached] = {}


def directory_changed() -> None:
    """Tell every process to rebuild its engine once the current transaction commits."""

    def bump() -> None:
        try:
            cache.incr(VERSION_KEY)
        except ValueError:
            cache.set(VERSION_KEY, 1, timeout=None)
        _state.pop("resolver", None)

    transaction.on_commit(bump)


def forget_engine() -> None:
    """Drop this process's engine; the next resolution rebuilds it from the database."""
    _state.pop("resolver", None)


def _snapshot(today: dt.date) -> list[engine_types.Organisation]:
    members = Membership.objects.filter(membership_on_q(today), organisation=OuterRef("pk"))
    organisations = (
        Organisation.objects.annotate(is_member=Exists(members))
        .prefetch_related("aliases", "domains")
        .order_by("pk")
    )
    return [
        engine_types.Organisation(
            id=str(o.pk),
            name=o.name,
            kind=o.kind,
            country=o.country,
            member=bool(o.is_member),
            aliases=tuple(a.name for a in o.aliases.all()),
            domains=tuple(d.domain for d in o.domains.all()),
        )
        for o in organisations
    ]


def resolver() -> Resolver:
    """This process's engine, rebuilt when the directory changed or it is older than MAX_AGE."""
    version = cache.get(VERSION_KEY)
    cached = _state.get("resolver")
    if cached and cached.version == version and time.monotonic() - cached.built_at < MAX_AGE:
        return cached.resolver
    with _lock:
        cached = _state.get("resolver")
        if cached and cached.version == version and time.monotonic() - cached.built_at < MAX_AGE:
            return cached.resolver
        built = Resolver(_snapshot(timezone.localdate()))
        _state["resolver"] = _Cached(built, version, time.monotonic())
        return built


def resolve_batch(rows: list[tuple[str, str, str]]) -> list[engine_types.Resolution]:
    """(text, email, country) rows resolved as one batch (an import): as ``resolve_text`` each,
    then the new organisations several rows name in different spellings grouped as one
    (``convene.resolution.engine.batch``)."""
    engine = resolver()
    registrants = [
        engine_types.Registrant(row_id=str(i), organisation=text, email=email, country=country)
        for i, (text, email, country) in enumerate(rows)
    ]
    return regroup_new(engine, registrants, engine.resolve_many(registrants))


def resolve_text(*, text: str, email: str = "", country: str = "") -> engine_types.Resolution:
    return resolver().resolve(
        engine_types.Registrant(row_id="0", organisation=text, email=email, country=country)
    )
