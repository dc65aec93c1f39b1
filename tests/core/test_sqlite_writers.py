"""SQLite writers queue on a kernel lock: held for exactly a write transaction, by real
connections to a database file, in threads."""

from __future__ import annotations

import fcntl
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from django.db import IntegrityError, OperationalError, connection, connections, transaction

pytestmark = pytest.mark.skipif(not hasattr(fcntl, "flock"), reason="the queue needs flock (POSIX)")


@pytest.fixture
def database(tmp_path: Path, django_db_blocker) -> Iterator[Callable[[str], str]]:
    """A factory of connection aliases to one SQLite file, as the site configures it."""
    path = tmp_path / "queue.sqlite3"
    aliases: set[str] = set()

    def alias(name: str, timeout: int = 20) -> str:
        connections.settings[name] = {
            **connections.settings["default"],
            "ENGINE": "convene.core.sqlite",
            "NAME": str(path),
            "OPTIONS": {"transaction_mode": "IMMEDIATE", "timeout": timeout},
            "CONN_MAX_AGE": 0,
            "CONN_HEALTH_CHECKS": False,
            "TEST": {},
        }
        aliases.add(name)
        return name

    with django_db_blocker.unblock():
        with connections[alias("first")].cursor() as cursor:
            cursor.execute("CREATE TABLE seq (who TEXT, n INTEGER)")
            cursor.execute("CREATE TABLE parent (id INTEGER PRIMARY KEY)")
            cursor.execute(
                "CREATE TABLE child (parent_id INTEGER REFERENCES parent (id)"
                " DEFERRABLE INITIALLY DEFERRED)"
            )
        yield alias
        for name in aliases:
            connections[name].close()
            del connections[name]
            del connections.settings[name]


def queue_is_free(tmp_path: Path) -> bool:
    with open(tmp_path / "queue.sqlite3-writer", "ab") as other:
        try:
            fcntl.flock(other.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        fcntl.flock(other.fileno(), fcntl.LOCK_UN)
        return True


def insert(alias: str, who: str) -> None:
    with connections[alias].cursor() as cursor:
        cursor.execute("INSERT INTO seq VALUES (%s, (SELECT COUNT(*) FROM seq))", [who])


def test_held_for_the_transaction_and_released_on_commit(database, tmp_path):
    name = database("first")
    with transaction.atomic(using=name):
        insert(name, "a")
        assert not queue_is_free(tmp_path)
        with transaction.atomic(using=name):  # a savepoint: no second turn, no deadlock
            insert(name, "b")
        assert not queue_is_free(tmp_path)
    assert queue_is_free(tmp_path)
    insert(name, "autocommit")  # a statement outside a transaction does not queue
    assert queue_is_free(tmp_path)


def test_released_on_rollback_and_when_closed(database, tmp_path):
    name = database("first")
    with pytest.raises(ZeroDivisionError), transaction.atomic(using=name):
        insert(name, "a")
        1 / 0  # noqa: B018
    assert queue_is_free(tmp_path)
    with connections[name].cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM seq")
        assert cursor.fetchone() == (0,)

    with pytest.raises(Exception), transaction.atomic(using=name):  # noqa: B017, PT011
        insert(name, "a")
        connections[name].close()
        insert(name, "after close")
    assert queue_is_free(tmp_path)


def test_a_second_writer_waits_for_the_first_to_commit(database, tmp_path):
    first, second = database("first"), database("second")
    in_transaction, let_commit, waiting = threading.Event(), threading.Event(), threading.Event()
    errors: list[BaseException] = []

    def writer_one() -> None:
        try:
            with transaction.atomic(using=first):
                insert(first, "one")
                in_transaction.set()
                let_commit.wait(10)
        except BaseException as exc:  # pragma: no cover (reported below)
            errors.append(exc)
        finally:
            connections[first].close()

    def writer_two() -> None:
        try:
            in_transaction.wait(10)
            waiting.set()
            with transaction.atomic(using=second):
                insert(second, "two")
        except BaseException as exc:  # pragma: no cover
            errors.append(exc)
        finally:
            connections[second].close()

    threads = [threading.Thread(target=writer_one), threading.Thread(target=writer_two)]
    for thread in threads:
        thread.start()
    waiting.wait(10)
    # The second writer cannot have written: the first holds its turn and SQLite's lock.
    assert not queue_is_free(tmp_path)
    let_commit.set()
    for thread in threads:
        thread.join(20)
    assert not errors
    assert queue_is_free(tmp_path)
    with connections[first].cursor() as cursor:
        cursor.execute("SELECT who, n FROM seq ORDER BY n")
        assert cursor.fetchall() == [("one", 0), ("two", 1)]


def test_a_failed_commit_keeps_the_turn_until_the_rollback(database, tmp_path):
    name = database("first")
    connections[name].ensure_connection()
    connections[name].connection.execute("PRAGMA foreign_keys = ON")
    seen_at_rollback = []
    rollback = connections[name]._rollback

    def watched_rollback() -> None:
        seen_at_rollback.append(queue_is_free(tmp_path))
        rollback()

    connections[name]._rollback = watched_rollback
    with pytest.raises(IntegrityError), transaction.atomic(using=name):
        with connections[name].cursor() as cursor:
            cursor.execute("INSERT INTO child VALUES (99)")  # no parent 99: fails at COMMIT
    assert seen_at_rollback == [False]
    assert queue_is_free(tmp_path)


def test_a_thread_writing_through_two_connections_gets_an_error_not_a_hang(database, tmp_path):
    first, second = database("first"), database("second", timeout=1)
    with transaction.atomic(using=first):
        insert(first, "outer")
        with pytest.raises(OperationalError), transaction.atomic(using=second):
            insert(second, "inner")  # SQLite's lock is taken: the busy timeout answers
    assert queue_is_free(tmp_path)


def test_the_test_database_queues_too(db):
    """The suite's SQLite database is a file, so its live-server tests queue like the site."""
    if connection.vendor != "sqlite":
        pytest.skip("SQLite only")
    assert not connection.is_in_memory_db()
    assert connection._writer_queue() is not None
