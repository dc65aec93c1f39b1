"""Attendance report parsers: pure Python, no Django.

Use :func:`parse_bytes` (or :func:`parse_file`); every source returns a
:class:`ParseResult` of :class:`AttendanceRecord`, and the only exception raised is
:class:`AttendanceParseError`.
"""

from .generic import ColumnMapping
from .records import (
    ATTENDEE,
    HOST,
    AttendanceParseError,
    AttendanceRecord,
    ParseResult,
    Role,
    RowError,
    SkippedRow,
)
from .sniff import FORMATS, detect_format, parse_bytes, parse_file

__all__ = [
    "ATTENDEE",
    "FORMATS",
    "HOST",
    "AttendanceParseError",
    "AttendanceRecord",
    "ColumnMapping",
    "ParseResult",
    "Role",
    "RowError",
    "SkippedRow",
    "detect_format",
    "parse_bytes",
    "parse_file",
]
