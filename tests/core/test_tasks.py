"""Background jobs: queued in the database, run by `convene worker`."""

import pytest
from django.core.management import call_command

from convene.core.mail import outbox_list
from convene.core.tasks import send_mail_task

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def database_queue(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


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
        enqueue_with_transaction(send_mail_task, subject="S", body="B", to=["m@x.example"])

    with pytest.raises(RuntimeError), transaction.atomic():
        queue()
        raise RuntimeError("the service failed after queueing")
    assert DBTaskResult.objects.count() == 0
    with transaction.atomic():
        queue()
        # Written by the transaction itself, not by a commit hook after it.
        assert DBTaskResult.objects.count() == 1
        assert not connection.run_on_commit
    assert DBTaskResult.objects.count() == 1


def test_immediate_backend_waits_for_the_commit(settings):
    from django.db import transaction

    from convene.core.tasks import enqueue_with_transaction

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    with transaction.atomic():
        enqueue_with_transaction(send_mail_task, subject="Later", body="…", to=["m@x.example"])
        assert outbox_list() == []
    assert [m.subject for m in outbox_list()] == ["Later"]
    with pytest.raises(RuntimeError), transaction.atomic():
        enqueue_with_transaction(send_mail_task, subject="Never", body="…", to=["m@x.example"])
        raise RuntimeError("the service failed after queueing")
    assert [m.subject for m in outbox_list()] == ["Later"]
