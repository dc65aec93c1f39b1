"""Forms of the staff registration import: the upload, and the column mapping of the preview."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from convene.core.forms import AccessibleFormMixin
from convene.core.tables import MAX_BYTES
from convene.registrations.import_columns import FIELD_LABELS


class RegistrationUploadForm(AccessibleFormMixin, forms.Form):
    file = forms.FileField(
        label=_("File"),
        help_text=_(
            "CSV or Excel workbook (.xlsx) as Eventbrite, Zoom's registration report, a Google "
            "Forms sheet or CiviCRM export it: one registration a row, with the person's name, "
            "email, organisation, country and language, and the session (its slug, date or "
            "title)."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx,.txt"}),
    )

    def clean_file(self) -> UploadedFile:
        upload: UploadedFile = self.cleaned_data["file"]
        if upload.size is not None and upload.size > MAX_BYTES:
            raise forms.ValidationError(
                _("The file is larger than %(max)d MB."), params={"max": MAX_BYTES // 1024**2}
            )
        return upload


class ColumnMappingForm(AccessibleFormMixin, forms.Form):
    """One choice of column per field, and whether to mail the people imported."""

    notify = forms.BooleanField(
        label=_("Mail each person imported a confirmation with the session's calendar file"),
        required=False,
    )

    def __init__(self, *args: Any, headers: list[str], samples: dict[str, str], **kwargs: Any):
        super().__init__(*args, **kwargs)
        choices = [("", _("(none)"))] + [(h, h) for h in headers]
        fields: dict[str, forms.Field] = {}
        for name, label in FIELD_LABELS.items():
            fields[name] = forms.ChoiceField(label=label, choices=choices, required=False)
        fields["notify"] = self.fields.pop("notify")
        self.fields = fields
        self.samples = samples

    def mapping(self) -> dict[str, str]:
        return {k: v for k, v in self.cleaned_data.items() if k != "notify" and v}
