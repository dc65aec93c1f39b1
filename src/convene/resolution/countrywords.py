"""Country names and adjectives inside organisation names ("Belgian Red Cross", "Cruz
Roja Española", "Home Office UK", "Ministry of Interior (Spain)").

Such words say which country an organisation belongs to, not which organisation it is. The
analysis takes them out of the matching key and keeps them as a constraint, so "Belgian Red
Cross" meets "Croix-Rouge de Belgique" while "Cruz Roja Española" never does.

Country names come from babel's CLDR data in the network's main languages and are built
into the gazetteer cache (babel is only imported while building); adjectives are listed
here, with German endings generated.
"""

from __future__ import annotations

from functools import lru_cache

from convene.resolution.normalise import fold

__all__ = ["ADJECTIVES", "LOCALES", "build_country_words", "country_code"]

LOCALES = (
    "en",
    "fr",
    "de",
    "es",
    "it",
    "nl",
    "pt",
    "pl",
    "sv",
    "da",
    "fi",
    "ca",
    "cs",
    "hu",
    "ro",
    "el",
    "hr",
    "sl",
    "nb",
)

_GERMAN_STEMS = {
    "deutsch": "DE",
    "franzosisch": "FR",
    "belgisch": "BE",
    "niederlandisch": "NL",
    "osterreichisch": "AT",
    "schweizerisch": "CH",
    "italienisch": "IT",
    "spanisch": "ES",
    "polnisch": "PL",
    "schwedisch": "SE",
    "danisch": "DK",
    "finnisch": "FI",
    "portugiesisch": "PT",
    "griechisch": "GR",
    "britisch": "GB",
    "irisch": "IE",
    "nederlands": "NL",
    "vlaams": "BE",
}

ADJECTIVES: dict[str, str] = {
    **{
        stem + end: code
        for stem, code in _GERMAN_STEMS.items()
        for end in ("", "e", "er", "es", "en")
    },
    **{
        word: code
        for code, words in {
            "FR": "french francais francaise francaises francesa frances francese",
            "NL": "dutch neerlandais neerlandaise",
            "DE": "german allemand allemande aleman alemana tedesco tedesca",
            "AT": "austrian autrichien autrichienne",
            "CH": "swiss suisse schweizer svizzero svizzera",
            "IT": "italian italien italienne italiano italiana italiani",
            "PT": "portuguese portugais portugaise portugues portuguesa",
            "PL": "polish polonais polonaise polski polska polskie",
            "SE": "swedish suedois suedoise svenska svenskt",
            "DK": "danish danois danoise dansk danske",
            "NO": "norwegian norvegien norvegienne norsk norske",
            "FI": "finnish finlandais finlandaise suomen",
            "GR": "greek hellenic grec grecque",
            "CY": "cypriot cyprus",
            "RO": "romanian roumain roumaine romana romania",
            "CZ": "czech tcheque ceska cesky ceske",
            "SK": "slovak slovaque slovenska slovensky",
            "HU": "hungarian hongrois hongroise magyar",
            "SI": "slovenian slovene slovenska",
            "HR": "croatian croate hrvatska hrvatski",
            "IE": "irish irlandais irlandaise",
            "LU": "luxembourgish luxembourgeois luxembourgeoise",
            "MT": "maltese maltais",
            "LT": "lithuanian lietuvos",
            "LV": "latvian latvijas",
            "EE": "estonian eesti",
            "BG": "bulgarian bulgare",
            "RS": "serbian serbe",
            # Nations whose name says the country just as well.
            "GB": "british uk britannique england scotland wales english scottish welsh",
            "ES": "spanish espagnol espagnole espanol espanola espanoles espanyol espanyola",
            "BE": "belgian belge belges",
        }.items()
        for word in words.split()
    },
}


def build_country_words(codes: frozenset[str]) -> dict[str, str]:
    """Folded country names (all LOCALES) and adjectives -> ISO code, for ``codes``."""
    from babel import Locale

    words: dict[str, str] = {}
    for locale_name in LOCALES:
        try:
            territories = Locale.parse(locale_name).territories
        except (ValueError, LookupError):
            continue
        for code in codes:
            name = territories.get(code)
            if name:
                key = fold(name)
                if key and len(key) >= 3:
                    words.setdefault(key, code)
    for word, code in ADJECTIVES.items():
        words.setdefault(word, code)
    return words


@lru_cache(maxsize=4096)
def country_code(value: str) -> str | None:
    """An ISO alpha-2 code from what a form or file holds ("de", "UK", "DEU", "Germany")."""
    value = (value or "").strip()
    if not value:
        return None
    if len(value) == 2 and value.isalpha():
        upper = value.upper()
        return "GB" if upper == "UK" else "GR" if upper == "EL" else upper
    import pycountry  # only for the rare spelled-out country: keeps start-up fast

    try:
        found = pycountry.countries.lookup(value)
    except LookupError:
        return None
    return str(found.alpha_2)
