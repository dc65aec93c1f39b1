"""The local secret key: generated once into var/ so sessions survive restarts."""

from __future__ import annotations

import os
import secrets
import tempfile
from pathlib import Path


def local_secret_key(path: Path) -> str:
    """Return the key stored at ``path``, creating it (mode 0600) on first use.

    The key is written to a temporary file and hard-linked into place, so a process never
    sees a half-written key, and when two processes start at once one wins and both use its key.
    """
    if path.exists():
        return path.read_text(encoding="ascii").strip()
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".secret-")
    try:
        with os.fdopen(fd, "w", encoding="ascii") as handle:
            handle.write(secrets.token_urlsafe(64))
        try:
            os.link(tmp, path)
        except FileExistsError:
            pass
    finally:
        os.unlink(tmp)
    return path.read_text(encoding="ascii").strip()
