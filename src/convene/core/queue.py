"""The database job queue: django-tasks-db's backend, writing each job row with a prepared INSERT.

Registration queues its mail inside its transaction (a transactional outbox), which on SQLite
holds the database's write lock. The stock backend writes the row through ``objects.create`` and
builds the job's result twice; that cost more than all of registration's other writes. The row
written is the same (a test compares it with the stock backend's, column by column).
"""

from __future__ import annotations

from typing import Any

from django_tasks_db import DatabaseBackend
from django_tasks_db.backend import TaskResult
from django_tasks_db.compat import TaskResultStatus, normalize_json, task_enqueued
from django_tasks_db.models import DBTaskResult, get_date_max
from django_tasks_db.utils import normalize_uuid

from convene.core.prepared import insert


class DatabaseQueue(DatabaseBackend):
    def _task_to_db_task(self, task: Any, args: Any, kwargs: Any) -> DBTaskResult[Any, Any]:
        row: DBTaskResult[Any, Any] = DBTaskResult(
            id=self._get_id(),
            args_kwargs=normalize_json({"args": args, "kwargs": kwargs}),
            priority=task.priority,
            task_path=task.module_path,
            queue_name=task.queue_name,
            # What the library's pre_save handler does; insert() sends no signal.
            run_after=task.run_after if task.run_after is not None else get_date_max(),
            backend_name=self.alias,
        )
        insert([row])
        return row

    def enqueue(self, task: Any, args: Any, kwargs: Any) -> Any:
        self.validate_task(task)
        result = _task_result(self._task_to_db_task(task, args, kwargs), task)
        task_enqueued.send(type(self), task_result=result)
        return result


def _task_result(row: DBTaskResult[Any, Any], task: Any) -> TaskResult[Any, Any]:
    """What ``row.task_result`` gives for a row just written, from the task in hand. The library
    imports the task again by its path and copies it with the row's priority, queue, run_after
    and backend: the very values the row was written from, so the copy equals ``task``."""
    result: TaskResult[Any, Any] = TaskResult(
        db_result=row,
        task=task,
        id=normalize_uuid(row.id),
        status=TaskResultStatus[row.status],
        enqueued_at=row.enqueued_at,
        started_at=row.started_at,
        last_attempted_at=row.started_at,
        finished_at=row.finished_at,
        args=row.args_kwargs["args"],
        kwargs=row.args_kwargs["kwargs"],
        backend=row.backend_name,
        errors=[],
        worker_ids=row.worker_ids,
    )
    object.__setattr__(result, "_return_value", row.return_value)
    return result
