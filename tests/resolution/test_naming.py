"""Readable names for new organisations: typed forms in 14 languages and the name each
must produce (issue #15). The directory is empty, so every row is a new organisation."""

from __future__ import annotations

import pytest

from convene.resolution.engine import Resolver
from convene.resolution.gazetteer import Gazetteer
from convene.resolution.normalise import fold
from convene.resolution.translit import romanise
from convene.resolution.types import Registrant, held_for_review

# (typed, country given, name it must produce)
CANONICAL: list[tuple[str, str, str]] = [
    # Italian
    ("Comune di Torino, Polizia Municipale", "IT", "Comune di Torino"),
    ("Polizia Municipale di Torino", "IT", "Comune di Torino"),
    ("Polizia Locale di Verona", "IT", "Comune di Verona"),
    ("Comune di Bari - Assessorato alla sicurezza", "IT", "Comune di Bari"),
    ("Ministero dell'Interno - Dipartimento della PS", "IT", "Ministero dell'Interno"),
    ("Univ. di Padova", "IT", "Università di Padova"),
    # Spanish and Catalan
    ("Ayto. Madrid", "ES", "Ayuntamiento de Madrid"),
    ("Ayto. de Zaragoza - Policía Local", "ES", "Ayuntamiento de Zaragoza"),
    ("Policía Local de Málaga", "ES", "Ayuntamiento de Málaga"),
    ("Ayuntamineto de Alicante", "ES", "Ayuntamiento de Alicante"),
    ("Ajuntament de Sabadell", "ES", "Ajuntament de Sabadell"),
    ("Guardia Urbana de Badalona", "ES", "Ayuntamiento de Badalona"),
    # Portuguese
    ("CM Coimbra", "PT", "Câmara Municipal de Coimbra"),
    ("C.M. de Braga", "PT", "Câmara Municipal de Braga"),
    ("Polícia Municipal de Coimbra", "PT", "Câmara Municipal de Coimbra"),
    # French
    ("Police municipale de Nice", "FR", "Ville de Nice"),
    ("Ville de Rouen - Direction de la tranquillité publique", "FR", "Ville de Rouen"),
    ("Mairie de Dijon", "FR", "Mairie de Dijon"),
    ("Univ. Grenoble Alpes", "FR", "Université Grenoble Alpes"),
    ("Ville de Charleroi, Service de prévention", "BE", "Ville de Charleroi"),
    # German
    ("Stadt Essen, Ordnungsamt", "DE", "Stadt Essen"),
    ("Univ. Hamburg, Kriminologie", "DE", "Universität Hamburg"),
    ("Ordnungsamt Dortmund", "DE", "Stadt Dortmund"),
    ("Stadtpolizei Winterthur", "CH", "Stadt Winterthur"),
    ("LHS Stuttgart", "DE", "Landeshauptstadt Stuttgart"),
    (
        "Landeshauptstadt Hannover, Fachbereich Öffentliche Ordnung",
        "DE",
        "Landeshauptstadt Hannover",
    ),
    ("Stadt Muenster", "DE", "Stadt Münster"),
    ("Stadt Salzburg Ordnungsdienst", "AT", "Stadt Salzburg"),
    ("Essen city council", "DE", "Stadt Essen"),
    # Dutch
    ("Gem. Amsterdam", "NL", "Gemeente Amsterdam"),
    ("Gem. Tilburg, afdeling Veiligheid", "NL", "Gemeente Tilburg"),
    ("Gemeete Groningen", "NL", "Gemeente Groningen"),
    ("Stad Antwerpen", "BE", "Stad Antwerpen"),
    # Polish
    ("Straż Miejska w Poznaniu", "PL", "Miasto Poznań"),
    ("Straż Miejska Lublin", "PL", "Miasto Lublin"),
    ("UM Łódź", "PL", "Miasto Łódź"),
    ("Urząd Miasta Szczecin", "PL", "Urząd Miasta Szczecin"),
    # Czech and Slovak
    ("Městská policie Plzeň", "CZ", "Statutární město Plzeň"),
    ("Magistrát města Plzně", "CZ", "Statutární město Plzen"),  # GeoNames spells it so
    ("Městská policie Liberec", "CZ", "Statutární město Liberec"),
    ("Mestská polícia Žilina", "SK", "Mesto Žilina"),
    ("Mestská polícia Nitra", "SK", "Mesto Nitra"),
    ("Ministerstvo vnútra SR", "SK", "Ministerstvo vnútra Slovenskej republiky"),
    # Romanian
    ("Poliția Locală Timișoara", "RO", "Primăria Municipiului Timișoara"),
    ("Politia Locala Constanta", "RO", "Primăria Municipiului Constanța"),
    ("Poliția Locală Brașov", "RO", "Primăria Municipiului Brașov"),
    # Hungarian
    ("Debrecen Megyei Jogú Város Önkormányzata", "HU", "Debrecen Megyei Jogú Város Önkormányzata"),
    ("Pécs MJV", "HU", "Pécs Megyei Jogú Város"),
    # Slovenian and Croatian
    ("MO Maribor", "SI", "Mestna občina Maribor"),
    ("Grad Splitt", "HR", "Grad Split"),
    ("Grad Rijeka - Gradsko redarstvo", "HR", "Grad Rijeka"),
    # Nordic
    ("Göteborgs stad", "SE", "Göteborgs stad"),
    ("Uppsala kommun, säkerhetsavdelningen", "SE", "Uppsala kommun"),
    ("Trondheim kommune", "NO", "Trondheim kommune"),
    ("Odense Kommune", "DK", "Odense Kommune"),
    ("Turun kaupunki", "FI", "Turun kaupunki"),
    # Greek, in its own script
    ("Δημοτική Αστυνομία Πάτρας", "GR", "Δήμος Πάτρας"),
    ("Δήμος Ηρακλείου - Δημοτική Αστυνομία", "GR", "Δήμος Ηρακλείου"),
    ("Δήμος Λάρισας", "GR", "Δήμος Λάρισας"),
    ("Δήμος Λεμεσού", "CY", "Δήμος Λεμεσού"),
    ("Dimos Irakleiou", "GR", "Dimos Irakleiou"),
    # Bulgarian and Serbian, in their own script
    ("Община Варна", "BG", "Община Варна"),
    ("Община Бургас - отдел Обществен ред", "BG", "Община Бургас"),
    ("Obshtina Ruse", "BG", "Obshtina Ruse"),
    ("Град Нови Сад", "RS", "Град Нови Сад"),
    # English
    ("Leeds CC", "GB", "Leeds City Council"),
    ("Bristol City Council - Community Safety", "GB", "Bristol City Council"),
    ("Cork City Council", "IE", "Cork City Council"),
    # National bodies in their own languages
    ("Polismyndigheten", "SE", "Polismyndigheten"),
    ("Justitsministeriet", "DK", "Justitsministeriet"),
    ("Bundesministerium für Inneres - Abteilung II", "AT", "Bundesministerium für Inneres"),
]


@pytest.fixture(scope="module")
def empty(gazetteer: Gazetteer) -> Resolver:
    return Resolver([], gazetteer)


def test_the_table_is_big_and_varied() -> None:
    assert len(CANONICAL) >= 60
    assert len({country for _, country, _ in CANONICAL}) >= 20


@pytest.mark.parametrize(("typed", "country", "name"), CANONICAL)
def test_readable_name(empty: Resolver, typed: str, country: str, name: str) -> None:
    result = empty.resolve(Registrant("r", typed, "", country))
    assert result.status == "new", result.explanation
    assert result.name == name, result.explanation
    assert not held_for_review(result)


def test_the_forms_of_one_organisation_are_one_cluster(empty: Resolver) -> None:
    forms = [
        "Straż Miejska w Poznaniu",
        "Urząd Miasta Poznania",
        "UM Poznań",
        "Miasto Poznań",
        "Poznań City Hall",
    ]
    clusters = {empty.resolve(Registrant("r", text, "", "PL")).cluster for text in forms}
    assert len(clusters) == 1


@pytest.mark.parametrize(
    "typed", ["Asdf qwerty", "Team Blue", "xyz", "Private citizen", "Ιδιώτης", "Частно лице"]
)
def test_no_readable_name_is_never_created_as_typed(empty: Resolver, typed: str) -> None:
    result = empty.resolve(Registrant("r", typed, "", "FR"))
    assert result.status != "new" or held_for_review(result)


@pytest.mark.parametrize(
    ("script", "latin"),
    [
        ("Столична община", "Stolichna obshtina"),  # Bulgarian Streamlined: щ -> sht
        ("Община Пловдив", "Obshtina Plovdiv"),
        (
            "Щастливец Ъгъл Юлия Явор Жеравна Цанко Хасково",
            "Shtastlivets Agal Yuliya Yavor Zheravna Tsanko Haskovo",
        ),
        ("Δήμος Αθηναίων", "Dimos Athinaion"),  # ELOT 743
        ("Θεσσαλονίκη", "Thessaloniki"),
        ("Λευκωσία", "Lefkosia"),  # ευ before a voiceless consonant -> ef
        ("Ευαγγελισμός", "Evangelismos"),  # ευ before a voiced one -> ev, γγ -> ng
        ("Μπαλτά", "Balta"),  # μπ at the start of a word -> b
        ("Κέντρο Μελετών Ασφαλείας", "Kentro Meleton Asfaleias"),
        ("Львівська міська рада", "Lvivska miska rada"),  # Ukrainian national system
        ("Київ", "Kyiv"),
        ("Харків", "Kharkiv"),
        ("Град Београд", "Grad Beograd"),  # Serbian: the Latin alphabet
        ("Нови Сад", "Novi Sad"),
        ("Министарство унутрашњих послова", "Ministarstvo unutrasnjih poslova"),
        ("Москва", "Moskva"),
    ],
)
def test_official_romanisation(script: str, latin: str) -> None:
    assert romanise(script) == latin
    assert fold(script) == fold(latin)


@pytest.mark.parametrize(
    ("with_umlaut", "without"),
    [("München", "Muenchen"), ("Köln", "Koeln"), ("Düsseldorf", "Duesseldorf")],
)
def test_german_ue_meets_umlaut(empty: Resolver, with_umlaut: str, without: str) -> None:
    a = empty.resolve(Registrant("r", f"Stadt {with_umlaut}", "", "DE"))
    b = empty.resolve(Registrant("r", f"Stadt {without}", "", "DE"))
    assert a.cluster == b.cluster and a.status == b.status == "new"


def test_a_department_named_by_its_email_gets_its_town(empty: Resolver) -> None:
    result = empty.resolve(Registrant("r", "Police municipale", "a.b@mairie-toulon.fr", "FR"))
    assert result.status == "new" and result.kind == "local_authority"
    assert result.name == "Ville de Toulon"


def test_a_department_without_its_town_is_never_named(empty: Resolver) -> None:
    result = empty.resolve(Registrant("r", "Poliția Locală Sector 3", "", "RO"))
    assert result.name is None and (result.status != "new" or held_for_review(result))


@pytest.mark.parametrize(
    ("field", "code"),
    [
        ("Deutschland", "DE"),
        ("Deutschalnd", "DE"),  # two letters swapped
        ("Germnay", "DE"),
        ("España", "ES"),
        ("Ελλάδα", "GR"),
        ("Suomi", "FI"),
        ("Česko", "CZ"),
        ("Polnad", "PL"),
        ("xyz", None),
    ],
)
def test_the_country_field_in_any_language_or_misspelt(
    empty: Resolver, field: str, code: str | None
) -> None:
    assert empty._country(field) == code
