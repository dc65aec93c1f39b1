"""The practice library's search form (GET, works without JavaScript) and Find peers' form."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from convene.core.countries import country_name
from convene.core.forms import AccessibleFormMixin
from convene.knowledge.models import EvidenceLevel
from convene.knowledge.selectors.practices import FilterChoices, PracticeFilters
from convene.programme.models import Topic


class SearchInput(forms.TextInput):
    input_type = "search"


class PracticeSearchForm(AccessibleFormMixin, forms.Form):
    q = forms.CharField(label=_("Search"), max_length=200, required=False, widget=SearchInput)
    topic = forms.ChoiceField(label=_("Topic"), required=False)
    country = forms.ChoiceField(label=_("Country"), required=False)
    city = forms.TypedChoiceField(label=_("City"), required=False, coerce=int, empty_value=None)
    evidence = forms.ChoiceField(label=_("Evidence"), required=False)

    def __init__(self, *args: Any, choices: FilterChoices, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["topic"]).choices = [("", _("All topics"))] + [
            (t.slug, t.label) for t in choices.topics
        ]
        countries = sorted((country_name(code), code) for code in choices.countries)
        cast(forms.ChoiceField, self.fields["country"]).choices = [("", _("All countries"))] + [
            (code, name) for name, code in countries
        ]
        cast(forms.ChoiceField, self.fields["city"]).choices = [("", _("All cities"))] + [
            (str(c.pk), c.name) for c in choices.cities
        ]
        cast(forms.ChoiceField, self.fields["evidence"]).choices = [("", _("Any evidence"))] + list(
            EvidenceLevel.choices
        )

    def search(self) -> tuple[str, PracticeFilters]:
        """The words and filters asked for; nothing when the form is not valid."""
        if not self.is_valid():
            return "", PracticeFilters()
        data = self.cleaned_data
        return data["q"], PracticeFilters(
            topic=data["topic"],
            country=data["country"],
            city=data["city"],
            evidence=data["evidence"],
        )


class PeersForm(AccessibleFormMixin, forms.Form):
    topic = forms.ChoiceField(label=_("Topic"), required=False)
    problem = forms.CharField(
        label=_("Or describe the problem"),
        max_length=200,
        required=False,
        help_text=_("For example: shelters for victims of domestic violence."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["topic"]).choices = [("", _("Any topic"))] + [
            (t.slug, t.label) for t in Topic.objects.order_by("name")
        ]
