"""Django's PostgreSQL backend, with the per-request health check done on the socket.

With ``CONN_HEALTH_CHECKS``, Django sends ``SELECT 1`` before the first query of every
request that reuses a connection, so that a connection the server dropped (a restart, an
administrator's ``pg_terminate_backend``) is replaced instead of failing the request. That
round trip cost about 8% of a registration's time in the workers, plus the server's work.

A server that ends a connection sends an error and closes the socket, so an idle connection's
socket becomes readable. Here the check first asks the kernel, without waiting, whether
anything has arrived. Nothing arrived, and the connection was checked less than
``QUIET_FOR`` seconds ago: it is as the last request left it, and no query is sent. Something
arrived, the connection has been idle longer, or it is in an unexpected state: Django's own
``SELECT 1`` decides, as before.

What the socket cannot show is a connection dropped without a word: a NAT or load balancer
that forgot it, a failover that moved the server's address. There the next packet gets a
reset, which ``SELECT 1`` would have caught. Such drops follow minutes of idleness, which the
age bound covers; one within ``QUIET_FOR`` seconds of use fails that request's first query,
once per worker, as it would without health checks.
"""

from __future__ import annotations

import select
import time
from typing import Any

from django.db.backends.postgresql import base
from psycopg import pq

# A connection checked this recently, with nothing from the server since, is not asked again.
QUIET_FOR = 5.0

# django-stubs does not declare the backend's health-check hooks overridden below.
_DjangoWrapper: Any = base.DatabaseWrapper


class DatabaseWrapper(_DjangoWrapper):
    health_check_done: bool
    _checked_at = 0.0  # when this connection last passed a check (0: never)

    def _idle_and_quiet(self) -> bool:
        """True when the connection is open, idle outside a transaction, and the server has
        sent nothing since its last answer."""
        connection = self.connection
        if connection.closed or connection.broken:
            return False
        if connection.info.transaction_status != pq.TransactionStatus.IDLE:
            return False
        if not hasattr(select, "poll"):  # pragma: no cover (not on Windows)
            return False
        poller = select.poll()
        try:
            poller.register(connection.fileno(), select.POLLIN | select.POLLPRI)
            return not poller.poll(0)
        except (OSError, ValueError):
            return False

    def close_if_health_check_failed(self) -> None:
        if (
            self.pool
            or self.connection is None
            or not self.health_check_enabled
            or self.health_check_done
        ):
            return super().close_if_health_check_failed()
        recently = time.monotonic() - self._checked_at < QUIET_FOR
        if not (recently and self._idle_and_quiet()) and not self.is_usable():
            self.close()
        self._checked_at = time.monotonic()
        self.health_check_done = True
