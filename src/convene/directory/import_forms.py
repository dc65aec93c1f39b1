"""Forms of the staff import pages of the directory."""

from __future__ import annotations

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from convene.core.forms import AccessibleFormMixin
from convene.core.tables import MAX_BYTES


class ImportUploadForm(AccessibleFormMixin, forms.Form):
    file = forms.FileField(
        label=_("File"),
        help_text=_(
            "CSV or Excel workbook (.xlsx), one organisation a row: name, kind, country, "
            "domains, aliases, member from, member until. English or French headers."
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
