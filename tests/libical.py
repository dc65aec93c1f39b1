"""libical (Debian's ``libical3``) through ctypes: a second calendar parser, in C, independent
of the icalendar package that writes Convene's files, with the iTIP rules of RFC 5546.

``itip_errors`` parses a file, runs libical's restriction check for the file's METHOD
(``icalrestriction_check``: the properties each method requires or forbids) and returns every
``X-LIC-ERROR`` libical reports, parse errors included. Without the library the test skips
with the reason locally and fails in CI (``.ci/run`` installs it).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import re
from functools import cache

import pytest

LIBRARY = "libical.so.3"


@cache
def _load() -> ctypes.CDLL | None:
    for name in (LIBRARY, ctypes.util.find_library("ical")):
        if not name:
            continue
        try:
            lib = ctypes.CDLL(name)
        except OSError:
            continue
        lib.icalcomponent_new_from_string.restype = ctypes.c_void_p
        lib.icalcomponent_new_from_string.argtypes = [ctypes.c_char_p]
        lib.icalrestriction_check.restype = ctypes.c_int
        lib.icalrestriction_check.argtypes = [ctypes.c_void_p]
        lib.icalcomponent_as_ical_string.restype = ctypes.c_char_p
        lib.icalcomponent_as_ical_string.argtypes = [ctypes.c_void_p]
        lib.icalcomponent_free.restype = None
        lib.icalcomponent_free.argtypes = [ctypes.c_void_p]
        return lib
    return None


def libical() -> ctypes.CDLL:
    lib = _load()
    if lib is None:
        message = "libical is missing (apt-get install libical3): calendar files not checked"
        if os.environ.get("CI"):
            pytest.fail(f"CI must check calendar files with libical, but {message}")
        pytest.skip(message)
    return lib


def itip_errors(content: bytes) -> list[str]:
    """Every error libical finds in ``content``: parse errors and failed iTIP restrictions."""
    lib = libical()
    component = lib.icalcomponent_new_from_string(content)
    if not component:
        return ["libical could not parse the file"]
    try:
        lib.icalrestriction_check(component)
        text = (lib.icalcomponent_as_ical_string(component) or b"").decode("utf-8")
    finally:
        lib.icalcomponent_free(component)
    unfolded = re.sub(r"\r?\n[ \t]", "", text)
    return [line for line in unfolded.splitlines() if line.startswith("X-LIC-ERROR")]
