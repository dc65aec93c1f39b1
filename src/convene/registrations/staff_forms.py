"""Forms of the staff registration pages: the list filters, add by hand, email a session."""

from __future__ import annotations

from typing import Any, TypedDict, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from convene.core.countries import country_choices
from convene.core.forms import AccessibleFormMixin
from convene.directory.models import Language, OrganisationKind
from convene.registrations.models import RegistrationStatus
from convene.registrations.services.staff import MESSAGE_MAX, SUBJECT_MAX

MEMBER_CHOICES = [("", _("Members and others")), ("yes", _("Members")), ("no", _("Not members"))]


class ListFilters(TypedDict):
    status: str
    kind: str
    member: str
    country: str


class UpperChoiceField(forms.ChoiceField):
    """Country codes typed into a URL in lower case still match."""

    def to_python(self, value: Any) -> str:
        return str(super().to_python(value)).upper()


class RegistrationFilterForm(AccessibleFormMixin, forms.Form):
    """GET filters; a value that does not validate is ignored (the list shows everything)."""

    status = forms.ChoiceField(label=_("Status"), required=False)
    kind = forms.ChoiceField(label=_("Organisation kind"), required=False)
    member = forms.ChoiceField(
        label=_("Member of the network"),
        required=False,
        choices=MEMBER_CHOICES,
        help_text=_("On the date of the session."),
    )
    country = UpperChoiceField(label=_("Country"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["status"]).choices = [
            ("", _("All statuses")),
            *RegistrationStatus.choices,
        ]
        cast(forms.ChoiceField, self.fields["kind"]).choices = [
            ("", _("All kinds")),
            *OrganisationKind.choices,
        ]
        cast(forms.ChoiceField, self.fields["country"]).choices = [
            ("", _("All countries")),
            *country_choices(),
        ]

    def filters(self) -> ListFilters:
        """The valid filters, ready for ``registration_list``."""
        self.is_valid()
        cleaned = getattr(self, "cleaned_data", {})
        return ListFilters(
            status=cleaned.get("status") or "",
            kind=cleaned.get("kind") or "",
            member=cleaned.get("member") or "",
            country=cleaned.get("country") or "",
        )


class RegistrantAddForm(AccessibleFormMixin, forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    email = forms.EmailField(label=_("Email"), max_length=254)
    organisation = forms.CharField(
        label=_("Organisation"),
        max_length=300,
        required=False,
        help_text=_("As the registrant writes it; matched to the directory where possible."),
    )
    country = forms.ChoiceField(label=_("Country"), required=False)
    language = forms.ChoiceField(
        label=_("Language for mails"), choices=Language.choices, initial=Language.EN
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", "add")
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["country"]).choices = [
            ("", _("Choose a country")),
            *country_choices(),
        ]


class SessionEmailForm(AccessibleFormMixin, forms.Form):
    subject = forms.CharField(label=_("Subject"), max_length=SUBJECT_MAX)
    message = forms.CharField(
        label=_("Message"),
        max_length=MESSAGE_MAX,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_(
            "Sent as plain text to every confirmed registrant, with a greeting and their "
            "management link added."
        ),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", "mail")
        super().__init__(*args, **kwargs)
