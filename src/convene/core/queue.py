"""The database job queue: django-tasks-db's backend, writing each job row with a prepared INSERT.

Registration queues its mail inside its transaction (a transactional outbox), which on SQLite
holds the database's write lock. The stock backend writes the row through ``objects.create`` and
builds the job's result twice; that cost more than all of registration's other writes. The row
written is the same (a test compares it with the stock backend's, column by column).
"""

from __future__ import annotations

from typing import Any

from django_tasks_db import DatabaseBackend
from django_tasks_db.compat import normalize_json, task_enqueued
from django_tasks_db.models import DBTaskResult, get_date_max

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
        result = self._task_to_db_task(task, args, kwargs).task_result
        task_enqueued.send(type(self), task_result=result)
        return result
