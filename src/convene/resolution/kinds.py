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


# Compound words whose head says the kind, as Nordic, German, Hungarian and Finnish write
# them: "Justitsministeriet", "Belügyminisztérium", "Polismyndigheten", "Rigspolitiet",
# "Poliisihallitus", "Staatsministerium". (suffix or prefix, cue phrase it stands for)
_COMPOUND_SUFFIXES: tuple[tuple[str, str], ...] = (
    ("ministeriet", "ministry"),
    ("ministerium", "ministry"),
    ("miniszterium", "ministry"),
    ("ministerio", "ministry"),
    ("departementet", "ministry"),
    ("departement", "ministry"),
    ("politiet", "police"),
    ("polisen", "police"),
    ("myndigheten", "agency"),
    ("direktoratet", "agency"),
    ("styrelsen", "agency"),
    ("verket", "agency"),
    ("virasto", "agency"),
    ("tilsynet", "agency"),
    ("kriminalamt", "bundeskriminalamt"),
    ("universitet", "university"),
    ("yliopisto", "university"),
    ("hogskolan", "hochschule"),
)
_COMPOUND_PREFIXES: tuple[tuple[str, str], ...] = (
    ("polismyndighet", "police"),
    ("politidirektorat", "police"),
    ("politidistrikt", "police"),
    ("poliisi", "police"),
    ("polizei", "police"),
    ("politsei", "police"),
    ("rendor", "police"),
)
_COMPOUND_MIN = 9


# Real words one letter away from a designator: never read as its typo.
_NOT_TYPOS = frozenset(
    "maires maire communes communal comunal communale comunali municipi municipis stade "
    "staden stadte gemeinden gemeenten kommunal kommunalt kommunale miesto mestu mesta "
    "citta cittadella ciudades cidades villes".split()
)


def _single_word_cues() -> dict[str, str]:
    """One letter dropped from each one-word municipal designator or department of six
    letters or more -> the cue, to read "Ayuntamineto", "Gemeete" and "Comnue" as meant.
    Only municipal words: "policy" is not a typo of "police", nor "centre" of "contre"."""
    table: dict[str, str] = {}
    for phrase, cue in CUES.items():
        if " " in phrase or len(phrase) < 6 or cue.role not in ("designator", "dept"):
            continue
        table.setdefault(phrase, phrase)
        for i in range(len(phrase)):
            table.setdefault(phrase[:i] + phrase[i + 1 :], phrase)
    return table


_TYPO_INDEX = _single_word_cues()


def _compound(word: str) -> str | None:
    if len(word) < _COMPOUND_MIN:
        return None
    for suffix, phrase in _COMPOUND_SUFFIXES:
        if word.endswith(suffix):
            return phrase
    for prefix, phrase in _COMPOUND_PREFIXES:
        if word.startswith(prefix):
            return phrase
    return None


def typo_of_cue(word: str) -> str | None:
    """The one-word municipal cue ``word`` misspells by one letter dropped, added, changed
    or two swapped ("Ayuntamineto" -> ayuntamiento), or None. Words under six letters are left
    alone: "Stat" and "Stadt" are different words."""
    if len(word) < 6 or not word.isalpha() or word in _NOT_TYPOS:
        return None
    hit = _TYPO_INDEX.get(word)
    if hit is not None:
        return hit
    for i in range(len(word)):
        hit = _TYPO_INDEX.get(word[:i] + word[i + 1 :])
        if hit is not None and abs(len(hit) - len(word)) <= 1:
            return hit
    return None


def scan(words: list[str]) -> list[CueHit]:
    """Longest-match cue phrases in ``words``; legal forms only at the very end. A word
    that is no cue may still be a compound with a cue for head, or a cue with a typo."""
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
            word = words[i]
            stands_for = _compound(word) or typo_of_cue(word)
            if stands_for is not None:
                hits.append(CueHit(i, i + 1, stands_for, CUES[stands_for]))
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
