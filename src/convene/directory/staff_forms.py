"""Forms of the review queue."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from convene.core.countries import country_choices
from convene.core.forms import AccessibleFormMixin
from convene.directory.models import Organisation, OrganisationKind
from convene.directory.selectors import organisation_candidates


class OrganisationChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Organisation) -> str:
        return f"{obj.name} ({obj.get_kind_display()}, {obj.country})"


class PickOrganisationForm(AccessibleFormMixin, forms.Form):
    """Choose an existing organisation among those whose name or alias contains a word of a
    query, ignoring case and accents ("Liege" offers "Ville de Liège")."""

    organisation = OrganisationChoiceField(
        queryset=Organisation.objects.none(),
        widget=forms.RadioSelect,
        label=_("Organisation"),
        error_messages={"required": _("Choose an organisation.")},
    )

    def __init__(self, *args: Any, query: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = cast(OrganisationChoiceField, self.fields["organisation"])
        field.queryset = organisation_candidates(query=query)


class NewOrganisationForm(AccessibleFormMixin, forms.Form):
    name = forms.CharField(label=_("Name"), max_length=300)
    kind = forms.ChoiceField(label=_("Kind"), choices=OrganisationKind.choices)
    country = forms.ChoiceField(label=_("Country"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["country"]).choices = [
            ("", _("Choose a country")),
            *country_choices(),
        ]
