"""Member lists as networks really keep them: French and German headers and kinds, read without
remapping (the variants are listed in docs/imports.md)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import translation

from convene.core.tables import match_columns, read_table
from convene.directory.member_list import COLUMNS, kind_of, parse_member_list
from convene.directory.models import Organisation
from convene.directory.services.member_import import member_list_import

FRENCH = (
    "Nom de la collectivité;Type de structure;Pays (code ISO);Domaine(s);Autres appellations;"
    "Adhérent depuis;Date de fin d'adhésion\n"
    "Ville de Grenoble;Commune;FR;grenoble.example;Grenoble;01/09/2016;\n"
    "Département de l'Isère;Département;FR;isere.example;;2018;31/12/2023\n"
).encode()

GERMAN = (
    "Name der Organisation,Art der Organisation,Land,E-Mail-Domänen,Andere Namen,"
    "Mitglied seit,Mitglied bis\n"
    "Stadt Leipzig,Stadt,Deutschland,leipzig.example,City of Leipzig,01.01.2015,\n"
    "Landkreis Harz,Landkreis,DE,kreis-hz.example,,2019-03-01,2022-12-31\n"
    "Deutsches Forum für Kriminalprävention,Verein,Deutschland,,,2020,\n"
).encode()


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.mark.parametrize("data", [FRENCH, GERMAN], ids=["french", "german"])
def test_every_column_is_found(data):
    table = read_table(data)
    assert set(match_columns(table.headers, COLUMNS)) == set(COLUMNS)
    parsed = parse_member_list(table)
    assert parsed.errors == []


@pytest.mark.django_db
def test_a_french_member_list_is_imported():
    member_list_import(actor=None, file_name="adherents.csv", data=FRENCH)
    isere = Organisation.objects.get(name="Département de l'Isère")
    assert (isere.kind, isere.country) == ("regional_authority", "FR")
    period = isere.memberships.get()
    assert (period.member_from, period.member_until) == (dt.date(2018, 1, 1), dt.date(2023, 12, 31))
    grenoble = Organisation.objects.get(name="Ville de Grenoble")
    assert grenoble.memberships.get().member_from == dt.date(2016, 9, 1)
    assert list(grenoble.aliases.values_list("name", flat=True)) == ["Grenoble"]


@pytest.mark.django_db
def test_a_german_member_list_is_imported():
    member_list_import(actor=None, file_name="mitglieder.csv", data=GERMAN)
    leipzig = Organisation.objects.get(name="Stadt Leipzig")
    assert (leipzig.kind, leipzig.country) == ("local_authority", "DE")
    assert leipzig.memberships.get().member_from == dt.date(2015, 1, 1)
    harz = Organisation.objects.get(name="Landkreis Harz")
    assert harz.kind == "regional_authority"
    assert harz.memberships.get().member_until == dt.date(2022, 12, 31)
    assert Organisation.objects.get(name__startswith="Deutsches Forum").kind == "ngo"


@pytest.mark.parametrize(
    ("word", "kind"),
    [
        ("Gemeinde", "local_authority"),
        ("Kommune", "local_authority"),
        ("Bundesland", "regional_authority"),
        ("Behörde", "public_body"),
        ("Universität", "research"),
        ("Unternehmen", "private"),
        ("Sonstige", "other"),
    ],
)
def test_german_kinds(word, kind):
    assert kind_of(word) == kind
