"""The decision, on a small hand-made directory: each test names the trap it guards."""

from __future__ import annotations

import pytest

from convene.resolution.countrywords import country_code
from convene.resolution.engine import Resolver
from convene.resolution.gazetteer import Gazetteer
from convene.resolution.types import Organisation, Registrant, Resolution, ResolutionError

DIRECTORY = [
    Organisation("essen", "Stadt Essen", "local_authority", "DE", True, (), ("essen.de",)),
    Organisation("essen-be", "Gemeente Essen", "local_authority", "BE", False, (), ()),
    Organisation("liege", "Ville de Liège", "local_authority", "BE", True, (), ("liege.be",)),
    Organisation(
        "uliege", "Université de Liège", "research", "BE", False, ("ULiège",), ("uliege.be",)
    ),
    Organisation("bordeaux", "Mairie de Bordeaux", "local_authority", "FR", True),
    Organisation(
        "bx-metro",
        "Bordeaux Métropole",
        "local_authority",
        "FR",
        True,
        (),
        ("bordeaux-metropole.fr",),
    ),
    Organisation("rotterdam", "Gemeente Rotterdam", "local_authority", "NL", True),
    Organisation("barcelona", "Ajuntament de Barcelona", "local_authority", "ES", True),
    Organisation("dipbcn", "Diputació de Barcelona", "regional_authority", "ES", True),
    Organisation("krakow", "Urząd Miasta Krakowa", "local_authority", "PL", True),
    Organisation("torino", "Comune di Torino", "local_authority", "IT", True),
    Organisation("marseille", "Ville de Marseille", "local_authority", "FR", False),
    Organisation(
        "efus", "European Forum for Urban Security", "ngo", "FR", False, ("Efus",), ("efus.eu",)
    ),
    Organisation("redcross-be", "Croix-Rouge de Belgique", "ngo", "BE", False),
    Organisation("lyon-univ", "Université Lyon 2", "research", "FR", False),
    Organisation("lille-univ", "Université de Lille", "research", "FR", False),
]


@pytest.fixture(scope="module")
def resolver(gazetteer: Gazetteer) -> Resolver:
    return Resolver(DIRECTORY, gazetteer)


def resolve(resolver: Resolver, text: str, email: str = "", country: str = "") -> Resolution:
    return resolver.resolve(Registrant("r1", text, email, country))


@pytest.mark.parametrize(
    ("text", "org_id"),
    [
        ("Stadt Essen, Ordnungsamt", "essen"),
        ("VILLE DE LIEGE", "liege"),
        ("Stad Luik", "liege"),
        ("Ajuntament de Barcelona – Gerència de Seguretat", "barcelona"),
        ("Gemeente Rotterdam, Directie Veiligheid", "rotterdam"),
        ("Urząd Miasta Krakowa", "krakow"),
        ("Ville de Cracovie", "krakow"),
        ("Municipality of Turin", "torino"),
        ("Città di Torino", "torino"),
        ("Université de Liège", "uliege"),
        ("Universität Lüttich", "uliege"),
        ("Bordeaux Métropole", "bx-metro"),
        ("Ville de Bordeaux", "bordeaux"),
        ("Diputació de Barcelona", "dipbcn"),
        ("Ville de Marseile", "marseille"),  # a typo: constrained fuzzy match
        ("EFUS", "efus"),
        ("Belgian Red Cross", "redcross-be"),
    ],
)
def test_matches(resolver: Resolver, text: str, org_id: str) -> None:
    result = resolve(resolver, text)
    assert (result.status, result.org_id) == ("matched", org_id), result.explanation


def test_a_university_or_police_named_after_a_city_is_not_the_city(resolver: Resolver) -> None:
    ude = resolve(resolver, "Universität Duisburg-Essen")
    assert (ude.status, ude.kind, ude.country) == ("new", "research", "DE")
    police = resolve(resolver, "Polizei Essen")
    assert (police.status, police.kind, police.country) == ("new", "public_body", "DE")
    erasmus = resolve(resolver, "Erasmus University Rotterdam")
    assert (erasmus.status, erasmus.kind) == ("new", "research")


def test_a_place_in_another_segment_does_not_capture_an_organisation(resolver: Resolver) -> None:
    result = resolve(resolver, "Universität Duisburg-Essen, Essen")
    assert result.status == "new" and result.kind == "research"


def test_essen_is_german_unless_country_or_email_says_belgium(resolver: Resolver) -> None:
    assert resolve(resolver, "Essen").org_id == "essen"
    assert resolve(resolver, "Essen", country="BE").org_id == "essen-be"
    assert resolve(resolver, "Essen", email="x@essen.be").org_id == "essen-be"
    assert resolve(resolver, "Gemeente Essen").org_id == "essen-be"


def test_email_domain_evidence(resolver: Resolver) -> None:
    department = resolve(resolver, "Ordnungsamt", email="k.schmidt@essen.de")
    assert department.org_id == "essen" and "essen.de" in department.explanation
    both = resolve(resolver, "Stadt Essen", email="k@essen.de")
    assert both.confidence > department.confidence
    assert "Stadt Essen" in both.explanation and "essen.de" in both.explanation
    webmail = resolve(resolver, "Ordnungsamt", email="k.schmidt@gmail.com")
    assert webmail.status == "review"


def test_a_place_spelt_by_the_domain_names_a_new_local_authority(resolver: Resolver) -> None:
    result = resolve(resolver, "Amt für öffentliche Ordnung", email="x@stadt-koeln.de")
    assert (result.status, result.kind, result.country) == ("new", "local_authority", "DE")
    assert result.cluster == resolve(resolver, "Stadt Köln").cluster


def test_text_and_domain_disagreeing_goes_to_review(resolver: Resolver) -> None:
    result = resolve(resolver, "Ville de Liège", email="x@uliege.be")
    assert result.status == "review" and result.org_id is None
    assert "uliege.be" in result.explanation


def test_a_bare_city_name_from_the_metropole_is_the_metropole(resolver: Resolver) -> None:
    result = resolve(resolver, "Bordeaux", email="x@bordeaux-metropole.fr")
    assert (result.status, result.org_id) == ("matched", "bx-metro")


def test_new_organisations_cluster_across_languages(resolver: Resolver) -> None:
    rows = ["Stadt Köln", "City of Cologne", "Ville de Cologne", "Comune di Colonia"]
    results = [resolve(resolver, text) for text in rows]
    assert {r.status for r in results} == {"new"}
    assert len({r.cluster for r in results}) == 1
    assert results[0].kind == "local_authority" and results[0].country == "DE"
    hamburg = resolve(resolver, "Freie und Hansestadt Hamburg")
    assert hamburg.cluster != results[0].cluster


@pytest.mark.parametrize(
    "text",
    [
        "-",
        "n/a",
        "N/A",
        "none",
        "retired",
        "Student",
        "independent",
        "Retraité",
        "keine",
        "",
        "retired police officer",
    ],
)
def test_none_values(resolver: Resolver, text: str) -> None:
    result = resolve(resolver, text)
    assert result.status == "none" and result.org_id is None


def test_blank_text_with_a_directory_domain_is_matched(resolver: Resolver) -> None:
    assert resolve(resolver, "", email="x@essen.de").org_id == "essen"


def test_close_candidates_abstain(resolver: Resolver) -> None:
    result = resolve(resolver, "Université de Lyonn")
    assert result.status in {"review", "new"}
    assert result.org_id is None


def test_country_words_constrain_instead_of_matching(resolver: Resolver) -> None:
    spanish = resolve(resolver, "Cruz Roja Española")
    assert spanish.status == "new" and spanish.country == "ES"


def test_every_answer_explains_itself(resolver: Resolver) -> None:
    for text in ["Stadt Essen", "Stadt Köln", "n/a", "Ville de Marseile", "Ordnungsamt"]:
        result = resolve(resolver, text)
        assert result.explanation and 0.0 <= result.confidence <= 1.0


def test_unknown_kind_is_our_error() -> None:
    with pytest.raises(ResolutionError, match="unknown kind"):
        Organisation("x", "X", "city", "FR")


@pytest.mark.parametrize(
    ("value", "code"),
    [("de", "DE"), ("UK", "GB"), ("Germany", "DE"), ("DEU", "DE"), ("", None), ("Atlantis", None)],
)
def test_country_code(value: str, code: str | None) -> None:
    assert country_code(value) == code


def test_a_bare_city_from_a_listed_domain_is_that_organisation(resolver: Resolver) -> None:
    result = resolve(resolver, "Liège", email="e@uliege.be")
    assert (result.status, result.org_id) == ("matched", "uliege")
    assert "uliege.be" in result.explanation


def test_a_municipal_department_before_the_city(resolver: Resolver) -> None:
    for text in ["Direction de la sécurité de la Ville de Liège", "Jugendamt Essen"]:
        result = resolve(resolver, text)
        assert result.status == "matched" and result.org_id in {"liege", "essen"}


def test_a_district_with_its_own_council_is_not_the_city(gazetteer: Gazetteer) -> None:
    budapest = Organisation("bp", "Budapest Főváros Önkormányzata", "local_authority", "HU")
    resolver = Resolver([budapest], gazetteer)
    district = resolve(resolver, "Budapest Főváros XIII. kerületi Önkormányzat")
    assert district.status == "new" and district.kind == "local_authority"
    assert district.cluster != resolve(resolver, "Budapest").cluster
    assert resolve(resolver, "Budapest").org_id == "bp"


def test_inflected_city_names_are_only_guessed_after_a_designator(resolver: Resolver) -> None:
    # "Galicia" must not become a Russian town through a Polish genitive rule.
    result = resolve(resolver, "Xunta de Galicia")
    assert result.kind == "regional_authority" and result.country != "RU"
    assert resolve(resolver, "Urząd Miejski Krakowa").org_id == "krakow"


@pytest.mark.parametrize(
    "text",
    [
        "Département de criminologie, ULiège",
        "Département de criminologie, Université de Liège",
        "Faculté de Droit - Université de Liège",
    ],
)
def test_a_department_before_its_university(resolver: Resolver, text: str) -> None:
    result = resolve(resolver, text, country="BE")
    assert (result.status, result.org_id) == ("matched", "uliege")


def test_retired_names_none_even_with_a_former_employer(resolver: Resolver) -> None:
    assert resolve(resolver, "Retired (formerly Stadt Essen)").status == "none"
    student = resolve(resolver, "Student, Université de Liège")
    assert student.org_id == "uliege"


def test_a_country_alone_is_no_organisation(resolver: Resolver) -> None:
    result = resolve(resolver, "Belgium")
    assert result.status == "review" and result.country == "BE"


def test_a_directory_name_inside_a_longer_text_is_a_review(gazetteer: Gazetteer) -> None:
    eurocities = Organisation("ec", "Eurocities", "ngo", "BE")
    resolver = Resolver([eurocities], gazetteer)
    result = resolve(resolver, "Eurocities network")
    assert result.status == "review" and "Eurocities" in result.explanation
    # A place shared with a directory name is not containment.
    assert resolve(resolver, "Barcelona Activa").status == "new"


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Oslo Politidistrikt", "public_body"),
        ("Senatsverwaltung für Inneres Berlin", "public_body"),
        ("Prosegur Compañía de Seguridad", "private"),
    ],
)
def test_more_kind_cues(resolver: Resolver, text: str, kind: str) -> None:
    assert resolve(resolver, text).kind == kind


def test_a_german_city_adjective_names_the_city(gazetteer: Gazetteer) -> None:
    wien = Organisation("wien", "Stadt Wien", "local_authority", "AT")
    assert resolve(Resolver([wien], gazetteer), "Wiener Stadtverwaltung").org_id == "wien"


def test_a_remembered_answer_is_the_fresh_answer_with_its_own_row_id(gazetteer: Gazetteer):
    """The resolver remembers answers by text, email domain and country; a colleague with the
    same text and domain gets the same answer under their own row id, and anything that differs
    (domain, country) is resolved afresh."""
    remembering = Resolver(DIRECTORY, gazetteer)
    rows = [
        Registrant("a", "Ville de Liège", "ana@city.example", "BE"),
        Registrant("b", "Ville de Liège", "bo@city.example", "BE"),
        Registrant("c", "Ville de Liège", "cy@liege.be", "BE"),
        Registrant("d", "Ville de Liège", "di@city.example", ""),
        Registrant("e", "Stadt Essen", "ed@essen.de", ""),
        Registrant("f", "Stadt Essen", "fe@essen.de", ""),
    ]
    first = [remembering.resolve(row) for row in rows]
    again = [remembering.resolve(row) for row in rows]
    fresh = [Resolver(DIRECTORY, gazetteer).resolve(row) for row in rows]
    assert first == again == fresh
    assert [r.row_id for r in first] == ["a", "b", "c", "d", "e", "f"]
    assert first[0].explanation != first[2].explanation  # the listed domain is evidence
