"""Seats: counted from the rows under a lock on the session, held, and given to the waitlist.

Capacity is counted inside a transaction that holds a lock on each session row
(``select_for_update``; on SQLite the IMMEDIATE transaction serialises writers). Sessions are
locked in primary-key order so two requests for the same sessions cannot deadlock.
"""

import datetime as dt
from collections.abc import Sequence

from django.db.models import Count, OuterRef, Q, Subquery
from django.db.models.expressions import CombinedExpression
from django.db.models.functions import Coalesce

from convene.core.audit import audit_record
from convene.core.prepared import Prepared
from convene.directory.models import Person
from convene.directory.selectors import person_is_member_on
from convene.programme.models import AudiencePolicy, Session
from convene.registrations import notify
from convene.registrations.models import (
    Registration,
    RegistrationStatus,
    seat_taken_parts,
)

HOLD = dt.timedelta(hours=48)


def session_day(session: Session) -> dt.date:
    return session.starts_at.astimezone(session.zone).date()


def _rows_of_session(condition: Q) -> Coalesce:
    rows = Registration.objects.filter(condition, session=OuterRef("pk")).order_by()
    return Coalesce(Subquery(rows.values("session").annotate(n=Count("pk")).values("n")), 0)


def _seats_taken_sum(now: object) -> CombinedExpression:
    """The two kinds of seat counted apart (each one range of the index), added up."""
    confirmed, held = seat_taken_parts(now)
    return _rows_of_session(confirmed) + _rows_of_session(held)


_SEATS_TAKEN = Prepared(
    lambda session, now: (
        Session.objects.filter(pk=session).order_by().values_list(_seats_taken_sum(now))
    )
)


def _seats_taken(session: Session, now: dt.datetime) -> int:
    [(taken,)] = _SEATS_TAKEN.rows(session=session.pk, now=now)
    return int(taken)


def _waits_for_release(session: Session, person: Person, now: dt.datetime) -> bool:
    return (
        session.effective_policy == AudiencePolicy.MEMBERS_FIRST
        and now < session.release_at
        and not person_is_member_on(person=person, on=session_day(session))
    )


def _place(
    registration: Registration, session: Session, now: dt.datetime, taken: int | None = None
) -> None:
    """Give ``registration`` a held seat if one is free and policy allows, else the waitlist.

    ``taken`` is the seat count when the caller already has it (counted under the lock)."""
    if session.capacity is None:
        free = True
    else:
        free = (taken if taken is not None else _seats_taken(session, now)) < session.capacity
    if free and not _waits_for_release(session, registration.person, now):
        registration.status = RegistrationStatus.PENDING
        registration.hold_until = now + HOLD
        registration.waitlisted_at = None
    else:
        registration.status = RegistrationStatus.WAITLISTED
        registration.hold_until = None
        registration.waitlisted_at = registration.waitlisted_at or now


_LOCK_FIELDS = (
    "capacity",
    "status",
    "audience_policy",
    "members_first_release_at",
    "starts_at",
    "ends_at",
)


_LOCK_ROWS = Prepared(
    lambda pks: (
        Session.objects.select_for_update()
        .filter(pk__in=pks)
        .order_by("pk")
        .values_list("pk", *_LOCK_FIELDS)
    )
)


def _lock_loaded(sessions: Sequence[Session]) -> list[Session]:
    """Lock the rows of sessions the caller has loaded already, and refresh the fields that
    decide a seat from the locked rows (one light query instead of reloading the sessions)."""
    by_pk = {s.pk: s for s in sessions}
    locked = []
    for pk, *values in _LOCK_ROWS.rows(pks=sorted(by_pk)):
        session = by_pk[pk]
        for name, value in zip(_LOCK_FIELDS, values, strict=True):
            setattr(session, name, value)
        locked.append(session)
    return locked


def _locked_sessions(sessions: Sequence[Session]) -> list[Session]:
    ids = sorted({s.pk for s in sessions})
    return list(
        Session.objects.select_for_update()
        .select_related("series")
        .filter(pk__in=ids)
        .order_by("pk")
    )


def _promote(session: Session, now: dt.datetime) -> list[Registration]:
    """Give free seats to the waitlist in registration order. Call with the session locked.

    Only people who confirmed their email are promoted; under ``members_first`` non-members wait
    until the release date.
    """
    if session.status != "published" or session.ends_at <= now:
        return []
    waiting = session.registrations.filter(
        status=RegistrationStatus.WAITLISTED, request__confirmed_at__isnull=False
    ).select_related("person__organisation")
    free = None if session.capacity is None else session.capacity - _seats_taken(session, now)
    promoted: list[Registration] = []
    for registration in waiting.order_by("waitlisted_at", "created_at", "pk"):
        if free is not None and free <= 0:
            break
        if _waits_for_release(session, registration.person, now):
            continue
        registration.status = RegistrationStatus.CONFIRMED
        registration.confirmed_at = now
        registration.waitlisted_at = None
        registration.save(update_fields=["status", "confirmed_at", "waitlisted_at"])
        audit_record(actor=None, code="registrations.registration.promoted", obj=registration)
        notify.on_commit_promoted(registration.pk)
        promoted.append(registration)
        if free is not None:
            free -= 1
    return promoted
