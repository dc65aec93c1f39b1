"""Making deleted bytes go away on SQLite: every connection runs with ``secure_delete`` (the
settings' ``init_command``), which overwrites freed space with zeros; after an erasure the
write-ahead log is checkpointed and truncated so no older copy of a page stays in it."""

from __future__ import annotations

from django.db import connection


def storage_forget() -> None:
    """Checkpoint and truncate SQLite's write-ahead log (nothing to do on PostgreSQL, whose
    dead rows VACUUM reclaims). Call after the erasure's transaction committed."""
    if connection.vendor != "sqlite" or connection.in_atomic_block:
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA secure_delete=ON")
        cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
