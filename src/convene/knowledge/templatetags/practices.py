from __future__ import annotations

from django import template
from django.utils.safestring import SafeString

from convene.core.countries import country_name as _country_name
from convene.knowledge.search import highlight_html

register = template.Library()


@register.filter
def highlighted(text: str | None) -> SafeString:
    """A search snippet as HTML: escaped, with its matches in ``<mark>``."""
    return highlight_html(text or "")


@register.filter
def country_name(code: str) -> str:
    return _country_name(code) if code else ""
