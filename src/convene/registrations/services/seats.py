"""Seats: counted from the rows under a lock on the session, held, and given to the waitlist.

Capacity is counted inside a transaction that holds a lock on each session row
(``select_for_update``; on SQLite the IMMEDIATE transaction serialises writers). Sessions are
locked in primary-key order so two requests for the same sessions cannot deadlock.
"""

import datetime as dt
from collections.abc import Iterable

from convene.core.audit import audit_record
from convene.directory.models import Person
from convene.directory.selectors import person_is_member_on
from convene.programme.models import AudiencePolicy, Session
from convene.registrations import notify
from convene.registrations.models import Registration, RegistrationStatus, seat_taken_q

HOLD = dt.timedelta(hours=48)


def session_day(session: Session) -> dt.date:
    return session.starts_at.astimezone(session.zone).date()


def lock_sessions(session_ids: Iterable[int]) -> list[Session]:
    """Lock the rows of these sessions until the transaction ends, in primary-key order (so two
    transactions that want the same sessions cannot deadlock), and return them as they are now,
    their series joined (read, not locked)."""
    return list(
        Session.objects.select_for_update(of=("self",))
        .select_related("series")
        .filter(pk__in=sorted(set(session_ids)))
        .order_by("pk")
    )


def _seats_taken(session: Session, now: dt.datetime) -> int:
    """Seats held at ``now``, counted from the rows; call with the session locked."""
    return Registration.objects.filter(seat_taken_q(now), session=session).count()


def _waits_for_release(session: Session, person: Person, now: dt.datetime) -> bool:
    return (
        session.effective_policy == AudiencePolicy.MEMBERS_FIRST
        and now < session.release_at
        and not person_is_member_on(person=person, on=session_day(session))
    )


def _place(registration: Registration, session: Session, now: dt.datetime) -> None:
    """Give ``registration`` a held seat if one is free and policy allows, else the waitlist.
    Call with the session locked."""
    free = session.capacity is None or _seats_taken(session, now) < session.capacity
    if free and not _waits_for_release(session, registration.person, now):
        registration.status = RegistrationStatus.PENDING
        registration.hold_until = now + HOLD
        registration.waitlisted_at = None
    else:
        registration.status = RegistrationStatus.WAITLISTED
        registration.hold_until = None
        registration.waitlisted_at = registration.waitlisted_at or now


def _promote(session: Session, now: dt.datetime) -> list[Registration]:
    """Give free seats to the waitlist in registration order. Call with the session locked.

    Only people who confirmed their place are promoted (``confirmed_at`` set); under
    ``members_first`` non-members wait until the release date.
    """
    if session.status != "published" or session.ends_at <= now:
        return []
    waiting = session.registrations.filter(
        status=RegistrationStatus.WAITLISTED, confirmed_at__isnull=False
    ).select_related("person__organisation")
    free = None if session.capacity is None else session.capacity - _seats_taken(session, now)
    promoted: list[Registration] = []
    for registration in waiting.order_by("waitlisted_at", "created_at", "pk"):
        if free is not None and free <= 0:
            break
        if _waits_for_release(session, registration.person, now):
            continue
        registration.status = RegistrationStatus.CONFIRMED
        registration.waitlisted_at = None
        registration.save(update_fields=["status", "waitlisted_at"])
        audit_record(actor=None, code="registrations.registration.promoted", obj=registration)
        notify.on_commit_promoted(registration.pk)
        promoted.append(registration)
        if free is not None:
            free -= 1
    return promoted
