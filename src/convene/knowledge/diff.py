"""The differences between two revisions of minutes, line by line (difflib), for staff.

Each language is compared on its own. A line is kept, added or removed; a changed line is
removed then added, so the page can show it as ``<del>`` then ``<ins>`` with its line numbers.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class DiffLine:
    kind: str  # "same", "added" or "removed"
    text: str
    old_number: int | None
    new_number: int | None


@dataclass(frozen=True)
class LanguageDiff:
    language: str
    lines: list[DiffLine]

    @property
    def changed(self) -> bool:
        return any(line.kind != "same" for line in self.lines)

    @property
    def counts(self) -> tuple[int, int]:
        """(lines added, lines removed)."""
        added = sum(line.kind == "added" for line in self.lines)
        return added, sum(line.kind == "removed" for line in self.lines)


def diff_lines(old: str, new: str) -> list[DiffLine]:
    """Every line of both texts in order, each marked kept, added or removed."""
    before, after = old.splitlines(), new.splitlines()
    lines: list[DiffLine] = []
    matcher = difflib.SequenceMatcher(a=before, b=after, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            lines.extend(
                DiffLine("same", before[i], i + 1, j + 1)
                for i, j in zip(range(i1, i2), range(j1, j2), strict=True)
            )
            continue
        lines.extend(DiffLine("removed", before[i], i + 1, None) for i in range(i1, i2))
        lines.extend(DiffLine("added", after[j], None, j + 1) for j in range(j1, j2))
    return lines


def diff_revisions(old: Mapping[str, str], new: Mapping[str, str]) -> list[LanguageDiff]:
    """One comparison per language written in either revision, English first."""
    codes = sorted(set(old) | set(new), key=lambda code: (code != "en", code))
    return [LanguageDiff(code, diff_lines(old.get(code, ""), new.get(code, ""))) for code in codes]
