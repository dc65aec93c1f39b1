"""Finding and replacing one person's personal data in text and JSON.

The *needles* are the strings that identify the person: the email and name of their record,
and the names and emails their attendance rows were reported under. Each is replaced, in any
case, by the person's anonymous token. Needles shorter than ``MIN_NEEDLE`` characters are not
searched inside longer text (a two-letter name would match half the words of a sentence); the
person's own fields are replaced whole whatever their length.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Q

MIN_NEEDLE = 4


@dataclass(frozen=True)
class Needles:
    """What identifies one erased person, and what replaces it."""

    token: str
    strings: tuple[str, ...]

    @classmethod
    def of(cls, token: str, values: Iterable[str]) -> Needles:
        unique = {" ".join(v.split()) for v in values if v and len(v.strip()) >= MIN_NEEDLE}
        # Longest first, so "alice@example.org" goes before "alice".
        return cls(token, tuple(sorted(unique, key=lambda v: (-len(v), v.casefold()))))

    @property
    def pattern(self) -> re.Pattern[str] | None:
        if not self.strings:
            return None
        return re.compile("|".join(re.escape(s) for s in self.strings), re.IGNORECASE)

    def found_in(self, text: str) -> bool:
        folded = text.casefold()
        return any(s.casefold() in folded for s in self.strings)

    def text(self, value: str) -> str:
        pattern = self.pattern
        return pattern.sub(self.token, value) if pattern is not None and value else value

    def json(self, value: Any) -> Any:
        """``value`` (JSON data) with every string, key included, scrubbed."""
        if isinstance(value, str):
            return self.text(value)
        if isinstance(value, list):
            return [self.json(v) for v in value]
        if isinstance(value, dict):
            return {self.text(str(k)): self.json(v) for k, v in value.items()}
        return value

    def q(self, *fields: str, json_fields: Iterable[str] = ()) -> Q:
        """Rows whose text ``fields`` (or JSON ``json_fields``, cast to text) contain a needle.

        A JSON column may hold a string escaped (``Zo\\u00eb``, SQLite) or as it is
        (PostgreSQL), so both spellings are looked for."""
        condition = Q(pk__in=[])
        for needle in self.strings:
            for field in fields:
                condition |= Q(**{f"{field}__icontains": needle})
            escaped = json.dumps(needle)[1:-1]
            for field in json_fields:
                condition |= Q(**{f"{field}__icontains": needle})
                if escaped != needle:
                    condition |= Q(**{f"{field}__icontains": escaped})
        return condition
