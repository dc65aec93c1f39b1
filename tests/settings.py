"""Settings for the test suite: the production settings module in its ``test`` profile.

State goes to a throw-away directory, never to the developer's var/.
"""

import os
import tempfile

os.environ["CONVENE_ENV"] = "test"
os.environ.setdefault("CONVENE_VAR_DIR", tempfile.mkdtemp(prefix="convene-test-"))
os.environ.setdefault("TASKS_BACKEND", "immediate")

from convene.settings import *  # noqa: E402, F403

# Threads of live-server tests must not keep connections open past the test.
DATABASES["default"]["CONN_MAX_AGE"] = 0  # noqa: F405

# On SQLite the test database is a file, not shared memory: live-server threads then open their
# own connections and really contend for the write lock, as gunicorn workers do.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / "test.sqlite3")}  # noqa: F405
