"""The directory, indexed once per resolver: exact names, language-independent keys, email
domains, fuzzy cores, and the words of names (for "contains" reviews)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from convene.resolution.analysis import Analyser
from convene.resolution.fuzzy import FuzzyEntry, FuzzyIndex, plain_words
from convene.resolution.normalise import fold, segments, umlaut_spelling
from convene.resolution.types import Organisation

#: Keys that name a municipality or a body of municipalities: only local authorities get them.
_LOCAL_KEYS = ("la:", "lad:", "metro:", "lax:", "metrox:")


@dataclass(frozen=True, slots=True)
class Entry:
    org: Organisation
    source: str  # the directory string that produced the key, for explanations
    named: frozenset[str] = frozenset()  # countries the directory string names


class DirectoryIndex:
    """Every way the directory can be found; read-only once built."""

    def __init__(self, directory: Sequence[Organisation], analyser: Analyser) -> None:
        self.analyser = analyser
        self.exact: dict[str, list[Entry]] = {}
        self.keys: dict[str, list[Entry]] = {}
        self.domains: dict[str, list[Entry]] = {}
        self.org_places: dict[str, set[int]] = {}  # the places an organisation's names name
        self.fuzzy = FuzzyIndex()
        # word -> (all plain words of a directory key, entry): for "contains" reviews
        self.words: dict[str, list[tuple[frozenset[str], Entry]]] = {}
        for org in directory:
            for text in (org.name, *org.aliases):
                self._index_text(org, text)
            for domain in org.domains:
                domain = domain.strip().lower().lstrip("@")
                if domain:
                    add(self.domains, domain, Entry(org, domain))

    def _index_text(self, org: Organisation, text: str) -> None:
        folded = fold(text)
        if not folded:
            return
        add(self.exact, folded, Entry(org, text))
        german = umlaut_spelling(text)
        if german != folded:
            add(self.exact, german, Entry(org, text))
        hint = frozenset({org.country})
        parts = self.analyser.join_places(segments(text))
        analyses = [self.analyser.analyse(seg, hint, strict=True) for seg in parts]
        for analysis in analyses:
            key = analysis.signature
            self.org_places.setdefault(org.id, set()).update(places_of(key))
            if key and (org.kind == "local_authority" or not key.startswith(_LOCAL_KEYS)):
                add(self.keys, key, Entry(org, text, analysis.named_countries))
        best = max(analyses, key=lambda a: a.strength, default=None)
        if best is not None and best.core:
            places = places_of(best.signature)
            self.fuzzy.add(best.core, FuzzyEntry(org, text, places, best.named_countries))
            words = name_words(best.signature)
            if any(len(w) >= 4 for w in words):
                for word in words:
                    self.words.setdefault(word, []).append(
                        (words, Entry(org, text, best.named_countries))
                    )


def name_words(signature: str | None) -> frozenset[str]:
    """The words of a ``k:`` key that are neither cue labels nor places: the name proper."""
    if not signature or not signature.startswith("k:"):
        return frozenset()
    return frozenset(w for w in plain_words(signature[2:]) if not w.startswith("@"))


def places_of(signature: str | None) -> frozenset[int]:
    """The GeoNames ids a key names."""
    if not signature:
        return frozenset()
    if signature.startswith(("la:", "metro:")):
        return frozenset({int(signature.split(":", 1)[1])})
    words = signature.split(":", 1)[1].split()
    return frozenset(int(w[1:]) for w in words if w.startswith("@") and w[1:].isdigit())


def add(index: dict[str, list[Entry]], key: str, entry: Entry) -> None:
    bucket = index.setdefault(key, [])
    if all(e.org.id != entry.org.id for e in bucket):
        bucket.append(entry)


def dedupe(entries: Iterable[Entry]) -> list[Entry]:
    """One entry per organisation, the first seen."""
    seen: dict[str, Entry] = {}
    for entry in entries:
        seen.setdefault(entry.org.id, entry)
    return list(seen.values())
