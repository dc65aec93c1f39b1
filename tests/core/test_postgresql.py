"""The PostgreSQL backend's health check: no round trip on a quiet connection, a fresh
connection when the server ended the old one. Against the real server, on a second connection
that the tests' transaction does not hold."""

from __future__ import annotations

import select
from collections.abc import Iterator

import pytest
from django.db import connection, connections
from django.db.backends.base.base import BaseDatabaseWrapper


@pytest.fixture
def checked(django_db_setup, django_db_blocker) -> Iterator[BaseDatabaseWrapper]:
    """A connection to the test database, set up as the site's (health checks on), outside
    any test transaction."""
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only")
    connections.settings["checked"] = {
        **connections.settings["default"],
        "CONN_MAX_AGE": 60,
        "CONN_HEALTH_CHECKS": True,
    }
    with django_db_blocker.unblock():
        try:
            yield connections["checked"]
        finally:
            connections["checked"].close()
            del connections["checked"]
            del connections.settings["checked"]
            connection.close()  # opened outside a test transaction by last_statement()


def new_request(wrapper: BaseDatabaseWrapper) -> None:
    """What Django does between two requests (the request_started/finished signals)."""
    wrapper.close_if_unusable_or_obsolete()


def ask(wrapper: BaseDatabaseWrapper, sql: str) -> object:
    with wrapper.cursor() as cursor:
        cursor.execute(sql)
        return cursor.fetchone()[0]


def last_statement(pid: int) -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT query FROM pg_stat_activity WHERE pid = %s", [pid])
        return str(cursor.fetchone()[0])


def test_a_quiet_connection_is_checked_without_a_query(checked):
    assert checked.settings_dict["ENGINE"] == "convene.core.postgresql"
    ask(checked, "SELECT 'connected'")
    pid = checked.connection.info.backend_pid
    new_request(checked)
    assert ask(checked, "SELECT 'first request'") == "first request"  # checked with SELECT 1
    new_request(checked)
    checked.close_if_health_check_failed()  # what the next request's first cursor does
    assert last_statement(pid) == "SELECT 'first request'"  # Django's check sends SELECT 1
    assert ask(checked, "SELECT 'second request'") == "second request"
    assert checked.connection.info.backend_pid == pid


def test_a_connection_idle_for_long_is_asked(checked, monkeypatch):
    ask(checked, "SELECT 'connected'")
    new_request(checked)
    ask(checked, "SELECT 'first request'")
    pid = checked.connection.info.backend_pid
    monkeypatch.setattr("convene.core.postgresql.base.QUIET_FOR", 0.0)  # "long ago"
    new_request(checked)
    checked.close_if_health_check_failed()
    assert last_statement(pid) == "SELECT 1"


def test_a_connection_the_server_ended_is_replaced(checked):
    ask(checked, "SELECT 1")
    pid = checked.connection.info.backend_pid
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_terminate_backend(%s)", [pid])
    # The server's goodbye reaches the socket shortly after.
    poller = select.poll()
    poller.register(checked.connection.fileno(), select.POLLIN)
    assert poller.poll(5000)

    new_request(checked)
    assert ask(checked, "SELECT 'after the restart'") == "after the restart"
    assert checked.connection.info.backend_pid != pid
