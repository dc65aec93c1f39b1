"""Mails to registrants, queued with the transaction (sent only if it commits) and rendered by
the worker in the registrant's language. Tasks take ids, so a mail shows the data as it is
when it is sent."""

from __future__ import annotations

from functools import partial

from convene.core.tasks import enqueue_with_transaction


def _enqueue(kind: str, object_id: int) -> None:
    from convene.registrations.tasks import send_registration_mail_task

    send_registration_mail_task.enqueue(kind=kind, object_id=object_id)


def on_commit_request_created(request_id: int) -> None:
    enqueue_with_transaction(partial(_enqueue, "request", request_id))


def on_commit_request_confirmed(request_id: int) -> None:
    enqueue_with_transaction(partial(_enqueue, "confirmed", request_id))


def on_commit_promoted(registration_id: int) -> None:
    enqueue_with_transaction(partial(_enqueue, "promoted", registration_id))


def on_commit_cancelled(registration_id: int) -> None:
    enqueue_with_transaction(partial(_enqueue, "cancelled", registration_id))


def on_commit_session_changed(session_id: int, *, cancelled: bool) -> None:
    """Tell everyone still registered that a session changed or was cancelled."""

    def enqueue() -> None:
        from convene.registrations.tasks import send_session_change_mails_task

        send_session_change_mails_task.enqueue(session_id=session_id, cancelled=cancelled)

    enqueue_with_transaction(enqueue)
