"""Periodic jobs that apps above registrations add to ``convene tick`` (registrations runs
them after its own). A job takes ``now`` and returns how many things it did; it must be safe
to run from several workers at once, and decides itself how often it acts (a daily job claims
its day)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

PeriodicJob = Callable[..., int]

#: (name, job) in the order they were registered.
REGISTERED: list[tuple[str, PeriodicJob]] = []


def periodic_job_register(name: str, job: PeriodicJob) -> None:
    """Add ``job`` to the periodic jobs (once; call it from ``AppConfig.ready``)."""
    if all(existing != name for existing, _job in REGISTERED):
        REGISTERED.append((name, job))


def registered_jobs() -> tuple[tuple[str, Any], ...]:
    return tuple(REGISTERED)
