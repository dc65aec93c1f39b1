"""Spreadsheets staff upload (CSV or XLSX) as a header and numbered rows of text.

The imports of the member list and of registrations read their files through here: a CSV in
UTF-8 (with or without a byte-order mark) or Windows-1252, separated by commas, semicolons or
tabs, or the first non-empty sheet of an Excel workbook. Each row keeps the line (or sheet row)
number staff see in their own program, so that errors can name it. Headers are compared in
their folded form (``header_key``): "Member from", "member_from" and "MEMBER-FROM" are one.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from convene.core.countries import country_codes
from convene.resolution.normalise import fold

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 20_000
_ZIP_MAGIC = b"PK\x03\x04"


class TableError(ValueError):
    """The file cannot be read as a table; ``line`` names the row when one is at fault."""

    def __init__(self, message: str, *, line: int | None = None) -> None:
        self.message = message
        self.line = line
        super().__init__(
            _("line %(line)d: %(message)s") % {"line": line, "message": message}
            if line is not None
            else message
        )


@dataclass
class Table:
    headers: list[str]
    #: (line number, cells) for each row that is not blank, cells padded to the headers.
    rows: list[tuple[int, list[str]]] = field(default_factory=list)

    def sample(self, column: int, limit: int = 3) -> list[str]:
        """The first few non-blank values of a column, for the column-mapping preview."""
        values = [cells[column] for _line, cells in self.rows if cells[column]]
        return values[:limit]


def header_key(text: str) -> str:
    """The comparison form of a column header: ASCII, lower case, words joined by ``_``."""
    return "_".join(fold(text).split())


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0, 0):
            return value.date().isoformat()
        return value.replace(microsecond=0, tzinfo=None).isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return " ".join(str(value).split())


def _decode(data: bytes) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _csv_rows(data: bytes) -> list[tuple[int, list[str]]]:
    text = _decode(data)
    if "\x00" in text:
        raise TableError(_("The file is neither a CSV file nor an Excel workbook (.xlsx)."))
    first = text.split("\n", 1)[0]
    delimiter = max([",", ";", "\t"], key=first.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows: list[tuple[int, list[str]]] = []
    try:
        start = 1
        for cells in reader:
            # A quoted cell may span lines: the row is numbered by the line it starts on.
            rows.append((start, [" ".join(c.split()) for c in cells]))
            start = reader.line_num + 1
            if len(rows) > MAX_ROWS + 1:
                raise TableError(_("The file has more than %(max)d rows.") % {"max": MAX_ROWS})
    except csv.Error as exc:
        raise TableError(str(exc), line=reader.line_num) from exc
    return rows


def _xlsx_rows(data: bytes) -> list[tuple[int, list[str]]]:
    import openpyxl  # only for workbooks: it is slow to import

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
        if not any(m.filename.startswith("xl/") for m in members):
            raise TableError(_("The file is a ZIP archive but not an Excel workbook (.xlsx)."))
        if sum(m.file_size for m in members) > 4 * MAX_BYTES:
            raise TableError(_("The workbook is too large once unpacked."))
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except TableError:
        raise
    except Exception as exc:  # zipfile and openpyxl raise many kinds on a damaged file
        raise TableError(_("The Excel workbook is damaged and cannot be read.")) from exc
    try:
        for sheet in workbook.worksheets:
            rows = []
            for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
                rows.append((number, [_cell(v) for v in values]))
                if len(rows) > MAX_ROWS + 1:
                    raise TableError(_("The file has more than %(max)d rows.") % {"max": MAX_ROWS})
            if any(any(cells) for _n, cells in rows):
                return rows
        return []
    finally:
        workbook.close()


def read_table(data: bytes, *, is_header: Callable[[list[str]], bool] | None = None) -> Table:
    """Read a CSV or XLSX file; raises ``TableError`` with a one-line reason.

    The first non-blank row names the columns, unless ``is_header`` is given: then the first
    row it accepts does, and the rows above it are skipped (Zoom's reports open with a few
    lines about the meeting before the registrants' header). When no row is accepted, the
    first one is the header."""
    if len(data) > MAX_BYTES:
        raise TableError(
            _("The file is larger than %(max)d MB.") % {"max": MAX_BYTES // (1024 * 1024)}
        )
    rows = _xlsx_rows(data) if data.startswith(_ZIP_MAGIC) else _csv_rows(data)
    rows = [(line, cells) for line, cells in rows if any(cells)]
    if not rows:
        raise TableError(_("The file is empty."))
    start = 0
    if is_header is not None:
        start = next((i for i, (_line, cells) in enumerate(rows) if is_header(cells)), 0)
    header_line, headers = rows[start]
    while headers and not headers[-1]:
        headers.pop()
    if not any(headers):
        raise TableError(_("The first row must name the columns."), line=header_line)
    width = len(headers)
    body = []
    for line, cells in rows[start + 1 :]:
        if len(cells) > width and any(cells[width:]):
            raise TableError(_("this row has more cells than the header has columns."), line=line)
        body.append((line, (cells + [""] * width)[:width]))
    return Table(headers=headers, rows=body)


def match_columns(headers: list[str], synonyms: dict[str, tuple[str, ...]]) -> dict[str, int]:
    """Which column holds each field: the first header whose folded form is a synonym."""
    keys = [header_key(h) for h in headers]
    found: dict[str, int] = {}
    for name, words in synonyms.items():
        wanted = {header_key(w) for w in words}
        for index, key in enumerate(keys):
            if key in wanted and index not in found.values():
                found[name] = index
                break
    return found


_DAY_FIRST = re.compile(r"^(\d{1,2})[./-](\d{1,2})[./-](\d{4})$")
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})")


def parse_day(text: str, *, end_of_year: bool = False) -> dt.date:
    """A date as people type it in Europe: ``2021-03-31``, ``31/03/2021``, ``31.03.2021``, or a
    year alone (its first day, or its last with ``end_of_year``). Raises ``ValueError``."""
    text = text.strip()
    if re.fullmatch(r"\d{4}", text):
        return dt.date(int(text), 12, 31) if end_of_year else dt.date(int(text), 1, 1)
    if m := _ISO.match(text):
        return dt.date(int(m[1]), int(m[2]), int(m[3]))
    if m := _DAY_FIRST.match(text):
        return dt.date(int(m[3]), int(m[2]), int(m[1]))
    raise ValueError(text)


def country_code_of(text: str) -> str:
    """An ISO 3166-1 alpha-2 code from a code or a country's English or French name, or ``""``."""
    value = text.strip()
    if value.upper() in country_codes():
        return value.upper()
    return _country_names().get(fold(value), "")


def _country_names() -> dict[str, str]:
    global _NAMES
    if _NAMES is None:
        import pycountry
        from babel import Locale

        names: dict[str, str] = {}
        for language in ("en", "fr", "de", "es", "it", "nl"):
            locale = Locale.parse(language)
            for code, name in locale.territories.items():
                if code in country_codes():
                    names.setdefault(fold(name), code)
        for country in pycountry.countries:
            names.setdefault(fold(country.name), country.alpha_2)
            if getattr(country, "alpha_3", None):
                names.setdefault(fold(country.alpha_3), country.alpha_2)
        names.setdefault("uk", "GB")
        _NAMES = names
    return _NAMES


_NAMES: dict[str, str] | None = None
