"""Form helpers: a service's ValidationError shown on the form, and errors and help texts tied
to their inputs for assistive technology."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError


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
    its errors (``aria-describedby``) and says when it is invalid (``aria-invalid``)."""

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
