"""Kind inference from multilingual cues (through the analysis, as the engine uses it)."""

from __future__ import annotations

import pytest

from convene.resolution.analysis import Analyser
from convene.resolution.gazetteer import Gazetteer
from convene.resolution.kinds import guess_kind, scan, typo_of_cue
from convene.resolution.normalise import fold


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        # research
        ("Universität Duisburg-Essen", "research"),
        ("Erasmus University Rotterdam", "research"),
        ("Università di Padova", "research"),
        ("Universidad de Granada", "research"),
        ("Hogeschool van Amsterdam", "research"),
        ("CNRS - CESDIP", "research"),
        ("Uniwersytet Jagielloński", "research"),
        # public bodies, including police named after a city
        ("Polizei Essen", "public_body"),
        ("Polizeipräsidium Essen", "public_body"),
        ("Ministère de l'Intérieur", "public_body"),
        ("Ministerio del Interior", "public_body"),
        ("Questura di Milano", "public_body"),
        ("Préfecture du Rhône", "public_body"),
        ("European Commission", "public_body"),
        ("City of London Police", "public_body"),
        # ngo
        ("Association France Victimes", "ngo"),
        ("Weisser Ring e.V.", "ngo"),
        ("Stichting Halt", "ngo"),
        ("Fondazione Pangea Onlus", "ngo"),
        ("Asociación Columbares", "ngo"),
        # private
        ("Securitas AB", "private"),
        ("Bosch Sicherheitssysteme GmbH", "private"),
        ("Citelum S.A.", "private"),
        ("Accenture Ltd", "private"),
        ("Egis Conseil SAS", "private"),
        # regional
        ("Région Grand Est", "regional_authority"),
        ("Regione Piemonte", "regional_authority"),
        ("Provincie Limburg", "regional_authority"),
        ("Generalitat de Catalunya", "regional_authority"),
        ("Junta de Castilla y León", "regional_authority"),
        ("Diputació de Girona", "regional_authority"),
        ("Landkreis Esslingen", "regional_authority"),
        # local: designator + place, municipal departments
        ("Stadt Köln", "local_authority"),
        ("Police municipale de Nice", "local_authority"),
        ("Polizia Locale di Milano", "local_authority"),
        ("Guardia Urbana de Barcelona", "local_authority"),
        ("Helsingin kaupunki", "local_authority"),
        ("Bordeaux Métropole", "local_authority"),
        ("Liège", "local_authority"),
    ],
)
def test_kind(gazetteer: Gazetteer, text: str, kind: str) -> None:
    analysis = Analyser(gazetteer).analyse(fold(text), frozenset())
    assert analysis.kind == kind


def test_longest_cue_wins_and_legal_forms_only_count_at_the_end() -> None:
    hits = scan(fold("police municipale de Lyon").split())
    assert hits[0].phrase == "police municipale"
    assert guess_kind(scan(fold("AB Testing Lab").split())).kind is None


def test_a_strong_cue_beats_a_common_word_designator() -> None:
    assert guess_kind(scan(fold("City University").split())).kind == "research"
    assert guess_kind(scan(fold("City Council").split())).kind == "local_authority"


def test_a_metropolitan_body_is_flagged_so_it_never_becomes_the_city() -> None:
    guess = guess_kind(scan(fold("Métropole Européenne de Lille").split()))
    assert (guess.kind, guess.metro) == ("local_authority", True)


@pytest.mark.parametrize(
    ("word", "meant"),
    [
        ("ayuntamineto", "ayuntamiento"),  # two letters swapped
        ("gemeete", "gemeente"),  # one dropped
        ("kommnue", "kommune"),
        ("stadtverwaltng", "stadtverwaltung"),
        ("policy", None),  # a word of its own, not a typo of "police"
        ("centre", None),
        ("department", None),
        ("maires", None),
        ("reggio", None),
        ("stadt", None),  # too short to guess
    ],
)
def test_typos_of_municipal_words(word: str, meant: str | None) -> None:
    assert typo_of_cue(word) == meant


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Justitsministeriet", "public_body"),
        ("Polismyndigheten", "public_body"),
        ("Rigspolitiet", "public_body"),
        ("Poliisihallitus", "public_body"),
        ("Belügyminisztérium", "public_body"),
        ("Ελληνική Αστυνομία", "public_body"),
        ("Національна поліція України", "public_body"),
        ("Mestská polícia Trnava", "local_authority"),
        ("Δημοτική Αστυνομία Λάρισας", "local_authority"),
    ],
)
def test_kinds_named_in_their_own_languages(text: str, kind: str) -> None:
    assert guess_kind(scan(fold(text).split())).kind == kind
