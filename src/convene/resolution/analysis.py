"""Turn one organisation text into what the engine compares: kind, place and keys.

The same analysis runs on directory names and aliases (once, at load time) and on each
registrant's text, so both sides meet on the same keys:

- ``la:<geonameid>`` for a municipality, whatever the language or designator: "Stadt
  Köln", "City of Cologne", "Ville de Cologne" and plain "Köln" share one key;
- ``metro:<geonameid>`` for an inter-municipal body ("Bordeaux Métropole"), which must
  never collapse into the city;
- ``k:<words>`` for everything else: cue words replaced by a language-independent label
  (Universität/University/Université -> UNIV), well-known places by their GeoNames id,
  connectors dropped, words sorted. "Université de Liège" and "Universität Lüttich" meet.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from convene.resolution.gazetteer import Gazetteer, Place
from convene.resolution.kinds import CueHit, KindGuess, guess_kind, scan
from convene.resolution.normalise import CONNECTORS, contraction_variant, genitive_variants
from convene.resolution.places import SIGNIFICANT_POPULATION, join_places, misspelt_place
from convene.resolution.wordlists import DISTRICT_WORDS, LANGUAGE_COUNTRY, UNIT_WORDS

__all__ = ["Analysis", "Analyser"]

_MAX_PLACE_WORDS = 5
_SIGNIFICANT_POPULATION = SIGNIFICANT_POPULATION  # see convene.resolution.places
_BARE_PLACE_POPULATION = 10_000


@dataclass(frozen=True, slots=True)
class Analysis:
    segment: str
    kind: str | None
    cue: str | None
    place: Place | None
    metro: bool
    designated: bool
    bare_place: bool
    signature: str | None
    core: str  # sorted words, places spelt by name: the fuzzy-matching form
    countries: frozenset[str]  # designator-language hint
    language_country: str | None = None  # country of a distinctive word, a last resort
    named_countries: frozenset[str] = frozenset()  # "Belgian", "(Spain)": a constraint

    @property
    def strength(self) -> int:
        """How much this segment says about the organisation (used to pick a segment)."""
        if self.kind == "local_authority" and self.place is not None and self.designated:
            return 4
        if self.kind is not None and self.kind != "local_authority" and self.core:
            return 3
        if self.bare_place:
            return 2
        if self.kind is not None:
            return 1
        return 0


class Analyser:
    """Analyses folded segments against a gazetteer."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer
        self._soft = False  # is the current hint only a guess from a designator's language?

    def join_places(self, parts: list[str]) -> list[str]:
        """See :func:`convene.resolution.places.join_places`."""
        return join_places(self.gazetteer, parts)

    def _find(self, name: str, hint: frozenset[str], inflected: bool) -> Place | None:
        places = self.gazetteer.lookup(name, hint, self._soft)
        if not places:
            return None
        best = places[0]
        # A guessed dictionary form must name a real town: in the hinted country, or big.
        if (
            inflected
            and best.population < _SIGNIFICANT_POPULATION
            and not self._hinted(best, name, hint)
        ):
            return None
        return best

    def _hinted(self, place: Place, name: str, hint: frozenset[str]) -> bool:
        """Is ``place`` in the hinted countries, counting a guessed hint only for a place's
        own name (see :meth:`Gazetteer.lookup`)?"""
        return place.country in hint and (not self._soft or place.key == name)

    def candidates(
        self, words: list[str], usable: list[bool], hint: frozenset[str], inflect: bool = False
    ) -> list[tuple[Place, int, int, bool]]:
        """Every run of usable words that names a place: (place, start, end, hinted).

        Inflected forms ("Krakowa", "Helsingin") are only guessed with ``inflect``, i.e.
        right after a municipal designator: elsewhere a guess finds villages in words.
        """
        found: list[tuple[Place, int, int, bool]] = []
        n = len(words)
        for start in range(n):
            for end in range(start + 1, min(n, start + _MAX_PLACE_WORDS) + 1):
                if not usable[end - 1]:
                    break
                chunk = words[start:end]
                if chunk[-1] in CONNECTORS or (end - start == 1 and chunk[0] in CONNECTORS):
                    continue
                name = " ".join(chunk)
                place = self._find(name, hint, False)
                if place is None:
                    variant = contraction_variant(chunk)
                    if variant:
                        name = " ".join(variant)
                        place = self._find(name, hint, False)
                if place is None and inflect and end - start <= 2:
                    for form in genitive_variants(chunk[-1]):
                        name = " ".join([*chunk[:-1], form])
                        place = self._find(name, hint, True)
                        if place is not None:
                            break
                if place is not None:
                    found.append((place, start, end, self._hinted(place, name, hint)))
        return found

    def analyse(self, segment: str, hint: frozenset[str], strict: bool = False) -> Analysis:
        """Analyse one folded segment.

        ``hint`` lists preferred countries for places (the registrant's country, the email's
        top-level domain); with ``strict`` only places in ``hint`` count, which is how
        directory entries, whose country is known, are read.
        """
        words = segment.split()
        hits = scan(words)
        guess = guess_kind(hits)
        usable = _usable(hits, len(words))
        place_hint = hint or guess.countries
        self._soft = not hint
        result: Analysis | None = None
        if guess.kind == "local_authority" and guess.designated:
            result = self._municipal(segment, words, hits, guess, usable, place_hint, strict)
            if guess.weak and result.place is None:
                # "British Council", "Crime Prevention Council": a common word, no city;
                # the word stays part of the name.
                result = None
                hits = [h for h in hits if h.cue.role != "weak"]
                usable = _usable(hits, len(words))
                guess = KindGuess(None, None)
        elif guess.kind is None:
            result = self._bare(segment, words, guess, place_hint, strict)
        if result is None:
            result = self._other(segment, words, hits, guess, usable, place_hint)
        return replace(result, language_country=_language_country(words))

    def _bare(
        self,
        segment: str,
        words: list[str],
        guess: KindGuess,
        hint: frozenset[str],
        strict: bool,
    ) -> Analysis | None:
        """A segment that is nothing but a place name: the municipality ("Liège")."""
        content = _strip_connectors(words)
        if not content:
            return None
        for place, start, end, in_hint in self.candidates(content, [True] * len(content), hint):
            if start != 0 or end != len(content):
                continue
            if (strict and not in_hint) or not (
                in_hint or place.population >= _BARE_PLACE_POPULATION
            ):
                return None
            return Analysis(
                segment,
                "local_authority",
                place.name,
                place,
                False,
                False,
                True,
                f"la:{place.geonameid}",
                place.key,
                guess.countries,
            )
        return None

    def _municipal(
        self,
        segment: str,
        words: list[str],
        hits: list[CueHit],
        guess: KindGuess,
        usable: list[bool],
        hint: frozenset[str],
        strict: bool,
    ) -> Analysis:
        anchors = _anchors(words, hits)
        best: tuple[tuple[int, int, int, int], Place] | None = None
        for place, start, end, in_hint in self.candidates(words, usable, hint, inflect=True):
            if strict and not in_hint:
                continue
            adjacent = start in anchors or (end - 1) in anchors
            rank = (int(adjacent), int(in_hint), end - start, place.population)
            if best is None or rank > best[0]:
                best = (rank, place)
        if best is not None:
            place = best[1]
            if any(w in DISTRICT_WORDS for w in words):
                # A district with its own council: keyed apart from the city.
                rest = sorted(
                    w
                    for w, ok in zip(words, usable, strict=True)
                    if ok and w not in CONNECTORS and w != place.key and w not in DISTRICT_WORDS
                )
                district = " ".join(["district", *rest])
                return Analysis(
                    segment,
                    "local_authority",
                    guess.cue,
                    place,
                    False,
                    True,
                    False,
                    f"lad:{place.geonameid}:{district}",
                    f"{place.key} {district}",
                    guess.countries,
                )
            prefix = "metro" if guess.metro else "la"
            core = f"metro {place.key}" if guess.metro else place.key
            return Analysis(
                segment,
                "local_authority",
                guess.cue,
                place,
                guess.metro,
                True,
                False,
                f"{prefix}:{place.geonameid}",
                core,
                guess.countries,
            )
        residue = [w for w, ok in zip(words, usable, strict=True) if ok and w not in CONNECTORS]
        misspelt = None if strict else misspelt_place(self.gazetteer, residue, hint)
        if misspelt is not None:
            return Analysis(
                segment,
                "local_authority",
                guess.cue,
                misspelt,
                guess.metro,
                True,
                False,
                f"{'metro' if guess.metro else 'la'}:{misspelt.geonameid}",
                f"metro {misspelt.key}" if guess.metro else misspelt.key,
                guess.countries,
            )
        core = " ".join(sorted(residue))
        prefix = "metrox" if guess.metro else "lax"
        signature = f"{prefix}:{core}" if core else None
        if guess.metro and core:
            core = f"metro {core}"
        return Analysis(
            segment,
            "local_authority",
            guess.cue,
            None,
            guess.metro,
            True,
            False,
            signature,
            core,
            guess.countries,
        )

    def _other(
        self,
        segment: str,
        words: list[str],
        hits: list[CueHit],
        guess: KindGuess,
        usable: list[bool],
        hint: frozenset[str],
    ) -> Analysis:
        """Any other organisation: cue labels, significant places and remaining words."""
        sig_words = [h.cue.canon for h in hits if h.cue.role in ("kind", "metro")]
        core_words = list(sig_words)
        taken = [not ok for ok in usable]
        found: Place | None = None
        places = [
            c
            for c in self.candidates(words, usable, hint)
            if c[0].population >= _SIGNIFICANT_POPULATION
        ]
        places.sort(key=lambda c: (c[2] - c[1], c[0].population), reverse=True)
        for place, start, end, _ in places:
            if any(taken[start:end]):
                continue
            for i in range(start, end):
                taken[i] = True
            if found is None or place.population > found.population:
                found = place
            sig_words.append(f"@{place.geonameid}")
            core_words.append(place.key)
        named = self._take_countries(words, taken)
        for i, word in enumerate(words):
            if not taken[i] and word not in CONNECTORS and word not in UNIT_WORDS:
                sig_words.append(word)
                core_words.append(word)
        plain = [w for w in sig_words if not w.isupper()]
        signature = "k:" + " ".join(sorted(sig_words)) if plain else None
        core = " ".join(sorted(core_words))
        return Analysis(
            segment,
            guess.kind,
            guess.cue,
            found,
            guess.metro,
            False,
            False,
            signature,
            core,
            guess.countries,
            named_countries=named,
        )

    def _take_countries(self, words: list[str], taken: list[bool]) -> frozenset[str]:
        """Mark country names and adjectives as taken; return their countries."""
        table = self.gazetteer.country_words
        named: set[str] = set()
        for size in (3, 2, 1):
            for start in range(0, len(words) - size + 1):
                if any(taken[start : start + size]):
                    continue
                code = table.get(" ".join(words[start : start + size]))
                if code:
                    named.add(code)
                    for i in range(start, start + size):
                        taken[i] = True
        return frozenset(named)


def _anchors(words: list[str], hits: list[CueHit]) -> set[int]:
    """Word positions right after a municipal cue, or right before one used as a suffix
    ("Malmö stad", "Helsingin kaupunki"), skipping connectors."""
    anchors: set[int] = set()
    for hit in hits:
        if hit.cue.role not in ("designator", "dept", "metro", "weak"):
            continue
        j = hit.end
        while j < len(words) and words[j] in CONNECTORS:
            anchors.add(j)
            j += 1
        anchors.add(j)
        j = hit.start - 1
        while j >= 0 and words[j] in CONNECTORS:
            j -= 1
        anchors.add(j)
    return anchors


def _language_country(words: list[str]) -> str | None:
    for word in words:
        code = LANGUAGE_COUNTRY.get(word)
        if code:
            return code
    return None


def _usable(hits: list[CueHit], n: int) -> list[bool]:
    """Words not taken by a cue phrase."""
    usable = [True] * n
    for hit in hits:
        for i in range(hit.start, hit.end):
            usable[i] = False
    return usable


def _strip_connectors(words: list[str]) -> list[str]:
    start, end = 0, len(words)
    while start < end and words[start] in CONNECTORS:
        start += 1
    while end > start and words[end - 1] in CONNECTORS:
        end -= 1
    return words[start:end]
