"""Forms of the staff attendance pages: upload, commit, the queue, and column mappings."""

from __future__ import annotations

import zoneinfo
from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from convene.attendance.models import ColumnMappingPreset
from convene.attendance.selectors import mapping_preset_list, session_list_for_attendance
from convene.attendance.services.imports import MAX_FILE_BYTES, ImportOptions
from convene.core.forms import AccessibleFormMixin
from convene.programme.models import Session

FORMAT_CHOICES = [
    ("auto", _("Detect from the file")),
    ("zoom", _("Zoom meeting participants")),
    ("zoom-webinar", _("Zoom webinar attendee report")),
    ("teams", _("Microsoft Teams attendance report")),
    ("teams-events", _("Microsoft Teams joined and left list, or live event report")),
    ("webex", _("Webex")),
    ("bbb", _("BigBlueButton learning dashboard")),
    ("meet", _("Google Meet attendance sheet")),
    ("jitsi", _("Jitsi event_sync (JSON)")),
    ("table", _("Another table, read by its shape")),
    ("generic", _("Generic CSV, with a saved column mapping")),
]
DATE_STYLE_CHOICES = [
    ("auto", _("Decide from the whole file")),
    ("day-first", _("Day first (31/12/2020)")),
    ("month-first", _("Month first (12/31/2020)")),
    ("year-first", _("Year first (2020-12-31)")),
]


class SessionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        session = cast(Session, obj)
        day = session.starts_at.astimezone(session.zone).strftime("%Y-%m-%d")
        return f"{day} · {session.title} ({session.series.title})"


class AttendanceUploadForm(AccessibleFormMixin, forms.Form):
    session = SessionChoiceField(label=_("Session"), queryset=Session.objects.none())
    file = forms.FileField(
        label=_("Attendance report"),
        help_text=_(
            "The export from Zoom, Teams, Webex, BigBlueButton, Google Meet or Jitsi (CSV, or "
            "saved as an Excel workbook), or any CSV with a saved column mapping. Nothing is "
            "saved before you confirm the preview."
        ),
    )
    format = forms.ChoiceField(label=_("Format"), choices=FORMAT_CHOICES, initial="auto")
    mapping = forms.ModelChoiceField(
        label=_("Column mapping"),
        queryset=ColumnMappingPreset.objects.none(),
        required=False,
        empty_label=_("None"),
        help_text=_("For the generic CSV format: the columns saved for this source."),
    )
    timezone = forms.ChoiceField(
        label=_("Time zone of the times in the file"),
        required=False,
        help_text=_("Blank: the session's time zone."),
    )
    date_style = forms.ChoiceField(
        label=_("Date style"), choices=DATE_STYLE_CHOICES, initial="auto"
    )
    session_date = forms.DateField(
        label=_("Session date"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Completes times without a date (Google Meet). Blank: the session's date."),
    )
    skip_bad_rows = forms.BooleanField(
        label=_("Skip rows with errors (they are listed)"), required=False
    )

    def __init__(self, *args: Any, session: Session | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(
            forms.ModelChoiceField, self.fields["session"]
        ).queryset = session_list_for_attendance()
        cast(forms.ModelChoiceField, self.fields["mapping"]).queryset = mapping_preset_list()
        cast(forms.ChoiceField, self.fields["timezone"]).choices = [
            ("", _("As the session")),
            *((zone, zone) for zone in sorted(zoneinfo.available_timezones())),
        ]
        if session is not None and not self.is_bound:
            self.initial.update(
                {
                    "session": session.pk,
                    "timezone": session.timezone,
                    "session_date": session.starts_at.astimezone(session.zone).date(),
                }
            )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_FILE_BYTES:
            raise forms.ValidationError(_("The file is larger than 20 MB."))
        return upload

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("format") == "generic" and not cleaned.get("mapping"):
            self.add_error("mapping", _("Choose the column mapping for a generic CSV."))
        return cleaned

    def options(self) -> ImportOptions:
        data = self.cleaned_data
        preset = data.get("mapping")
        return ImportOptions(
            format="generic" if preset is not None else data["format"],
            timezone=data.get("timezone") or "",
            date_style=data["date_style"],
            session_date=data.get("session_date"),
            mapping=preset.mapping if preset is not None else None,
            skip_bad_rows=bool(data.get("skip_bad_rows")),
        )


class AttendanceCommitForm(AccessibleFormMixin, forms.Form):
    skip_bad_rows = forms.BooleanField(
        label=_("Skip the rows with errors listed above and import the rest"), required=False
    )
    force = forms.BooleanField(
        label=_("Import anyway: this file belongs to this session"), required=False
    )


class OrganiserDomainForm(AccessibleFormMixin, forms.Form):
    domain = forms.CharField(
        label=_("Email domain"),
        max_length=253,
        help_text=_("For example example.org, without the @."),
    )


class PersonSearchForm(AccessibleFormMixin, forms.Form):
    q = forms.CharField(label=_("Find a person by name or email"), max_length=200, required=False)


class PersonCreateForm(AccessibleFormMixin, forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    email = forms.EmailField(label=_("Email"), max_length=254)
    organisation = forms.CharField(
        label=_("Organisation"),
        max_length=300,
        required=False,
        help_text=_("As typed; matched to the directory where possible."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", "new")
        super().__init__(*args, **kwargs)


MAPPING_FIELDS = (
    ("name", _("Name column")),
    ("email", _("Email column")),
    ("join", _("Join time column")),
    ("leave", _("Leave time column")),
    ("duration", _("Duration column")),
    ("role", _("Role column")),
    ("first_name", _("First name column")),
    ("last_name", _("Last name column")),
    ("participant_id", _("Registration number or join token column")),
)


class ColumnMappingForm(AccessibleFormMixin, forms.Form):
    """Header texts (not positions), so a re-ordered export still reads."""

    preset_name = forms.CharField(
        label=_("Source name"),
        max_length=120,
        help_text=_("For example the video tool or the partner who sends the file."),
    )
    host_values = forms.CharField(
        label=_("Role values that mean host"),
        max_length=300,
        required=False,
        help_text=_("Separated by commas, for example: Organiser, Moderator."),
    )
    date_style = forms.ChoiceField(
        label=_("Date style"), choices=DATE_STYLE_CHOICES, initial="auto"
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        columns = {
            key: forms.CharField(label=label, max_length=200, required=False)
            for key, label in MAPPING_FIELDS
        }
        self.fields = {"preset_name": self.fields["preset_name"], **columns, **{
            key: self.fields[key] for key in ("host_values", "date_style")
        }}  # fmt: skip
        self.fields["join"].help_text = _("With the leave column; or give a duration column.")
        self.fields["duration"].help_text = _("Read as the person's total time.")

    def mapping(self) -> dict[str, Any]:
        data = self.cleaned_data
        mapping: dict[str, Any] = {
            key: data[key].strip() for key, _label in MAPPING_FIELDS if data.get(key, "").strip()
        }
        hosts = [value.strip() for value in data.get("host_values", "").split(",")]
        if any(hosts):
            mapping["host_values"] = [value for value in hosts if value]
        if data.get("date_style") and data["date_style"] != "auto":
            mapping["date_style"] = data["date_style"]
        return mapping
