"""Forms of topic proposals: the member's proposal form and the staff forms (rounds, answers,
merges, translations, sessions). They parse; the services in
``convene.knowledge.services.proposals`` decide."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from typing import Any, cast

from django import forms
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from convene.core.forms import AccessibleFormMixin
from convene.core.translated import content_languages
from convene.core.translated_forms import TranslatedFieldsMixin, language_name
from convene.knowledge.models.proposals import (
    PROPOSAL_RATIONALE_MAX_LENGTH,
    PROPOSAL_TITLE_MAX_LENGTH,
    Proposal,
    ProposalRound,
    ProposalStatus,
)
from convene.knowledge.services.proposals import MAX_SUPPORTS_PER_PERSON
from convene.programme.models import Series
from convene.programme.staff_forms import LOCAL_FORMAT, LocalDateTimeInput


class ProposalForm(AccessibleFormMixin, forms.Form):
    """A topic in the proposer's own language; staff may add translations later."""

    title = forms.CharField(label=_("Topic"), max_length=PROPOSAL_TITLE_MAX_LENGTH)
    rationale = forms.CharField(
        label=_("Why this topic?"),
        max_length=PROPOSAL_RATIONALE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("A few sentences: the problem your city meets and what you hope to learn."),
    )
    language = forms.ChoiceField(label=_("Written in"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        codes = content_languages()
        language = cast(forms.ChoiceField, self.fields["language"])
        language.choices = [(code, language_name(code)) for code in codes]
        active = (get_language() or "en")[:2]
        self.fields["language"].initial = active if active in codes else "en"

    def service_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "title": {data["language"]: data["title"]},
            "rationale": {data["language"]: data["rationale"]},
        }


class _DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self) -> None:
        super().__init__(format="%Y-%m-%d")


class RoundForm(TranslatedFieldsMixin, AccessibleFormMixin, forms.Form):
    translated = {"title": (_("Title"), True, 200, False)}

    opens_on = forms.DateField(label=_("Opens on"), widget=_DateInput())
    closes_on = forms.DateField(
        label=_("Closes on"), widget=_DateInput(), help_text=_("The last day of the round.")
    )
    supports_per_person = forms.IntegerField(
        label=_("Supports per person"),
        min_value=1,
        max_value=MAX_SUPPORTS_PER_PERSON,
        initial=3,
        help_text=_("How many proposals each member may support in this round."),
    )

    def __init__(self, *args: Any, round_obj: ProposalRound | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.add_translated_fields({"title": round_obj.title if round_obj else None})
        if round_obj is not None:
            for name in ("opens_on", "closes_on", "supports_per_person"):
                self.fields[name].initial = getattr(round_obj, name)

    def service_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "title": self.translated_value("title"),
            "opens_on": data["opens_on"],
            "closes_on": data["closes_on"],
            "supports_per_person": data["supports_per_person"],
        }


class AnswerForm(TranslatedFieldsMixin, AccessibleFormMixin, forms.Form):
    translated = {"answer": (_("Public answer"), True, 5000, True)}

    status = forms.ChoiceField(
        label=_("Answer"),
        choices=[
            (ProposalStatus.ACCEPTED.value, ProposalStatus.ACCEPTED.label),
            (ProposalStatus.NOT_NOW.value, ProposalStatus.NOT_NOW.label),
        ],
        widget=forms.RadioSelect,
    )

    def __init__(self, *args: Any, proposal: Proposal, **kwargs: Any) -> None:
        super().__init__(*args, prefix="answer", **kwargs)
        self.add_translated_fields({"answer": proposal.answer})
        if proposal.status in (ProposalStatus.ACCEPTED, ProposalStatus.NOT_NOW):
            self.fields["status"].initial = proposal.status


class MergeTargetField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Proposal) -> str:
        return str(obj.title)


class MergeForm(TranslatedFieldsMixin, AccessibleFormMixin, forms.Form):
    translated = {"answer": (_("Public answer"), True, 5000, True)}

    into = MergeTargetField(label=_("Merge into"), queryset=Proposal.objects.none())

    def __init__(self, *args: Any, targets: Any, **kwargs: Any) -> None:
        super().__init__(*args, prefix="merge", **kwargs)
        self.fields["into"].queryset = targets  # type: ignore[attr-defined]
        self.add_translated_fields()


class TranslateForm(TranslatedFieldsMixin, AccessibleFormMixin, forms.Form):
    translated = {
        "title": (_("Topic"), False, PROPOSAL_TITLE_MAX_LENGTH, False),
        "rationale": (_("Rationale"), False, PROPOSAL_RATIONALE_MAX_LENGTH, True),
    }

    def __init__(self, *args: Any, proposal: Proposal, **kwargs: Any) -> None:
        super().__init__(*args, prefix="translate", **kwargs)
        self.add_translated_fields({"title": proposal.title, "rationale": proposal.rationale})


class SeriesField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Series) -> str:
        return str(obj.title)


class ProposalSessionForm(AccessibleFormMixin, forms.Form):
    """Where and when the accepted proposal becomes a session; times in the series' zone."""

    series = SeriesField(label=_("Series"), queryset=Series.objects.none(), empty_label=None)
    slug = forms.SlugField(
        label=_("Slug"), max_length=100, help_text=_("The last part of the session's address.")
    )
    starts_at = forms.DateTimeField(
        label=_("Starts"),
        widget=LocalDateTimeInput(),
        input_formats=[LOCAL_FORMAT],
        help_text=_("In the series' time zone."),
    )
    ends_at = forms.DateTimeField(
        label=_("Ends"), widget=LocalDateTimeInput(), input_formats=[LOCAL_FORMAT]
    )
    publish = forms.BooleanField(label=_("Publish the session at once"), required=False)

    def __init__(self, *args: Any, series: Any, **kwargs: Any) -> None:
        super().__init__(*args, prefix="session", **kwargs)
        self.fields["series"].queryset = series  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        series = data.get("series")
        if series is not None:
            zone = zoneinfo.ZoneInfo(series.timezone)
            for name in ("starts_at", "ends_at"):
                value: dt.datetime | None = data.get(name)
                if value is not None:
                    naive = timezone.make_naive(value) if timezone.is_aware(value) else value
                    data[name] = naive.replace(tzinfo=zone)
        return data

    def service_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "series": data["series"],
            "slug": data["slug"],
            "starts_at": data["starts_at"],
            "ends_at": data["ends_at"],
            "publish": data["publish"],
        }
