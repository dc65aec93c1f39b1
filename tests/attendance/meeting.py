"""Attendance is taken only for a session that has started, from a file of the session's day.
Tests register people while a session is ahead, then hold the meeting (:func:`held`)."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from convene.programme.models import Session
from convene.programme.services import session_update

#: The day of the Zoom sample and of ``importing.at()``.
HELD_ON = dt.date(2020, 4, 14)


def held(session: Session, on: dt.date | None = None) -> Session:
    """The meeting took place on ``on`` (default 14 April 2020) at 14:00 in the session's zone,
    with the same length. A session that has already started is left as it is. The caller's
    object follows the change."""
    if session.starts_at <= timezone.now():
        return session
    day = on if on is not None and on < timezone.localdate() else HELD_ON
    starts = dt.datetime.combine(day, dt.time(14, 0), tzinfo=session.zone)
    session_update(
        actor=None,
        session=session,
        starts_at=starts,
        ends_at=starts + (session.ends_at - session.starts_at),
    )
    session.refresh_from_db()
    return session
