"""Settings for the test suite: the production settings module in its ``test`` profile.

State goes to a throw-away directory, never to the developer's var/. Under pytest-xdist each
worker (gw0, gw1...) gets a folder of its own inside it: the workers inherit the folder the
controller chose, and a test that empties the media folder or lists the backups must not see
another worker's files. pytest-django gives each worker its own test database.
"""

import os
import tempfile
from pathlib import Path

os.environ["CONVENE_ENV"] = "test"
os.environ.setdefault("CONVENE_VAR_DIR", tempfile.mkdtemp(prefix="convene-test-"))
_worker = os.environ.get("PYTEST_XDIST_WORKER", "")
if _worker and Path(os.environ["CONVENE_VAR_DIR"]).name != _worker:
    # Set in the environment too, so the commands a test starts share the worker's folder.
    os.environ["CONVENE_VAR_DIR"] = str(Path(os.environ["CONVENE_VAR_DIR"]) / _worker)
os.environ.setdefault("TASKS_BACKEND", "immediate")

from convene.settings import *  # noqa: E402, F403

# Threads of live-server tests must not keep connections open past the test.
DATABASES["default"]["CONN_MAX_AGE"] = 0  # noqa: F405

# On SQLite the test database is a file, not shared memory: live-server threads then open their
# own connections and really contend for the write lock, as gunicorn workers do.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / "test.sqlite3")}  # noqa: F405
