"""Settings for the test suite: the production settings module in its ``test`` profile.

State goes to a throw-away directory, never to the developer's var/.
"""

import os
import tempfile

os.environ["CONVENE_ENV"] = "test"
os.environ.setdefault("CONVENE_VAR_DIR", tempfile.mkdtemp(prefix="convene-test-"))
os.environ.setdefault("TASKS_BACKEND", "immediate")

from convene.settings import *  # noqa: E402, F403
