"""ISO 3166-1 countries, from pycountry, with names in the active language (babel)."""

from __future__ import annotations

from functools import cache

import pycountry
from babel import Locale
from django.utils.translation import get_language


@cache
def country_codes() -> frozenset[str]:
    return frozenset(country.alpha_2 for country in pycountry.countries)


@cache
def _names(language: str) -> dict[str, str]:
    locale = Locale.parse(language.replace("-", "_"))
    return {
        country.alpha_2: locale.territories.get(country.alpha_2) or country.name
        for country in pycountry.countries
    }


def country_name(code: str, language: str | None = None) -> str:
    """The country's name in ``language`` (default: the active language)."""
    names = _names((language or get_language() or "en").split("-")[0])
    return names.get(code.upper(), code)


def country_choices() -> list[tuple[str, str]]:
    """Choices for model fields; a callable, so migrations do not list 249 countries."""
    names = _names((get_language() or "en").split("-")[0])
    return sorted(names.items(), key=lambda item: item[1])


def is_country_code(value: str) -> bool:
    return value in country_codes()
