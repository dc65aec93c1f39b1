"""Kind inference from multilingual cues.

A folded segment is scanned once, left to right, taking the longest cue phrase at each
position, so "police municipale" (a municipal department) wins over "police" (a national
force), and "citta metropolitana" over "citta". The kind then follows from the cues found:

- a strong cue of another kind (university, ministry, police, association, GmbH...) beats a
  municipal designator that is only a common word ("City University", "City of London
  Police"), and the earliest strong cue wins: "Universität Duisburg-Essen" is research,
  "Polizei Essen" a public body, whatever place they name;
- a real designator ("Stadt", "Ville de", "Gemeente") or a municipal department makes a
  local authority, an inter-municipal word ("Métropole") an inter-municipal one;
- weak cues ("national", "agency", "regional") decide only when nothing else does.
"""

from __future__ import annotations

from dataclasses import dataclass

from convene.resolution.lexicon import CUES, MAX_CUE_WORDS, Cue

__all__ = ["CueHit", "KindGuess", "guess_kind", "scan"]

# Labels too generic to beat a designator or a more specific cue.
_WEAK_CANONS = frozenset({"GOV", "REGADJ", "NGOADJ", "PRIVADJ"})


@dataclass(frozen=True, slots=True)
class CueHit:
    start: int
    end: int
    phrase: str
    cue: Cue


@dataclass(frozen=True, slots=True)
class KindGuess:
    kind: str | None
    cue: str | None  # the phrase that decided, for the explanation
    metro: bool = False
    designated: bool = False  # a municipal designator or department is present
    countries: frozenset[str] = frozenset()  # designator language hint
    weak: bool = False  # only a common-word designator ("council", "city") was seen


def scan(words: list[str]) -> list[CueHit]:
    """Longest-match cue phrases in ``words``; legal forms only at the very end."""
    hits: list[CueHit] = []
    n = len(words)
    i = 0
    while i < n:
        for size in range(min(MAX_CUE_WORDS, n - i), 0, -1):
            phrase = " ".join(words[i : i + size])
            cue = CUES.get(phrase)
            if cue is None:
                continue
            if cue.role == "legal" and i + size != n:
                continue
            hits.append(CueHit(i, i + size, phrase, cue))
            i += size
            break
        else:
            i += 1
    return hits


def guess_kind(hits: list[CueHit]) -> KindGuess:
    """Decide the kind from cue hits (see module notes for the order)."""
    strong = weak_kind = designator = dept = metro = weak_la = None
    countries: frozenset[str] = frozenset()
    for hit in hits:
        role = hit.cue.role
        if role in ("kind", "legal"):
            if hit.cue.canon in _WEAK_CANONS:
                weak_kind = weak_kind or hit
            elif strong is None:
                strong = hit
        elif role == "designator":
            designator = designator or hit
            countries |= hit.cue.countries
        elif role == "dept":
            dept = dept or hit
        elif role == "metro":
            metro = metro or hit
        elif role == "weak":
            weak_la = weak_la or hit
    municipal = [h for h in (designator, dept, metro) if h is not None]
    first_municipal = min(municipal, key=lambda h: h.start) if municipal else None
    if strong is not None and (first_municipal is None or strong.start < first_municipal.start):
        return KindGuess(strong.cue.kind, strong.phrase, countries=countries)
    if metro is not None:
        return KindGuess("local_authority", metro.phrase, True, True, countries)
    if first_municipal is not None:
        return KindGuess("local_authority", first_municipal.phrase, False, True, countries)
    if strong is not None:
        return KindGuess(strong.cue.kind, strong.phrase, countries=countries)
    if weak_kind is not None:
        return KindGuess(weak_kind.cue.kind, weak_kind.phrase)
    if weak_la is not None:
        return KindGuess("local_authority", weak_la.phrase, False, True, weak=True)
    return KindGuess(None, None)
