"""Writers queue for one SQLite file, on a kernel lock.

SQLite lets one transaction write at a time. A writer that finds the write lock taken gets
SQLITE_BUSY, and the busy handler sleeps before it tries again: 1 ms, then 2, 5, 10 ms and so
on. Under load that sleep, not the work, was the largest part of a registration's time (a
third of a gunicorn worker's time was spent inside ``BEGIN IMMEDIATE``).

So every write transaction first takes an exclusive ``flock`` on a file beside the database,
``<database>-writer``. A writer that finds it taken sleeps in the kernel and wakes as soon as
the one before it commits or rolls back. The queue only orders writers: SQLite's own lock still
guards the data, and a program that ignores the queue (the sqlite3 shell, a backup) is held off
by the busy timeout as before.

The kernel drops a process's ``flock`` when the process dies, so a crash never leaves the
queue locked. Like a PostgreSQL row lock, the wait has no timeout of its own: a writer waits
for the transaction before it, however long, and gunicorn's worker timeout bounds a request's
wait. (A polling wait could honour the busy timeout, but measured slower than this one.) A
thread that already holds the queue through another connection to the same file does not
queue again, which would wait for itself: SQLite's busy timeout answers it, as before.
"""

from __future__ import annotations

import os
import threading
from typing import IO

try:
    import fcntl
except ImportError:  # pragma: no cover (not on Windows)
    fcntl = None  # type: ignore[assignment]


# Queue files this process holds, with the thread that holds each.
_holders: dict[str, int] = {}
_holders_lock = threading.Lock()


class WriterQueue:
    """One connection's place in the queue of writers of ``database`` (a file path)."""

    def __init__(self, database: str) -> None:
        self.database = database
        self.path = f"{database}-writer"
        self._file: IO[bytes] | None = None
        self._pid = 0
        self.held = False

    def _fileno(self) -> int | None:
        # A lock belongs to an open file description, which a forked child would share with
        # its parent: each process opens the file for itself.
        if self._file is None or self._pid != os.getpid():
            try:
                self._file = open(self.path, "ab")  # noqa: SIM115 (kept open for the connection)
            except OSError:
                return None  # a read-only directory: SQLite's busy timeout alone, as before
            self._pid = os.getpid()
            self.held = False
        return self._file.fileno()

    def enter(self) -> None:
        """Wait for our turn to write. Call before ``BEGIN IMMEDIATE``."""
        fileno = self._fileno()
        if fcntl is None or fileno is None or self.held:
            return
        if _holders.get(self.path) == threading.get_ident():
            return  # this thread's other connection holds it
        fcntl.flock(fileno, fcntl.LOCK_EX)
        self.held = True
        with _holders_lock:
            _holders[self.path] = threading.get_ident()

    def leave(self) -> None:
        """Let the next writer in. Call after COMMIT or ROLLBACK (or a failed BEGIN)."""
        if not self.held or self._file is None:
            return
        self.held = False
        if self._pid != os.getpid():
            return  # a forked child: the lock is its parent's
        with _holders_lock:
            _holders.pop(self.path, None)
        if fcntl is not None:
            fcntl.flock(self._file.fileno(), fcntl.LOCK_UN)

    def close(self) -> None:
        """Let go of the file (and of our turn, if held). ``enter`` opens it again."""
        self.leave()
        if self._file is not None and self._pid == os.getpid():
            self._file.close()
        self._file = None
