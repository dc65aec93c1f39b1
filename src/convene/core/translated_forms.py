"""Form inputs for translated content: one labelled input per content language, English first
and required, grouped under one legend by ``core/_translated.html``."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import get_language_info
from django.utils.translation import gettext as _

from convene.core.translated import content_languages, translations


def language_name(code: str) -> str:
    """The language's name in the viewer's language ("German", "allemand"), else its code."""
    try:
        return str(get_language_info(code)["name_translated"])
    except KeyError:
        return code


class TranslatedFieldsMixin(forms.BaseForm):
    """Declare ``translated = {"title": (label, required, max_length, textarea)}``; the form gets
    ``title_en``, ``title_fr``… and :meth:`translated_value` gives the dict for a service."""

    translated: dict[str, tuple[Any, bool, int | None, bool]] = {}

    def add_translated_fields(self, initial: dict[str, object] | None = None) -> None:
        initial = initial or {}
        for name, (label, required, max_length, textarea) in self.translated.items():
            values = translations(initial.get(name))
            for code in content_languages():
                widget = forms.Textarea(attrs={"rows": 4}) if textarea else forms.TextInput()
                widget.attrs["lang"] = code
                self.fields[f"{name}_{code}"] = forms.CharField(
                    label=_("%(field)s (%(language)s)")
                    % {"field": label, "language": language_name(code)},
                    required=required and code == "en",
                    max_length=max_length,
                    widget=widget,
                    initial=values.get(code, ""),
                )
                self.fields[f"{name}_{code}"].group = name  # type: ignore[attr-defined]
                self.fields[f"{name}_{code}"].group_label = label  # type: ignore[attr-defined]

    def translated_value(self, name: str) -> dict[str, str]:
        return {
            code: self.cleaned_data.get(f"{name}_{code}", "") or "" for code in content_languages()
        }

    def translated_group(self, name: str) -> list[forms.BoundField]:
        return [self[f"{name}_{code}"] for code in content_languages()]
