"""Any other single table of connections, read by the shape of its values, when staff
choose "another table, read by its shape" (``--format table``). Automatic detection never
lands here: an unknown table is refused and asks for a column mapping.

Zoom, Webex and others translate their headers with the account language ("Nom (nom
original)", "Beitrittszeit"...). Rather than keep a dictionary of every translation, a file
that no specific detector claims is read like Teams: two date-time columns are join and
leave, an email-like column is the email, a column of role words is the role, and the first
remaining column is the name. Hosts are still recognised by role words and by a "(Host)"
badge in any of our languages.
"""

from __future__ import annotations

from datetime import date, tzinfo

from .records import ParseResult
from .text import Row
from .timefmt import Order
from .webex import locate, parse_located

FORMAT = "table"


def looks_like(rows: list[Row]) -> bool:
    return locate(rows[:200], by_shape=True) is not None


def parse(
    rows: list[Row],
    *,
    tz: tzinfo,
    order: Order | None = None,
    session_date: date | None = None,
) -> ParseResult:
    return parse_located(
        rows,
        tz=tz,
        order=order,
        session_date=session_date,
        format_name=FORMAT,
        missing="no table of connections (a header row over rows with join and leave times)",
    )
