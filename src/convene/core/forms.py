"""Form helpers: errors and help texts tied to their inputs for assistive technology."""

from __future__ import annotations

from django import forms


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
