"""Forms of the privacy pages."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from convene.directory.models import ConsentPurpose

#: The consents a person may give or withdraw on their page (the notice is accepted by
#: registering; withdrawing it is erasure).
OPTIONAL_PURPOSES = (ConsentPurpose.PARTICIPANT_DIRECTORY, ConsentPurpose.NETWORK_NEWS)


class ConsentForm(forms.Form):
    purpose = forms.ChoiceField(choices=[(p.value, p.label) for p in OPTIONAL_PURPOSES])
    action = forms.ChoiceField(choices=[("give", "give"), ("withdraw", "withdraw")])


class EraseConfirmForm(forms.Form):
    """The second confirmation: the box must be ticked."""

    understand = forms.BooleanField(
        label=_("I understand that erasure cannot be undone."),
        error_messages={"required": _("Tick the box to confirm the erasure.")},
    )


class PersonFindForm(forms.Form):
    email = forms.EmailField(label=_("Email of the person"), max_length=254)
