"""Mails to registrants, queued with the transaction (sent only if it commits, see
``enqueue_with_transaction``) and rendered by the worker in the registrant's language. Tasks take
ids, so a mail shows the data as it is when it is sent."""

from __future__ import annotations

from convene.core.tasks import enqueue_with_transaction
from convene.registrations.tasks import (
    send_manage_link_task,
    send_registration_mail_task,
    send_session_change_mails_task,
    send_session_message_task,
)


def on_commit_request_created(request_id: int) -> None:
    enqueue_with_transaction(send_registration_mail_task, kind="request", object_id=request_id)


def on_commit_request_confirmed(request_id: int) -> None:
    enqueue_with_transaction(send_registration_mail_task, kind="confirmed", object_id=request_id)


def on_commit_promoted(registration_id: int) -> None:
    enqueue_with_transaction(
        send_registration_mail_task, kind="promoted", object_id=registration_id
    )


def on_commit_cancelled(registration_id: int, *, seat: bool) -> None:
    """``seat``: the registration held a seat, so the mail carries the calendar file that
    removes it."""
    enqueue_with_transaction(
        send_registration_mail_task, kind="cancelled", object_id=registration_id, seat=seat
    )


def on_commit_session_changed(session_id: int, *, cancelled: bool) -> None:
    """Tell everyone who confirmed that a session changed or was cancelled."""
    enqueue_with_transaction(
        send_session_change_mails_task, session_id=session_id, cancelled=cancelled
    )


def on_commit_manage_link(person_id: int) -> None:
    """Mail a fresh "my registrations" link."""
    enqueue_with_transaction(send_manage_link_task, person_id=person_id)


def on_commit_session_message(registration_id: int, *, subject: str, message: str) -> None:
    """A staff message to one confirmed registrant."""
    enqueue_with_transaction(
        send_session_message_task,
        registration_id=registration_id,
        subject=subject,
        message=message,
    )
