"""Background jobs of the core app. Tasks take plain values (ids, strings), never model
instances, so a job queued before a change reads the data as it is when it runs."""

from __future__ import annotations

from functools import partial
from typing import Any, ParamSpec

from django.conf import settings
from django.db import transaction
from django.utils import translation
from django_tasks import task
from django_tasks.base import Task
from django_tasks_db import DatabaseBackend

from convene.core.mail import ConveneMail, render_html

P = ParamSpec("P")


@task()
def send_mail_task(
    *, subject: str, body: str, to: list[str], html: str = "", reply_to: list[str] | None = None
) -> int:
    """Send one mail through the configured backend (the outbox by default)."""
    message = ConveneMail(subject=subject, body=body, to=to, reply_to=reply_to)
    language = translation.get_language() or settings.LANGUAGE_CODE
    message.attach_alternative(
        html or render_html(body, subject=subject, language=language), "text/html"
    )
    return message.send()


def enqueue_with_transaction(task: Task[P, Any], /, *args: P.args, **kwargs: P.kwargs) -> None:
    """Queue ``task`` so that it runs only if the current transaction commits: the one way
    Convene's code queues a job.

    With django-tasks-db's database backend the job row is written inside the transaction itself
    (a transactional outbox: it commits or rolls back with the data). A backend that runs the
    task at once (the immediate one of ``make demo`` and the tests) is called on commit instead,
    so a rolled-back change sends nothing. Outside a transaction both simply queue the job.
    """
    if isinstance(task.get_backend(), DatabaseBackend):
        task.enqueue(*args, **kwargs)
    else:
        transaction.on_commit(partial(task.enqueue, *args, **kwargs))
