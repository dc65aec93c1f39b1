"""Content written in several languages (titles, descriptions): django-i18nfield's JSON text.

A value is a ``LazyI18nString``: ``str(value)`` is the text in the active language, falling back
to English, then to the first language filled in. The set of languages is the setting
``CONTENT_LANGUAGES``; adding one needs no migration. See docs/development.md for the choice.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any, TypeAlias

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models.query_utils import DeferredAttribute
from django.utils.translation import gettext as _
from i18nfield.fields import I18nCharField, I18nTextField
from i18nfield.strings import LazyI18nString

__all__ = [
    "LazyI18nString",
    "TranslatedCharField",
    "TranslatedTextField",
    "content_languages",
    "translations",
    "translations_clean",
]

#: A translated value as services accept it: a plain string is the English text.
Translated: TypeAlias = "str | Mapping[str, str] | LazyI18nString"


def content_languages() -> list[str]:
    """The configured content languages, English first."""
    codes = [str(c).strip().lower() for c in settings.CONTENT_LANGUAGES if str(c).strip()]
    return ["en", *[c for c in dict.fromkeys(codes) if c != "en"]]


def translations(value: object) -> dict[str, str]:
    """The filled-in translations of a stored value, as a plain dict (English first)."""
    if isinstance(value, LazyI18nString):
        value = value.data
    if isinstance(value, Mapping):
        pairs = {str(k): str(v) for k, v in value.items() if v}
    elif value:
        pairs = {"en": str(value)}
    else:
        pairs = {}
    return dict(sorted(pairs.items(), key=lambda kv: (kv[0] != "en", kv[0])))


def translations_clean(
    value: Translated | None, *, field: str, required: bool, max_length: int | None = None
) -> dict[str, str]:
    """Validate a translated value from a form, the API or the CLI: known languages only,
    stripped, empty ones dropped, English present when ``required``."""
    known = content_languages()
    clean: dict[str, str] = {}
    for code, text in translations(value).items():
        if code not in known:
            raise ValidationError(
                {field: _("%(code)s is not one of the content languages.") % {"code": code}}
            )
        text = text.strip()
        if max_length is not None and len(text) > max_length:
            raise ValidationError({field: _("At most %(max)d characters.") % {"max": max_length}})
        if text:
            clean[code] = text
    if required and not clean.get("en"):
        raise ValidationError({field: _("Give the English text; other languages are optional.")})
    if clean and "en" not in clean:
        raise ValidationError({field: _("Give the English text as well.")})
    return clean


class _TranslatedAttribute(DeferredAttribute):
    """Assigning a dict or a string gives a ``LazyI18nString`` at once, as loading does: a model
    a service has just created reads the same as one fetched from the database."""

    def __set__(self, instance: Any, value: Any) -> None:
        instance.__dict__[self.field.attname] = self.field.to_python(value)


class _TranslatedMixin:
    """Stores English first and keeps accents readable, so that ordering the column orders by
    the English text and ``icontains`` finds "Liège" in any language."""

    descriptor_class = _TranslatedAttribute

    def get_prep_value(self, value: Any) -> Any:
        if isinstance(value, LazyI18nString):
            value = value.data
        if isinstance(value, str):
            # A plain string is the English text; a JSON object (a fixture) is kept as such.
            try:
                parsed = json.loads(value)
            except ValueError:
                parsed = None
            value = parsed if isinstance(parsed, dict) else {"en": value}
        if isinstance(value, Mapping):
            return json.dumps(translations(value), ensure_ascii=False)
        return super().get_prep_value(value)  # type: ignore[misc]

    def formfield(self, **kwargs: Any) -> Any:
        kwargs.setdefault("locales", content_languages())
        kwargs.pop("widget", None)  # the admin's plain text widgets cannot hold several languages
        return super().formfield(**kwargs)  # type: ignore[misc]


class TranslatedCharField(_TranslatedMixin, I18nCharField):
    """A one-line text in several languages (a JSON object in a text column)."""


class TranslatedTextField(_TranslatedMixin, I18nTextField):
    """A longer text in several languages (a JSON object in a text column)."""
