"""Forms of the announcement pages: the mail and its audience; a bounce staff record."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from convene.announcements.models import Announcement, AudienceGroup
from convene.announcements.services import SUBJECT_MAX_LENGTH
from convene.core.countries import country_choices
from convene.core.forms import AccessibleFormMixin
from convene.core.translated_forms import TranslatedFieldsMixin
from convene.directory.models import OrganisationKind


class AnnouncementForm(TranslatedFieldsMixin, AccessibleFormMixin, forms.Form):
    translated = {
        "subject": (_("Subject"), True, SUBJECT_MAX_LENGTH, False),
        "body": (_("Message"), True, None, True),
    }
    groups = forms.MultipleChoiceField(
        label=_("Send to"),
        choices=AudienceGroup.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Only people who agreed to hear from the network receive it."),
    )
    countries = forms.MultipleChoiceField(
        label=_("Only in these countries"),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
        help_text=_("Leave empty for every country."),
    )
    kinds = forms.MultipleChoiceField(
        label=_("Only these kinds of organisation"),
        choices=OrganisationKind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Leave empty for every kind."),
    )

    def __init__(self, *args: Any, announcement: Announcement | None = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        cast(forms.MultipleChoiceField, self.fields["countries"]).choices = country_choices()
        self.add_translated_fields(
            {"subject": announcement.subject, "body": announcement.body} if announcement else None
        )
        if announcement is not None:
            for name in ("groups", "countries", "kinds"):
                self.fields[name].initial = getattr(announcement, name)

    def service_kwargs(self) -> dict[str, Any]:
        return {
            "subject": self.translated_value("subject"),
            "body": self.translated_value("body"),
            "groups": self.cleaned_data["groups"],
            "countries": self.cleaned_data["countries"],
            "kinds": self.cleaned_data["kinds"],
        }


class BounceForm(AccessibleFormMixin, forms.Form):
    email = forms.EmailField(label=_("Address that bounced"), max_length=254)
    reason = forms.CharField(
        label=_("Reason"),
        max_length=500,
        required=False,
        help_text=_("As the returned mail gives it, for example “mailbox unknown”."),
    )
