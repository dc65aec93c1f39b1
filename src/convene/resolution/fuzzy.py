"""Constrained fuzzy matching: the last way to a match, and the most careful.

Naive fuzzy matching against every directory name finds fewer than half of the right
organisations and confuses the rest. Here a candidate must first agree on kind, country,
the places it names and the countries it names; then its words must pair up one to one
with the text's (a typo, not an extra word); and then it must clearly beat the second
candidate. Anything less is a review, not a match.
"""

from __future__ import annotations

from dataclasses import dataclass

from rapidfuzz import fuzz, process

from convene.resolution.types import Organisation

__all__ = ["FuzzyIndex", "FuzzyOutcome", "named_ok", "plain_words"]

MATCH_SCORE = 90.0
MATCH_SCORE_UNTYPED = 95.0  # when the text gives no kind, ask for more
REVIEW_SCORE = 84.0
MARGIN = 5.0
WORD_SCORE = 80.0


@dataclass(frozen=True, slots=True)
class FuzzyEntry:
    org: Organisation
    source: str  # the directory string, for explanations
    places: frozenset[int]
    named: frozenset[str]


@dataclass(frozen=True, slots=True)
class FuzzyOutcome:
    top: FuzzyEntry
    score: float
    runner: tuple[FuzzyEntry, float] | None
    decided: bool  # clear enough to match; otherwise review


def plain_words(core: str) -> list[str]:
    """The words of a key that are not language-independent cue labels (UNIV, POLICE)."""
    return [w for w in core.split() if not w.isupper()]


def named_ok(mine: frozenset[str], theirs: frozenset[str], country: str) -> bool:
    """Countries named in the text must be those named in the directory string, or the
    organisation's own when the directory string names none ("Home Office UK"):
    "Croix-Rouge" alone is not "Croix-Rouge de Belgique"."""
    return mine == theirs or (not theirs and mine == {country})


def aligned(left: str, right: str) -> bool:
    """Does every distinctive word on each side have a near-twin on the other?

    A typo keeps the words paired ("Marseile"/"Marseille"); an extra or different word
    ("Deutsch-Europäisches Forum" vs "Europäisches Forum", "Pomorskiego" vs
    "Małopolskiego") means another organisation, however high the overall ratio.
    """
    a, b = plain_words(left), plain_words(right)
    if not a or not b:
        return False
    for mine, theirs in ((a, b), (b, a)):
        for word in mine:
            best = process.extractOne(word, theirs, scorer=fuzz.ratio)
            if best is None or best[1] < WORD_SCORE:
                return False
    return True


class FuzzyIndex:
    """Directory keys grouped by kind (and one group for all kinds)."""

    def __init__(self) -> None:
        self._choices: dict[str | None, list[str]] = {}
        self._entries: dict[str | None, list[FuzzyEntry]] = {}

    def add(self, core: str, entry: FuzzyEntry) -> None:
        for bucket in (entry.org.kind, None):
            self._choices.setdefault(bucket, []).append(core)
            self._entries.setdefault(bucket, []).append(entry)

    def search(
        self,
        core: str,
        kind: str | None,
        country: str | None,
        places: frozenset[int],
        named: frozenset[str],
    ) -> FuzzyOutcome | None:
        """The best candidate that passes every constraint, or None."""
        if len(core) < 4 or not plain_words(core):
            return None  # cue labels alone ("POLICE") name no organisation in particular
        choices = self._choices.get(kind)
        if not choices:
            return None
        entries = self._entries[kind]
        scored: dict[str, tuple[float, FuzzyEntry]] = {}
        for _, score, idx in process.extract(
            core, choices, scorer=fuzz.ratio, limit=8, score_cutoff=REVIEW_SCORE
        ):
            entry = entries[idx]
            if country and entry.org.country != country:
                continue
            if places and entry.places and not (places & entry.places):
                continue
            if not named_ok(named, entry.named, entry.org.country):
                continue
            if not aligned(core, choices[idx]):
                continue
            old = scored.get(entry.org.id)
            if old is None or score > old[0]:
                scored[entry.org.id] = (score, entry)
        if not scored:
            return None
        ranked = sorted(scored.values(), key=lambda item: -item[0])
        top_score, top = ranked[0]
        runner = (ranked[1][1], ranked[1][0]) if len(ranked) > 1 else None
        threshold = MATCH_SCORE if kind else MATCH_SCORE_UNTYPED
        runner_score = runner[1] if runner else 0.0
        decided = top_score >= threshold and top_score - runner_score >= MARGIN
        return FuzzyOutcome(top, top_score, runner, decided)
