"""Background jobs: queued in the database, run by `convene worker`."""

import pytest
from django.core.management import call_command

from convene.core.mail import outbox_list
from convene.core.tasks import send_mail_task

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def database_queue(settings):
    settings.TASKS = {"default": {"BACKEND": "convene.core.queue.DatabaseQueue"}}


def test_job_waits_in_the_queue_until_the_worker_runs_it(database_queue):
    result = send_mail_task.enqueue(
        subject="Reminder", body="Tomorrow at 14:00", to=["m@x.example"]
    )
    assert outbox_list() == []
    call_command("worker", "--batch", "--no-startup-delay", verbosity=0)
    result.refresh()
    assert result.status == "SUCCESSFUL"
    assert result.return_value == 1
    assert [m.subject for m in outbox_list()] == ["Reminder"]


def test_immediate_backend_runs_at_once(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    send_mail_task.enqueue(subject="Now", body="…", to=["m@x.example"])
    assert [m.subject for m in outbox_list()] == ["Now"]


def test_database_queue_job_lives_and_dies_with_the_transaction(database_queue):
    from django.db import connection, transaction
    from django_tasks_db.models import DBTaskResult

    from convene.core.tasks import enqueue_with_transaction

    def queue() -> None:
        send_mail_task.enqueue(subject="S", body="B", to=["m@x.example"])

    with pytest.raises(RuntimeError), transaction.atomic():
        enqueue_with_transaction(queue)
        raise RuntimeError("the service failed after queueing")
    assert DBTaskResult.objects.count() == 0
    with transaction.atomic():
        enqueue_with_transaction(queue)
        # Written by the transaction itself, not by a commit hook after it.
        assert DBTaskResult.objects.count() == 1
        assert not connection.run_on_commit
    assert DBTaskResult.objects.count() == 1


def test_immediate_backend_waits_for_the_commit(settings):
    from django.db import transaction

    from convene.core.tasks import enqueue_with_transaction

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    with transaction.atomic():
        enqueue_with_transaction(
            lambda: send_mail_task.enqueue(subject="Later", body="…", to=["m@x.example"])
        )
        assert outbox_list() == []
    assert [m.subject for m in outbox_list()] == ["Later"]


def test_queue_writes_the_row_the_stock_backend_writes(settings):
    """Our backend writes job rows with a prepared INSERT; they must stay the rows django-tasks-db
    writes itself (its pre_save handler included), so its worker runs them."""
    from datetime import timedelta

    from django.utils import timezone
    from django_tasks_db.models import DBTaskResult

    later = timezone.now() + timedelta(hours=2)

    def rows(backend: str) -> list[dict]:
        settings.TASKS = {"default": {"BACKEND": backend, "QUEUES": ["default", "mail"]}}
        send_mail_task.enqueue(subject="S", body="B", to=["m@x.example"])
        send_mail_task.using(priority=7, queue_name="mail", run_after=later).enqueue(
            subject="Later", body="B", to=["m@x.example"]
        )
        written = list(DBTaskResult.objects.order_by("enqueued_at").values())
        DBTaskResult.objects.all().delete()
        return [{k: v for k, v in r.items() if k not in {"id", "enqueued_at"}} for r in written]

    assert rows("convene.core.queue.DatabaseQueue") == rows("django_tasks_db.DatabaseBackend")


def test_queue_returns_the_result_the_stock_backend_returns(settings):
    """Our backend builds the enqueued job's result from the task in hand; it must equal what
    django-tasks-db builds from the row (which imports the task again by its path)."""
    from dataclasses import fields
    from datetime import timedelta

    from django.utils import timezone

    later = timezone.now() + timedelta(hours=2)

    def results(backend: str) -> list[dict]:
        settings.TASKS = {"default": {"BACKEND": backend, "QUEUES": ["default", "mail"]}}
        got = [
            send_mail_task.enqueue(subject="S", body="B", to=["m@x.example"]),
            send_mail_task.using(priority=7, queue_name="mail", run_after=later).enqueue(
                subject="Later", body="B", to=["m@x.example"]
            ),
        ]
        assert [r.id for r in got] == [str(r.db_result.id) for r in got]
        assert [r.task for r in got] == [r.db_result.task for r in got]
        return [
            {
                **{f.name: getattr(r, f.name) for f in fields(r) if f.name not in skip},
                "return_value": r._return_value,
                "db_result": r.db_result.pk is not None,
            }
            for r in got
        ]

    skip = {"id", "enqueued_at", "db_result", "_return_value"}
    assert results("convene.core.queue.DatabaseQueue") == results("django_tasks_db.DatabaseBackend")
