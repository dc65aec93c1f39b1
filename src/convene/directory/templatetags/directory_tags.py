"""Labels of the directory's codes in the page's language."""

from __future__ import annotations

from django import template

from convene.core.countries import country_name
from convene.directory.models import OrganisationKind

register = template.Library()


@register.filter
def kind_label(code: str) -> str:
    """``local_authority`` -> ``Local authority`` (translated)."""
    try:
        return str(OrganisationKind(code).label)
    except ValueError:
        return code


@register.filter
def country_label(code: str) -> str:
    """``BE`` -> ``Belgium`` (``Belgique`` in French)."""
    return country_name(code) if code else ""
