"""Where Convene keeps its local state (database, secret key, outbox, caches).

Pure Python, no Django import: the engines and the command line use it before settings load.
"""

from __future__ import annotations

import os
from pathlib import Path

#: The checkout (or install prefix) root: ``src/convene/paths.py`` -> two levels up from ``src``.
PROJECT_DIR = Path(__file__).resolve().parent.parent.parent


def var_dir() -> Path:
    """The state directory: ``$CONVENE_VAR_DIR`` if set, else ``var/`` beside ``src/``."""
    configured = os.environ.get("CONVENE_VAR_DIR")
    path = Path(configured).expanduser() if configured else PROJECT_DIR / "var"
    path.mkdir(parents=True, exist_ok=True)
    return path
