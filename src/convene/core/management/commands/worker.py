"""``convene worker``: run background jobs from the database queue (django-tasks)."""

from django_tasks_db.management.commands.db_worker import Command as DbWorkerCommand


class Command(DbWorkerCommand):
    help = "Run background jobs from the database queue. Start several for more throughput."
