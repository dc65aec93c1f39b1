"""The report page's forms: which report (scope and the "represented" switch), and freezing it."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from convene.core.forms import AccessibleFormMixin
from convene.programme.models import Series
from convene.reports.services import TITLE_MAX
from convene.sections.models import Section

REPRESENTED_CHOICES = [
    ("registrants", _("at least one registrant")),
    ("attendees", _("at least one attendee")),
]


class DateInput(forms.DateInput):
    input_type = "date"


class ReportScopeForm(AccessibleFormMixin, forms.Form):
    """GET parameters naming a report: a series, a section, or a period (``from``/``until``);
    none of them is the whole network."""

    series = forms.ChoiceField(label=_("Series"), required=False)
    section = forms.ChoiceField(label=_("Section"), required=False)
    represented = forms.ChoiceField(
        label=_("An organisation is represented by"),
        choices=REPRESENTED_CHOICES,
        required=False,
        widget=forms.RadioSelect,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        series = cast(forms.ChoiceField, self.fields["series"])
        section = cast(forms.ChoiceField, self.fields["section"])
        series.choices = [("", _("All series")), *self._series_choices()]
        section.choices = [("", _("All sections")), *self._section_choices()]
        self.fields["from"] = forms.DateField(
            label=_("Sessions from"), required=False, widget=DateInput
        )
        self.fields["until"] = forms.DateField(
            label=_("Sessions until"), required=False, widget=DateInput
        )
        self.order_fields(["series", "section", "from", "until", "represented"])

    @staticmethod
    def _series_choices() -> list[tuple[str, str]]:
        return list(Series.objects.order_by("-created_at", "title").values_list("slug", "title"))

    @staticmethod
    def _section_choices() -> list[tuple[str, str]]:
        return list(Section.objects.order_by("name").values_list("slug", "name"))

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        chosen = [
            bool(data.get("series")),
            bool(data.get("section")),
            bool(data.get("from") or data.get("until")),
        ]
        if sum(chosen) > 1:
            raise forms.ValidationError(
                _("Choose one of a series, a section or a period, not several.")
            )
        start, end = data.get("from"), data.get("until")
        if start and end and start > end:
            self.add_error("until", _("The period ends before it starts."))
        data["represented"] = data.get("represented") or "registrants"
        return data


class SnapshotForm(AccessibleFormMixin, forms.Form):
    title = forms.CharField(
        label=_("Title of the snapshot"),
        max_length=TITLE_MAX,
        help_text=_("For example: “Report to the funder, December 2026”."),
    )
