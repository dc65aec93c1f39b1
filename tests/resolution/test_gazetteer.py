"""The GeoNames gazetteer: exonyms, ranking, and the cache."""

from __future__ import annotations

import functools
import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from convene.resolution import gazetteer as gz
from convene.resolution.gazetteer import Gazetteer


@pytest.mark.parametrize(
    ("name", "city", "country"),
    [
        ("luik", "Liège", "BE"),
        ("luttich", "Liège", "BE"),
        ("cologne", "Köln", "DE"),
        ("colonia", "Köln", "DE"),
        ("mailand", "Milan", "IT"),
        ("cracovie", "Kraków", "PL"),
        ("lisbonne", "Lisbon", "PT"),
        ("den haag", "The Hague", "NL"),
        ("the hague", "The Hague", "NL"),
        ("s gravenhage", "The Hague", "NL"),
        ("bucuresti", "Bucharest", "RO"),
        ("athina", "Athens", "GR"),
    ],
)
def test_exonyms_lead_to_the_city(gazetteer: Gazetteer, name: str, city: str, country: str) -> None:
    best = gazetteer.lookup(name)[0]
    assert (best.name, best.country) == (city, country)


def test_population_breaks_ties_and_country_overrides(gazetteer: Gazetteer) -> None:
    assert gazetteer.lookup("essen")[0].country == "DE"
    assert gazetteer.lookup("essen", frozenset({"BE"}))[0].country == "BE"


def test_a_primary_name_beats_a_far_larger_places_exonym_only_within_reason(
    gazetteer: Gazetteer,
) -> None:
    # Valence (FR, 64k) is its own name; "Valence" is only an exonym of Valencia (ES).
    assert gazetteer.lookup("valence")[0].country == "FR"
    # Cologne (IT, 7k) is tiny next to Köln, whose exonym it shares.
    assert gazetteer.lookup("cologne")[0].country == "DE"


def test_a_guessed_hint_only_counts_for_a_places_own_name(gazetteer: Gazetteer) -> None:
    french = frozenset({"FR", "BE"})
    assert gazetteer.lookup("la haye", french, soft=True)[0].name == "The Hague"
    assert gazetteer.lookup("essen", french | {"NL"}, soft=True)[0].country == "BE"


def test_only_europe_and_no_city_districts(gazetteer: Gazetteer) -> None:
    assert gazetteer.lookup("chicago") == []
    assert all(not any(ch.isdigit() for ch in p.name) for p in gazetteer.lookup("paris"))


def test_country_words_are_in_the_cache(gazetteer: Gazetteer) -> None:
    assert gazetteer.country_words["belgique"] == "BE"
    assert gazetteer.country_words["spain"] == "ES"
    assert gazetteer.country_words["deutsches"] == "DE"


def test_cached_load_reads_the_cache_without_rebuilding(gazetteer: Gazetteer) -> None:
    """Start-up time itself is measured by `make bench`, not asserted here."""
    gz._LOADED.clear()
    before = gz.cache_path().stat().st_mtime_ns
    loaded = gz.load()
    assert gz.cache_path().stat().st_mtime_ns == before
    assert len(loaded) > 50_000


@functools.cache
def _compile_once() -> dict:
    """GeoNames compiled once for the rebuild tests below (seconds each time): they check that a
    stale, corrupt or unwritable cache is replaced or bypassed, not the compiling itself. The
    cache this test process built already holds what compiling returns (same version)."""
    return gz._read(gz.cache_path()) or gz.compile_payload()


@pytest.fixture
def compile_once(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    calls: list[int] = []

    def compiled() -> dict:
        calls.append(1)
        return _compile_once()

    monkeypatch.setattr(gz, "compile_payload", compiled)
    yield
    assert calls, "the cache was not rebuilt"


@pytest.mark.usefixtures("compile_once")
def test_a_stale_cache_is_rebuilt(tmp_path: Path) -> None:
    path = tmp_path / "gazetteer.json"
    path.write_text(json.dumps({"version": -1, "places": [], "index": {}}), encoding="utf-8")
    rebuilt = gz.load(path)
    assert rebuilt.lookup("liege")[0].country == "BE"
    assert json.loads(path.read_text(encoding="utf-8"))["version"] == gz.CACHE_VERSION


@pytest.mark.usefixtures("compile_once")
def test_a_corrupt_cache_is_rebuilt(tmp_path: Path) -> None:
    path = tmp_path / "gazetteer.json"
    path.write_bytes(b"\x00not json")
    assert gz.load(path).lookup("milano")[0].name == "Milan"


@pytest.mark.usefixtures("compile_once")
def test_an_unwritable_cache_falls_back_to_memory(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("", encoding="utf-8")
    loaded = gz.load(blocker / "gazetteer.json")
    assert loaded.lookup("gent")[0].country == "BE"
    assert not (blocker / "gazetteer.json").exists()
