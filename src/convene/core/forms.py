"""Form helpers: a service's ValidationError shown on the form, and errors and help texts tied
to their inputs for assistive technology."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from convene.core.validators import validate_day, validate_text


def add_service_errors(form: forms.BaseForm, exc: ValidationError) -> None:
    """Show a service's ValidationError on ``form``: each field's messages on that field when
    the form has it, everything else (and an error without fields) above the form."""
    if not hasattr(exc, "error_dict"):
        form.add_error(None, exc)
        return
    for field, errors in exc.message_dict.items():
        form.add_error(field if field in form.fields else None, errors)


class AccessibleFormMixin(forms.BaseForm):
    """Call :meth:`refresh_aria` before rendering: each input then points at its help text and
    its errors (``aria-describedby``) and says when it is invalid (``aria-invalid``).

    Every field of such a form also refuses NUL and unpaired surrogates, and every date field
    a date outside the sane range (form errors), so no form passes what the database or the
    pages cannot hold."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.validators.append(validate_text)
            if isinstance(field, forms.DateField | forms.DateTimeField):
                field.validators.append(validate_day)

    def refresh_aria(self) -> None:
        for name, field in self.fields.items():
            bound = self[name]
            ids = []
            if field.help_text:
                ids.append(f"{bound.auto_id}-help")
            if name in self.errors:
                ids.append(f"{bound.auto_id}-error")
                field.widget.attrs["aria-invalid"] = "true"
            else:
                field.widget.attrs.pop("aria-invalid", None)
            if ids:
                field.widget.attrs["aria-describedby"] = " ".join(ids)
            else:
                field.widget.attrs.pop("aria-describedby", None)


class StaffAuthenticationForm(AuthenticationForm):
    """The staff sign-in form. Django's sets the user name's ``max_length`` on the widget only,
    so a 100,000-character name reached the database (on SQLite: "LIKE or GLOB pattern too
    complex", a 500). Here it is a form error, checked before anyone is looked up."""

    def clean(self) -> dict[str, Any]:
        username = self.data.get(self.add_prefix("username"), "")
        limit = getattr(self.fields["username"], "max_length", None) or 254
        if len(username) > limit:
            raise ValidationError(
                _("Ensure the email address has at most %(limit)d characters.") % {"limit": limit},
                code="max_length",
            )
        return super().clean()
