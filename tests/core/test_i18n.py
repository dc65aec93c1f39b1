from pathlib import Path

import pytest
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po
from django.urls import reverse

from convene.core.i18n_compile import LOCALE_DIR

pytestmark = pytest.mark.django_db

PO_FILES = sorted(LOCALE_DIR.glob("*/LC_MESSAGES/*.po"))


def test_language_switch_sets_french_and_back(client):
    response = client.post(reverse("set_language"), {"language": "fr", "next": "/"}, follow=True)
    body = response.content.decode()
    assert '<html lang="fr">' in body
    assert "Ce que propose le réseau" in body
    response = client.post(reverse("set_language"), {"language": "en", "next": "/"}, follow=True)
    assert "What the network offers" in response.content.decode()


def test_accept_language_picks_french(client):
    body = client.get(reverse("home"), headers={"Accept-Language": "fr-BE,fr;q=0.9"}).content
    assert "Aller au contenu principal" in body.decode()


@pytest.mark.parametrize("po_path", PO_FILES, ids=lambda p: str(p.relative_to(LOCALE_DIR)))
def test_catalogue_is_complete_and_compiled(po_path: Path):
    with po_path.open("rb") as handle:
        catalog = read_po(handle)
    untranslated = [m.id for m in catalog if m.id and (not m.string or m.fuzzy)]
    assert untranslated == []
    with po_path.with_suffix(".mo").open("rb") as handle:
        compiled = read_mo(handle)
    expected = {_key(m.id): _key(m.string) for m in catalog if m.id}
    actual = {_key(m.id): _key(m.string) for m in compiled if m.id}
    assert actual == expected, "run `python -m convene.core.i18n_compile` after editing the .po"


def _key(value: str | list | tuple) -> str | tuple:
    """Plural entries come back as lists from one reader and tuples from the other."""
    return value if isinstance(value, str) else tuple(value)


def test_french_catalogue_exists():
    assert [p.parent.parent.name for p in PO_FILES] == ["fr"]
