"""A session changed: programme changes it, registrations tells the people registered.

Programme sits below registrations and never imports it, so every staff path that changes a
session (the admin, tests, future pages) calls these rather than programme's own services.
"""

from __future__ import annotations

from django.db import transaction

from convene.core.models import User
from convene.programme import services as programme_services
from convene.programme.models import Session, SessionStatus
from convene.registrations.notify import on_commit_session_changed


@transaction.atomic
def session_update_notify(*, actor: User | None, session: Session, **changes: object) -> Session:
    """``programme.services.session_update``, then a mail to everyone who confirmed
    (``confirmed_q``) when anything their calendar shows changed (sent only if the transaction
    commits)."""
    before = Session.objects.select_for_update().get(pk=session.pk)
    session = programme_services.session_update(actor=actor, session=before, **changes)
    if any(getattr(session, f) != getattr(before, f) for f in programme_services.CALENDAR_FIELDS):
        on_commit_session_changed(session.pk, cancelled=session.status == SessionStatus.CANCELLED)
    return session


def session_cancel_notify(*, actor: User | None, session: Session) -> Session:
    return session_update_notify(actor=actor, session=session, status=SessionStatus.CANCELLED)
