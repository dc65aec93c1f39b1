"""Email-domain evidence."""

from __future__ import annotations

import pytest

from convene.resolution.domains import domain_of, inspect_domain, parents


@pytest.mark.parametrize(
    ("email", "domain"),
    [
        ("a.b@Essen.DE", "essen.de"),
        ("x@stadt.nuernberg.de.", "stadt.nuernberg.de"),
        ("no-at-sign", ""),
        ("x@localhost", ""),
        ("", ""),
        ("x@bad domain.de", ""),
    ],
)
def test_domain_of(email: str, domain: str) -> None:
    assert domain_of(email) == domain


def test_parents() -> None:
    assert parents("a.stadt.essen.de") == ["a.stadt.essen.de", "stadt.essen.de", "essen.de"]


@pytest.mark.parametrize(
    "domain", ["gmail.com", "web.de", "orange.fr", "libero.it", "telenet.be", "mail.gmx.net"]
)
def test_webmail_counts_for_nothing(domain: str) -> None:
    info = inspect_domain(domain)
    assert info.webmail and info.country is None and info.place_words == ()


@pytest.mark.parametrize(
    ("domain", "word", "country"),
    [
        ("stadt-koeln.de", "koeln", "DE"),
        ("cm-lisboa.pt", "lisboa", "PT"),
        ("comune.torino.it", "torino", "IT"),
        ("essen.be", "essen", "BE"),
        ("manchester.gov.uk", "manchester", "GB"),
    ],
)
def test_a_domain_may_spell_a_place(domain: str, word: str, country: str) -> None:
    info = inspect_domain(domain)
    assert word in info.place_words and info.country == country


def test_a_label_with_more_than_a_place_spells_no_place() -> None:
    assert "bordeaux" not in inspect_domain("bordeaux-metropole.fr").place_words
    assert inspect_domain("efus.eu").country is None
