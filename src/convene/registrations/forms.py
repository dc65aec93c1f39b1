"""The registration form: one per series, a checkbox per open session."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from convene.core.countries import country_choices
from convene.core.forms import AccessibleFormMixin
from convene.directory.models import Language
from convene.directory.selectors import privacy_notice_version
from convene.programme.models import Session


class SessionChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Session) -> str:
        return str(obj.title)


class RegistrationForm(AccessibleFormMixin, forms.Form):
    sessions = SessionChoiceField(
        queryset=Session.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        label=_("Sessions"),
        error_messages={"required": _("Choose at least one session.")},
    )
    name = forms.CharField(label=_("Name"), max_length=200)
    email = forms.EmailField(label=_("Email"), max_length=254)
    organisation = forms.CharField(
        label=_("Organisation"),
        max_length=300,
        required=False,
        help_text=_("The city, region or institution you work for, as you usually write it."),
    )
    job_title = forms.CharField(label=_("Job title"), max_length=200, required=False)
    country = forms.ChoiceField(label=_("Country"), required=False)
    language = forms.ChoiceField(
        label=_("Preferred language for mails"), choices=Language.choices, initial="en"
    )
    consent = forms.BooleanField(
        label=_("I accept the privacy notice."),
        error_messages={"required": _("You must accept the privacy notice to register.")},
    )
    directory_opt_in = forms.BooleanField(
        label=_("List me in the participant directory so peers can find me."), required=False
    )
    news_opt_in = forms.BooleanField(
        label=_("Send me news from the network: new series and announcements."), required=False
    )
    # A honeypot: hidden from people (and from assistive technology), filled in by bots.
    website = forms.CharField(required=False, label=_("Leave this field empty"))

    def __init__(self, *args: Any, sessions: list[Session], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = cast(SessionChoiceField, self.fields["sessions"])
        field.queryset = Session.objects.filter(pk__in=[s.pk for s in sessions]).order_by(
            "starts_at"
        )
        country = cast(forms.ChoiceField, self.fields["country"])
        country.choices = [("", _("Choose a country")), *country_choices()]
        self.fields["organisation"].widget.attrs.update(
            {
                "list": "organisation-suggestions",
                "autocomplete": "organization",
                "data-hx-get": reverse("organisation-suggest"),
                "data-hx-trigger": "keyup changed delay:300ms",
                "data-hx-target": "#organisation-suggestions",
                "data-hx-swap": "innerHTML",
            }
        )
        self.fields["name"].widget.attrs["autocomplete"] = "name"
        self.fields["email"].widget.attrs["autocomplete"] = "email"
        self.fields["job_title"].widget.attrs["autocomplete"] = "organization-title"
        self.fields["country"].widget.attrs["autocomplete"] = "country"
        self.fields["website"].widget.attrs.update({"tabindex": "-1", "autocomplete": "off"})

    @property
    def is_bot(self) -> bool:
        return bool(self.data.get("website"))

    @staticmethod
    def consent_version() -> str:
        return privacy_notice_version()
