"""Staff forms for minutes and documents. The forms only read the input; the services decide."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from convene.core.access import Access
from convene.core.forms import AccessibleFormMixin
from convene.core.translated import translations
from convene.core.translated_forms import language_name
from convene.knowledge.models import Minutes
from convene.knowledge.services.minutes import BODY_MAX_LENGTH, minutes_languages
from convene.programme.models import Session

ACCESS_HELP = _(
    "“Same as the section” follows the session's section. A stricter choice narrows it; a "
    "looser one has no effect."
)


class MinutesForm(AccessibleFormMixin, forms.Form):
    """One Markdown text per language of the session, and the access."""

    access = forms.ChoiceField(label=_("Who may read them"), choices=Access.choices)

    def __init__(self, *args: Any, session: Session, minutes: Minutes | None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.languages = minutes_languages(session)
        texts = translations(minutes.body) if minutes is not None else {}
        for code in self.languages:
            self.fields[f"body_{code}"] = forms.CharField(
                label=_("Minutes in %(language)s (Markdown)") % {"language": language_name(code)},
                required=False,
                max_length=BODY_MAX_LENGTH,
                strip=False,
                widget=forms.Textarea(attrs={"rows": 14, "lang": code}),
                initial=texts.get(code, ""),
            )
        self.fields["access"].initial = minutes.access if minutes else Access.INHERIT
        self.fields["access"].help_text = ACCESS_HELP
        self.order_fields([*(f"body_{code}" for code in self.languages), "access"])

    def body_fields(self) -> list[forms.BoundField]:
        return [self[f"body_{code}"] for code in self.languages]

    def body(self) -> dict[str, str]:
        return {code: self.cleaned_data.get(f"body_{code}", "") for code in self.languages}


class DocumentForm(AccessibleFormMixin, forms.Form):
    title = forms.CharField(
        label=_("Title"),
        max_length=200,
        required=False,
        help_text=_("Blank: the file's name."),
    )
    file = forms.FileField(label=_("File"))
    access = forms.ChoiceField(
        label=_("Who may download it"),
        choices=Access.choices,
        initial=Access.INHERIT,
        help_text=ACCESS_HELP,
    )

    def __init__(self, *args: Any, max_mb: int, accepted: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _("At most %(max)d MB. Accepted: %(kinds)s.") % {
            "max": max_mb,
            "kinds": accepted,
        }
