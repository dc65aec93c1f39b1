"""The staff form of a section: names in the content languages, place in the tree, access mode,
and who else may enter (organisations picked from the directory, people by email)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from convene.core.access import Access
from convene.core.forms import AccessibleFormMixin
from convene.core.translated_forms import TranslatedFieldsMixin
from convene.directory.models import Organisation, Person
from convene.directory.selectors import person_get_by_email
from convene.sections.models import Section


class SectionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Section) -> str:
        return str(obj.name)


class SectionForm(TranslatedFieldsMixin, AccessibleFormMixin, forms.Form):
    translated = {
        "name": (_("Name"), True, 200, False),
        "description": (_("Description"), False, None, True),
    }
    slug = forms.SlugField(
        label=_("Short name in addresses"),
        max_length=100,
        help_text=_("Lower-case letters, digits and hyphens, for example crisis-management."),
    )
    parent = SectionChoiceField(
        label=_("Parent section"),
        queryset=Section.objects.none(),
        required=False,
        empty_label=_("None: a section at the top"),
    )
    access = forms.ChoiceField(
        label=_("Access"),
        choices=Access.choices,
        help_text=_(
            "Same as the parent section (the default), public, members only or staff only. A "
            "section is never more open than its parent; a section at the top that follows its "
            "parent is for members."
        ),
    )
    position = forms.IntegerField(
        label=_("Position among its sisters"), min_value=0, max_value=1000, initial=0
    )
    extra_organisations = forms.ModelMultipleChoiceField(
        label=_("Organisations who may also enter"),
        queryset=Organisation.objects.order_by("name"),
        required=False,
        help_text=_(
            "Their people count as members in this section and the subsections that follow it."
        ),
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )
    extra_people = forms.CharField(
        label=_("People who may also enter"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Their email addresses, one per line; each must be in the directory."),
    )

    def __init__(self, *args: Any, section: Section | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        parents = Section.objects.all()
        if section is not None:
            parents = parents.exclude(pk=section.pk)
            self.fields["slug"].initial = section.slug
            self.fields["parent"].initial = section.parent_id
            self.fields["access"].initial = section.access
            self.fields["position"].initial = section.position
            self.fields["extra_organisations"].initial = list(
                section.extra_organisations.values_list("pk", flat=True)
            )
            self.fields["extra_people"].initial = "\n".join(
                section.extra_people.order_by("email").values_list("email", flat=True)
            )
        self.fields["parent"].queryset = parents  # type: ignore[attr-defined]
        self.add_translated_fields(
            {"name": section.name, "description": section.description} if section else None
        )

    def clean_extra_people(self) -> list[Person]:
        people = []
        unknown = []
        for line in self.cleaned_data.get("extra_people", "").splitlines():
            email = line.strip()
            if not email:
                continue
            person = person_get_by_email(email=email)
            if person is None:
                unknown.append(email)
            else:
                people.append(person)
        if unknown:
            raise ValidationError(
                _("Not in the directory: %(emails)s.") % {"emails": ", ".join(unknown)}
            )
        return people

    def service_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "name": self.translated_value("name"),
            "description": self.translated_value("description"),
            "slug": data["slug"],
            "parent": data["parent"],
            "access": data["access"],
            "position": data["position"] or 0,
            "extra_organisations": list(data["extra_organisations"]),
            "extra_people": data["extra_people"],
        }
