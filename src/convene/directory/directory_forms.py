"""Forms of the staff directory pages: the organisation list's search and filters, editing an
organisation and its memberships, merging, and the people search."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from convene.core.countries import country_choices
from convene.core.forms import AccessibleFormMixin
from convene.directory.models import Organisation, OrganisationKind, Person
from convene.directory.selectors import organisation_list, person_get_by_email

MEMBER_CHOICES = [
    ("", _("Members or not")),
    ("yes", _("Members today")),
    ("no", _("Not members today")),
]


class OrganisationFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    kind = forms.ChoiceField(label=_("Kind"), required=False)
    country = forms.ChoiceField(label=_("Country"), required=False)
    member = forms.ChoiceField(label=_("Membership"), required=False, choices=MEMBER_CHOICES)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        kind = cast(forms.ChoiceField, self.fields["kind"])
        country = cast(forms.ChoiceField, self.fields["country"])
        kind.choices = [("", _("All kinds")), *OrganisationKind.choices]
        country.choices = [("", _("All countries")), *country_choices()]


class PersonSearchForm(forms.Form):
    q = forms.CharField(label=_("Name or email"), required=False, max_length=200)


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.replace(";", "\n").splitlines() if line.strip()]


class OrganisationForm(AccessibleFormMixin, forms.Form):
    name = forms.CharField(label=_("Name"), max_length=300)
    kind = forms.ChoiceField(label=_("Kind"), choices=OrganisationKind.choices)
    country = forms.ChoiceField(label=_("Country"))
    aliases = forms.CharField(
        label=_("Aliases"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Other names: translations, old names. One a line."),
    )
    domains = forms.CharField(
        label=_("Email domains"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Domains of the organisation's addresses, such as liege.be. One a line."),
    )

    parent = forms.CharField(
        label=_("Parent organisation"),
        required=False,
        max_length=300,
        help_text=_("The name of the organisation this one belongs to, as in the directory."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        country = cast(forms.ChoiceField, self.fields["country"])
        country.choices = country_choices()

    @staticmethod
    def initial_for(organisation: Organisation) -> dict[str, str]:
        return {
            "name": organisation.name,
            "kind": organisation.kind,
            "country": organisation.country,
            "aliases": "\n".join(a.name for a in organisation.aliases.all()),
            "domains": "\n".join(d.domain for d in organisation.domains.all()),
            "parent": organisation.parent.name if organisation.parent else "",
        }

    def clean_parent(self) -> Organisation | None:
        """The parent named, found by its exact name (any case); in the form's country first
        when two organisations share the name."""
        name = " ".join(self.cleaned_data["parent"].split())
        if not name:
            return None
        found = list(organisation_list().filter(name__iexact=name)[:10])
        if len(found) > 1:
            country = self.data.get(self.add_prefix("country"), "")
            found = [o for o in found if o.country == country] or found
        if not found:
            raise forms.ValidationError(
                _("No organisation is called %(name)s in the directory.") % {"name": name}
            )
        if len(found) > 1:
            raise forms.ValidationError(
                _("Several organisations are called %(name)s: add it as an alias first.")
                % {"name": name}
            )
        return found[0]

    def alias_list(self) -> list[str]:
        return _lines(self.cleaned_data["aliases"])

    def domain_list(self) -> list[str]:
        return _lines(self.cleaned_data["domains"])


class OrganisationNewForm(OrganisationForm):
    """A new organisation, with its first membership period when it is a member."""

    member_from = forms.DateField(
        label=_("Member from"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Leave blank if it is not a member. Add more periods on its page."),
    )
    member_until = forms.DateField(
        label=_("Member until"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("The last day of membership. Leave blank while it lasts."),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("member_until") and not data.get("member_from"):
            self.add_error("member_from", _("Give the first day of membership."))
        return data


class MembershipForm(AccessibleFormMixin, forms.Form):
    member_from = forms.DateField(
        label=_("Member from"), widget=forms.DateInput(attrs={"type": "date"})
    )
    member_until = forms.DateField(
        label=_("Member until"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("The last day of membership. Leave blank while it lasts."),
    )
    note = forms.CharField(label=_("Note"), required=False, max_length=300)


class OrganisationMergeForm(AccessibleFormMixin, forms.Form):
    other = forms.ModelChoiceField(
        label=_("The organisation to fold into this one"),
        queryset=Organisation.objects.none(),
        widget=forms.RadioSelect,
        empty_label=None,
    )

    def __init__(self, *args: Any, candidates: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        other = cast(forms.ModelChoiceField, self.fields["other"])
        other.queryset = candidates


class PersonMergeForm(AccessibleFormMixin, forms.Form):
    email = forms.CharField(
        label=_("Email address of the other record"),
        max_length=254,
        help_text=_("Its registrations and attendance move to this person; it is then deleted."),
    )

    def __init__(self, *args: Any, kept: Person, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.kept = kept
        self.other: Person | None = None

    def clean_email(self) -> str:
        email = self.cleaned_data["email"].strip()
        other = person_get_by_email(email=email)
        if other is None:
            raise forms.ValidationError(_("Nobody in the directory has this address."))
        if other.pk == self.kept.pk:
            raise forms.ValidationError(_("This is the address of this person."))
        self.other = other
        return email
