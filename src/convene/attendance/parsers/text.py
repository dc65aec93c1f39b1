"""Turn the bytes of an export into text and into rows that remember their line numbers.

Video tools disagree on encodings (Teams and Webex write UTF-16, Zoom UTF-8, Excel re-saves
as Windows-1252) and on delimiters (Teams and Webex use tabs inside a ``.csv``, European
Excel uses semicolons). Everything downstream works on :class:`Row` objects, whose ``line``
is the physical line an editor would show, so every error can point at it.

A large export is never held whole: :class:`TextSource` decodes it afresh from a file that can
be opened again, and :class:`Rows` reads its records on each pass, so a 20 MB report costs the
memory of one row at a time, not of its text and every row (issue #16).
"""

from __future__ import annotations

import codecs
import csv
import io
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import islice
from typing import IO, overload

from .records import AttendanceParseError

#: Opens the export's bytes from the start, for one pass (a new file object each call).
Opener = Callable[[], IO[bytes]]
_CHUNK = 1 << 20

MAX_BYTES = 50 * 1024 * 1024
_DELIMITERS = (",", ";", "\t", "|")
_SAMPLE_LINES = 60


@dataclass(frozen=True, slots=True)
class Row:
    """One CSV record: its 1-based first line and its cells (surrounding spaces stripped)."""

    line: int
    cells: tuple[str, ...]

    @property
    def blank(self) -> bool:
        return not any(self.cells)

    def get(self, index: int | None) -> str:
        if index is None or index >= len(self.cells):
            return ""
        return self.cells[index]


def _looks_utf16(data: bytes) -> str | None:
    """Name the UTF-16 byte order of BOM-less text, judged by where the NUL bytes fall.

    ASCII-heavy UTF-16 has a NUL in every other byte; UTF-8 and Windows-1252 text has none.
    """
    sample = data[:4096]
    if len(sample) < 4:
        return None
    even = sample[0::2].count(0)
    odd = sample[1::2].count(0)
    half = len(sample) // 2
    if odd > 0.3 * half and even < 0.05 * half:
        return "utf-16-le"
    if even > 0.3 * half and odd < 0.05 * half:
        return "utf-16-be"
    return None


def decode(data: bytes) -> tuple[str, str]:
    """Decode an export; return ``(text, encoding)``.

    The order matters: a BOM is proof, NUL patterns are near-proof of UTF-16, strict UTF-8
    rarely succeeds by accident, and Windows-1252 is what Excel on Windows writes otherwise.
    """
    if not data or not data.strip():
        raise AttendanceParseError("the file is empty")
    if len(data) > MAX_BYTES:
        raise AttendanceParseError(f"the file is larger than {MAX_BYTES // (1024 * 1024)} MB")
    candidates: list[str]
    if data.startswith(b"\xef\xbb\xbf"):
        candidates = ["utf-8-sig"]
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        candidates = ["utf-16"]
    else:
        utf16 = _looks_utf16(data)
        candidates = [utf16] if utf16 else ["utf-8", "cp1252"]
    for encoding in candidates:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        _reject_binary(text)
        return text, encoding
    raise AttendanceParseError("the file is not text in a known encoding (binary file?)")


def detect_encoding(opener: Opener) -> str:
    """:func:`decode`'s choice of encoding, made in passes over a file, never holding it whole.

    The same order and the same errors as :func:`decode`: the whole file is checked to decode
    in the chosen encoding, so later passes cannot meet a decoding error.
    """
    with opener() as stream:
        head = stream.read(4096)
    size, blank = _measure(opener)
    if blank:
        raise AttendanceParseError("the file is empty")
    if size > MAX_BYTES:
        raise AttendanceParseError(f"the file is larger than {MAX_BYTES // (1024 * 1024)} MB")
    if head.startswith(b"\xef\xbb\xbf"):
        candidates = ["utf-8-sig"]
    elif head.startswith((b"\xff\xfe", b"\xfe\xff")):
        candidates = ["utf-16"]
    else:
        utf16 = _looks_utf16(head)
        candidates = [utf16] if utf16 else ["utf-8", "cp1252"]
    for encoding in candidates:
        if not _decodes(opener, encoding):
            continue
        _reject_binary(TextSource(opener, encoding).head())
        return encoding
    raise AttendanceParseError("the file is not text in a known encoding (binary file?)")


def _measure(opener: Opener) -> tuple[int, bool]:
    """(size in bytes, True when the file holds nothing but ASCII whitespace)."""
    size, blank = 0, True
    with opener() as stream:
        while chunk := stream.read(_CHUNK):
            size += len(chunk)
            blank = blank and not chunk.strip()
    return size, blank


def _decodes(opener: Opener, encoding: str) -> bool:
    decoder = codecs.getincrementaldecoder(encoding)()
    try:
        with opener() as stream:
            while chunk := stream.read(_CHUNK):
                decoder.decode(chunk)
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


@dataclass(frozen=True, slots=True)
class TextSource:
    """An export's text, decoded afresh on each pass from a file that can be opened again."""

    opener: Opener
    encoding: str
    errors: str = "strict"

    def open(self, newline: str | None = "") -> IO[str]:
        return io.TextIOWrapper(
            self.opener(), encoding=self.encoding, errors=self.errors, newline=newline
        )

    def head(self, chars: int = 65536) -> str:
        with self.open() as stream:
            return stream.read(chars)

    def read(self) -> str:
        """The whole text (JSON payloads, which are read whole anyway)."""
        with self.open() as stream:
            return stream.read()

    def sample_lines(self) -> list[str]:
        with self.open(newline=None) as stream:
            return _split_lines(stream)

    @classmethod
    def of_text(cls, text: str) -> TextSource:
        """Text already in memory (a workbook laid out as text)."""
        data = text.encode("utf-8", "surrogatepass")
        return cls(lambda: io.BytesIO(data), "utf-8", "surrogatepass")


class Rows(Sequence[Row]):
    """The CSV records of a :class:`TextSource`, read afresh on each iteration.

    It behaves as the list of rows the parsers used to get: ``rows[:400]`` and ``rows[n]``
    read only the head, ``rows[n:]`` is another lazy view, and ``non_blank`` leaves out blank
    records. Nothing is kept between passes.
    """

    __slots__ = ("delimiter", "non_blank", "source", "start")

    def __init__(
        self, source: TextSource, delimiter: str, start: int = 0, non_blank: bool = False
    ) -> None:
        self.source = source
        self.delimiter = delimiter
        self.start = start
        self.non_blank = non_blank

    def __iter__(self) -> Iterator[Row]:
        with self.source.open() as stream:
            reader = csv.reader(stream, delimiter=self.delimiter)
            previous_end = 0
            index = 0
            try:
                for cells in reader:
                    start = previous_end + 1
                    previous_end = reader.line_num
                    index += 1
                    if index <= self.start:
                        continue
                    row = Row(start, tuple(_cell(cell) for cell in cells))
                    if not (self.non_blank and row.blank):
                        yield row
            except csv.Error as exc:
                message = f"the file is not valid CSV ({exc})"
                raise AttendanceParseError(message, line=previous_end + 1) from exc

    @overload
    def __getitem__(self, key: int) -> Row: ...
    @overload
    def __getitem__(self, key: slice) -> Sequence[Row]: ...
    def __getitem__(self, key: int | slice) -> Row | Sequence[Row]:
        if isinstance(key, slice):
            begin, stop = key.start or 0, key.stop
            if key.step is not None or begin < 0 or (stop is not None and stop < 0):
                return list(self)[key]
            if stop is None:
                if self.non_blank:
                    return list(self)[key]
                return Rows(self.source, self.delimiter, self.start + begin)
            return list(islice(self, begin, stop))
        if key < 0:
            return list(self)[key]
        found = list(islice(self, key, key + 1))
        if not found:
            raise IndexError(key)
        return found[0]

    def __len__(self) -> int:
        return sum(1 for _ in self)

    def without_blanks(self) -> Rows:
        return Rows(self.source, self.delimiter, self.start, non_blank=True)


def non_blank_rows(rows: Sequence[Row], start: int = 0) -> Sequence[Row]:
    """The rows from ``start`` on, blank ones left out: a list for a list, lazy for lazy rows."""
    if isinstance(rows, Rows):
        return Rows(rows.source, rows.delimiter, rows.start + start, non_blank=True)
    return [row for row in rows[start:] if not row.blank]


def _reject_binary(text: str) -> None:
    """Refuse text that contains control characters no spreadsheet export contains."""
    sample = text[:65536]
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\t\r\n")
    if "\x00" in sample or controls > max(2, len(sample) // 200):
        raise AttendanceParseError("the file looks binary, not like a text export")


def _split_sample(text: str) -> list[str]:
    return _split_lines(io.StringIO(text, newline=None))


def _split_lines(stream: Iterable[str]) -> list[str]:
    lines: list[str] = []
    for raw in stream:
        if raw.strip():
            lines.append(raw.rstrip("\r\n"))
        if len(lines) >= _SAMPLE_LINES:
            break
    return lines


def sniff_delimiter(text: str) -> str:
    """Pick the delimiter that cuts the most sample lines into the same, largest number of
    cells (lines x extra cells), so commas inside dates cannot outvote semicolons.

    Tabs win when most lines have one, because tab-separated exports (Teams, Webex) are full
    of commas inside dates ("5/5/20, 1:58:03 PM") and names ("Becker, Hans").
    """
    return sniff_delimiter_of(_split_sample(text))


def sniff_delimiter_of(lines: list[str]) -> str:
    """:func:`sniff_delimiter` on the sample lines of a :class:`TextSource`."""
    if not lines:
        return ","
    if sum(1 for line in lines if "\t" in line) * 2 >= len(lines):
        return "\t"
    best, best_score = ",", (0, 0)
    for delimiter in _DELIMITERS:
        try:
            counts = [len(cells) for cells in csv.reader(lines, delimiter=delimiter)]
        except csv.Error:
            continue
        multi = [count for count in counts if count > 1]
        if not multi:
            continue
        mode, frequency = Counter(multi).most_common(1)[0]
        score = (frequency * (mode - 1), frequency)
        if score > best_score:
            best, best_score = delimiter, score
    return best


def read_rows(text: str, delimiter: str) -> list[Row]:
    """Read every record with the line it starts on; quoted newlines keep the count right."""
    rows: list[Row] = []
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    previous_end = 0
    try:
        for cells in reader:
            start = previous_end + 1
            previous_end = reader.line_num
            rows.append(Row(start, tuple(_cell(cell) for cell in cells)))
    except csv.Error as exc:
        message = f"the file is not valid CSV ({exc})"
        raise AttendanceParseError(message, line=previous_end + 1) from exc
    return rows


def _cell(text: str) -> str:
    """A cell without surrounding spaces, and without the ``="..."`` wrapper spreadsheets
    use to keep a value as text (``="00123"``, ``="14/04/2020 14:00"``)."""
    value = text.strip()
    if value.startswith('="') and value.endswith('"') and len(value) >= 3:
        value = value[2:-1].replace('""', '"').strip()
    return value


def strip_trailing_empty(cells: tuple[str, ...]) -> tuple[str, ...]:
    """Drop the padding commas Zoom's webinar report adds to every line."""
    end = len(cells)
    while end and not cells[end - 1]:
        end -= 1
    return cells[:end]


def blocks(rows: list[Row]) -> list[list[Row]]:
    """Split rows into blocks separated by blank lines (the preamble/summary/table pattern)."""
    result: list[list[Row]] = []
    current: list[Row] = []
    for row in rows:
        if row.blank:
            if current:
                result.append(current)
                current = []
        else:
            current.append(row)
    if current:
        result.append(current)
    return result
