"""Text for the PDF: the embedded fonts and a block of wrapped lines.

The fourteen standard PDF fonts stop at Latin-1, so "Łódź", "Θεσσαλονίκη" and the narrow
no-break space that French puts between thousands (U+202F) would come out as black boxes. The
PDF embeds DejaVu Sans (``fonts/``, Bitstream Vera licence, see ``LICENSE-DejaVu.txt``), which
has them all, so it installs from PyPI alone.

reportlab's ``Paragraph`` breaks lines at every Unicode space, U+202F included, and writes the
break as a plain space: "1 090" could be cut in two and would come out of the PDF as "1 090".
``TextBlock`` breaks lines at plain spaces only and writes the text as it is.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from reportlab.lib import colors
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Flowable

FONTS = Path(__file__).resolve().parent / "fonts"
REGULAR = "DejaVuSans"
BOLD = "DejaVuSans-Bold"


@cache
def register_fonts() -> None:
    """Register the two faces with reportlab, once per process."""
    pdfmetrics.registerFont(TTFont(REGULAR, str(FONTS / "DejaVuSans.ttf")))
    pdfmetrics.registerFont(TTFont(BOLD, str(FONTS / "DejaVuSans-Bold.ttf")))
    pdfmetrics.registerFontFamily(REGULAR, normal=REGULAR, bold=BOLD)


def _hard_break(word: str, font: str, size: float, width: float) -> list[str]:
    """A word wider than the line, cut into pieces that fit."""
    pieces, piece = [], ""
    for character in word:
        if piece and stringWidth(piece + character, font, size) > width:
            pieces.append(piece.rstrip(" "))
            piece = ""
        if piece or character != " ":
            piece += character
    return [*pieces, piece]


#: French sets these apart with a space, but a line never starts (or ends) with one of them.
CLOSING = frozenset(";:!?»")
OPENING = frozenset("«")


def _words(paragraph: str) -> list[str]:
    """The paragraph's words, a lone ``;`` or ``»`` kept with the word before it (and a lone
    ``«`` with the word after it)."""
    words: list[str] = []
    glue = False
    for word in paragraph.split(" "):
        if words and (glue or word in CLOSING):
            words[-1] += " " + word
        else:
            words.append(word)
        glue = word in OPENING
    return words


def wrap_lines(text: str, font: str, size: float, width: float) -> list[str]:
    """``text`` as lines at most ``width`` points wide, broken at plain spaces (and newlines)."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line = ""
        for word in _words(paragraph):
            candidate = f"{line} {word}" if line else word
            if stringWidth(candidate, font, size) <= width:
                line = candidate
                continue
            if line:
                lines.append(line)
            *whole, line = _hard_break(word, font, size, width)
            lines.extend(whole)
        lines.append(line)
    return lines


class TextBlock(Flowable):
    """Lines of text in one font, wrapped to the frame's (or the table cell's) width; split
    between pages line by line."""

    def __init__(
        self,
        text: str,
        *,
        font: str = REGULAR,
        size: float = 10,
        leading: float | None = None,
        colour: colors.Color = colors.black,
        indent: float = 0,
        space_before: float = 0,
        space_after: float = 0,
    ) -> None:
        super().__init__()
        self.text = text
        self.font = font
        self.size = size
        self.leading = leading or size * 1.3
        self.colour = colour
        self.indent = indent
        self.spaceBefore = space_before
        self.spaceAfter = space_after
        self.lines: list[str] = []

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.lines = wrap_lines(self.text, self.font, self.size, available_width - self.indent)
        self.width = available_width
        self.height = self.leading * len(self.lines)
        return self.width, self.height

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        self.wrap(available_width, available_height)
        fitting = int(available_height // self.leading)
        if fitting < 1 or fitting >= len(self.lines):
            return [] if fitting < 1 else [self]
        first, rest = self.lines[:fitting], self.lines[fitting:]
        return [self._with("\n".join(first), space_after=0), self._with("\n".join(rest))]

    def _with(self, text: str, *, space_after: float | None = None) -> TextBlock:
        return TextBlock(
            text,
            font=self.font,
            size=self.size,
            leading=self.leading,
            colour=self.colour,
            indent=self.indent,
            space_after=self.spaceAfter if space_after is None else space_after,
        )

    def draw(self) -> None:
        canvas = self.canv
        canvas.setFont(self.font, self.size)
        canvas.setFillColor(self.colour)
        # The first baseline sits one font size below the top; the leading spaces the rest.
        for index, line in enumerate(self.lines):
            canvas.drawString(self.indent, self.height - self.size - index * self.leading, line)
