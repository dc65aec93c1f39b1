"""Admin pieces shared by the apps' admins (issue #16: no input causes a server error)."""

from __future__ import annotations

from typing import Any

from django.contrib.admin.widgets import AutocompleteSelect
from django.core.exceptions import ValidationError
from django.db import models
from django.forms import ModelChoiceField
from django.http import HttpRequest


class SafeAutocompleteSelect(AutocompleteSelect):
    """Django's autocomplete widget looks the submitted value up to show it again; a value that
    is not a key at all (``parent=abc``) raised ValueError there, a 500 instead of the form
    shown again with "Select a valid choice". Such values are simply not shown."""

    def optgroups(self, name: str, value: Any, attr: Any = None) -> list[Any]:
        keys = [v for v in value if _is_key(self.field.target_field, v)]
        return super().optgroups(name, keys, attr)


def _is_key(field: models.Field[Any, Any], value: Any) -> bool:
    try:
        field.to_python(value)
    except ValidationError:
        return False
    return "\x00" not in str(value)  # PostgreSQL refuses NUL even in a text key


class SafeAutocompleteMixin:
    """For a ModelAdmin or an inline with ``autocomplete_fields``."""

    def formfield_for_foreignkey(
        self, db_field: models.ForeignKey[Any, Any], request: HttpRequest, **kwargs: Any
    ) -> ModelChoiceField[Any] | None:
        if db_field.name in self.get_autocomplete_fields(request):  # type: ignore[attr-defined]
            kwargs.setdefault(
                "widget",
                SafeAutocompleteSelect(
                    db_field,
                    self.admin_site,  # type: ignore[attr-defined]
                    using=kwargs.get("using"),
                ),
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)  # type: ignore[misc]
