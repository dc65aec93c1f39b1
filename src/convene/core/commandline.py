"""What every ``convene`` management command shares: reading the file it is given.

A file that cannot be read is one line naming it and exit status 2, never ``[Errno 2] …``, and
it is checked before anything touches the database.
"""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import CommandError
from django.utils.translation import gettext as _

EXIT_BAD_INPUT = 2


def read_input_file(name: str | Path) -> bytes:
    """The bytes of the file named on the command line, or a one-line ``CommandError``."""
    return readable_input_file(name).read_bytes()


def readable_input_file(name: str | Path) -> Path:
    """The path of a file named on the command line that can be read (for commands that read
    it in passes, not whole), or a one-line ``CommandError``."""
    path = Path(name)
    try:
        with path.open("rb"):
            return path
    except FileNotFoundError:
        problem = _("no such file")
    except IsADirectoryError:
        problem = _("is a folder, not a file")
    except PermissionError:
        problem = _("not allowed to read it")
    except OSError as exc:
        problem = (exc.strerror or str(exc)).lower()
    raise CommandError(f"{path}: {problem}", returncode=EXIT_BAD_INPUT)
