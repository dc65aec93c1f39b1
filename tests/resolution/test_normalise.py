"""Folding, segmentation and the inflection guesses used to find city names."""

from __future__ import annotations

import pytest

from convene.resolution.normalise import contraction_variant, fold, genitive_variants, segments


@pytest.mark.parametrize(
    ("raw", "folded"),
    [
        ("VILLE DE LIEGE", "ville de liege"),
        ("Ville de Liège", "ville de liege"),
        ("Urząd Miasta Łodzi", "urzad miasta lodzi"),
        ("Stadt Köln", "stadt koln"),
        ("Δήμος Αθηναίων", "dimos athinaion"),
        ("d\u2019Amiens", "d amiens"),
        ("'s-Gravenhage", "s gravenhage"),
        ("Weisser Ring e.V.", "weisser ring ev"),
        ("Fondazione S.r.l.", "fondazione srl"),
        ("Straße", "strasse"),
        ("  lots   of\tspace ", "lots of space"),
        ("", ""),
    ],
)
def test_fold(raw: str, folded: str) -> None:
    assert fold(raw) == folded


def test_segments_split_department_tails_but_keep_hyphenated_names() -> None:
    assert segments("Stadt Essen, Ordnungsamt") == ["stadt essen", "ordnungsamt"]
    assert segments("Ajuntament de Barcelona – Gerència de Seguretat") == [
        "ajuntament de barcelona",
        "gerencia de seguretat",
    ]
    assert segments("Universität Duisburg-Essen") == ["universitat duisburg essen"]
    assert segments("Primăria Municipiului Cluj-Napoca") == ["primaria municipiului cluj napoca"]
    assert segments("Ville de Paris / Police municipale") == ["ville de paris", "police municipale"]


def test_full_stop_splits_only_after_a_whole_word() -> None:
    assert segments("Generalitat de Catalunya. Departament d'Interior") == [
        "generalitat de catalunya",
        "departament d interior",
    ]
    assert segments("Ayto. de Madrid") == ["ayto de madrid"]


@pytest.mark.parametrize(
    ("inflected", "dictionary_form"),
    [
        ("krakowa", "krakow"),  # pl genitive
        ("warszawy", "warszawa"),
        ("gdansku", "gdansk"),  # pl locative
        ("lodzi", "lodz"),
        ("gdyni", "gdynia"),
        ("katowic", "katowice"),
        ("prahy", "praha"),  # cs
        ("brna", "brno"),
        ("zagreba", "zagreb"),  # hr
        ("helsingin", "helsinki"),  # fi
        ("tampereen", "tampere"),
        ("turun", "turku"),
        ("kobenhavns", "kobenhavn"),  # da
        ("athinaion", "athina"),  # el
    ],
)
def test_genitive_variants_include_the_dictionary_form(
    inflected: str, dictionary_form: str
) -> None:
    assert dictionary_form in genitive_variants(inflected)


def test_genitive_variants_skip_short_and_non_alphabetic_words() -> None:
    assert genitive_variants("rom") == []
    assert genitive_variants("11e") == []


def test_contraction_variant_restores_the_article() -> None:
    assert contraction_variant(["du", "havre"]) == ["le", "havre"]
    assert contraction_variant(["des", "sables", "d", "olonne"]) == ["les", "sables", "d", "olonne"]
    assert contraction_variant(["de", "lyon"]) is None
