"""Background jobs of the core app. Tasks take plain values (ids, strings), never model
instances, so a job queued before a change reads the data as it is when it runs."""

from __future__ import annotations

from collections.abc import Callable

from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django_tasks import task


@task()
def send_mail_task(
    *, subject: str, body: str, to: list[str], html: str = "", reply_to: list[str] | None = None
) -> int:
    """Send one mail through the configured backend (the outbox by default)."""
    message = EmailMultiAlternatives(subject=subject, body=body, to=to, reply_to=reply_to)
    if html:
        message.attach_alternative(html, "text/html")
    return message.send()


def enqueue_with_transaction(enqueue: Callable[[], object]) -> None:
    """Queue a job so that it exists only if the current transaction commits.

    With the database queue the job row is written inside the transaction itself (a
    transactional outbox: it commits or rolls back with the data, and costs no second write
    transaction). Any other backend (the immediate one of ``make demo``) runs the job, so it
    waits for the commit.
    """
    from django_tasks import DEFAULT_TASK_BACKEND_ALIAS, task_backends
    from django_tasks_db import DatabaseBackend

    # The backend itself: ``default_task_backend`` is a proxy, which is never an instance of it.
    if isinstance(task_backends[DEFAULT_TASK_BACKEND_ALIAS], DatabaseBackend):
        enqueue()
    else:
        transaction.on_commit(enqueue)
