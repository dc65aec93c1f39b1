"""The staff form of a practice: one input per content language for its texts."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from convene.core.access import Access
from convene.core.countries import country_choices
from convene.core.forms import AccessibleFormMixin
from convene.core.translated import content_languages
from convene.core.translated_forms import TranslatedFieldsMixin, language_name
from convene.directory.models import Organisation, Person
from convene.directory.selectors import person_get_by_email
from convene.knowledge.models import EvidenceLevel, Practice
from convene.knowledge.models.practices import PRACTICE_TITLE_MAX_LENGTH
from convene.knowledge.services import PracticeData
from convene.programme.models import Session, Topic
from convene.sections.models import Section


class _LabelledMultiple(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(getattr(obj, "label", obj))


class PracticeForm(TranslatedFieldsMixin, AccessibleFormMixin, forms.Form):
    translated = {
        "title": (_("Title"), True, PRACTICE_TITLE_MAX_LENGTH, False),
        "summary": (_("Summary"), False, None, True),
        "problem": (_("The problem"), False, None, True),
        "actions": (_("What was done"), False, None, True),
        "partners": (_("Partners"), False, None, True),
        "results": (_("Results"), False, None, True),
        "evaluation": (_("Evaluation"), False, None, True),
        "target_group": (_("Target group"), False, 200, False),
    }
    slug = forms.SlugField(
        label=_("Short name in addresses"),
        max_length=120,
        required=False,
        help_text=_("Lower-case letters, digits and hyphens. Blank: made from the title."),
    )
    language = forms.ChoiceField(label=_("Language of the record"))
    country = forms.ChoiceField(label=_("Country"), required=False)
    evidence_level = forms.ChoiceField(label=_("Evidence level"), choices=EvidenceLevel.choices)
    started_on = forms.DateField(
        label=_("Started on"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    ended_on = forms.DateField(
        label=_("Ended on"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    ongoing = forms.BooleanField(label=_("Ongoing"), required=False)
    funding = forms.CharField(label=_("Funding"), max_length=300, required=False)
    contact_email = forms.EmailField(
        label=_("Contact person's email"),
        required=False,
        help_text=_("Someone already in the directory. Shown only to member users."),
    )
    access = forms.ChoiceField(label=_("Who may see it"), choices=Access.choices)

    def __init__(self, *args: Any, practice: Practice | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["language"]).choices = [
            (c, language_name(c)) for c in content_languages()
        ]
        cast(forms.ChoiceField, self.fields["country"]).choices = [("", "—"), *country_choices()]
        self.fields["organisations"] = forms.ModelMultipleChoiceField(
            label=_("Cities and organisations involved"),
            queryset=Organisation.objects.order_by("name"),
            required=False,
            widget=forms.SelectMultiple(attrs={"size": 8}),
        )
        self.fields["topics"] = _LabelledMultiple(
            label=_("Topics"),
            queryset=Topic.objects.order_by("name"),
            required=False,
            widget=forms.CheckboxSelectMultiple,
        )
        self.fields["sessions"] = _LabelledMultiple(
            label=_("Presented at"),
            queryset=Session.objects.order_by("-starts_at"),
            required=False,
            widget=forms.SelectMultiple(attrs={"size": 6}),
        )
        self.fields["section"] = forms.ModelChoiceField(
            label=_("Section"), queryset=Section.objects.order_by("name"), required=False
        )
        self.add_translated_fields(
            {name: getattr(practice, name) for name in self.translated} if practice else None
        )
        if practice is not None:
            for name in (
                "slug",
                "language",
                "country",
                "evidence_level",
                "started_on",
                "ended_on",
                "ongoing",
                "funding",
                "access",
                "section",
            ):
                self.fields[name].initial = getattr(practice, name)
            self.fields["contact_email"].initial = (
                practice.contact.email if practice.contact else ""
            )
            for name in ("organisations", "topics", "sessions"):
                self.fields[name].initial = [o.pk for o in getattr(practice, name).all()]

    def clean_contact_email(self) -> Person | None:
        email = self.cleaned_data.get("contact_email")
        if not email:
            return None
        person = person_get_by_email(email=email)
        if person is None:
            raise forms.ValidationError(_("Nobody in the directory has this email."))
        return person

    def data_for_service(self) -> PracticeData:
        data = self.cleaned_data
        return PracticeData(
            **{name: self.translated_value(name) for name in self.translated},
            slug=data["slug"],
            organisations=list(data["organisations"]),
            country=data["country"],
            topics=list(data["topics"]),
            evidence_level=data["evidence_level"],
            started_on=data["started_on"],
            ended_on=data["ended_on"],
            ongoing=data["ongoing"],
            funding=data["funding"],
            contact=data["contact_email"],
            sessions=list(data["sessions"]),
            section=data["section"],
            access=data["access"],
            language=data["language"],
        )
