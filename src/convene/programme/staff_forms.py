"""Forms of the staff planning pages. Times are typed in the session's (or series') own time
zone; titles and descriptions have one input per content language."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from convene.core.access import Access
from convene.core.forms import AccessibleFormMixin
from convene.core.translated import content_languages
from convene.core.translated_forms import TranslatedFieldsMixin, language_name
from convene.directory.models import Person
from convene.programme.models import (
    TITLE_MAX_LENGTH,
    AudiencePolicy,
    Series,
    Session,
    SessionStatus,
    Topic,
    VideoPlatform,
)
from convene.programme.zones import timezone_choices
from convene.sections.models import Section

LOCAL_FORMAT = "%Y-%m-%dT%H:%M"


class LocalDateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs, format=LOCAL_FORMAT)


def _local_field(label: Any, required: bool = True) -> forms.DateTimeField:
    return forms.DateTimeField(
        label=label, required=required, widget=LocalDateTimeInput(), input_formats=[LOCAL_FORMAT]
    )


def _in_zone(value: dt.datetime | None, zone: str) -> dt.datetime | None:
    """A wall-clock time typed in ``zone`` (Django read it in the current zone)."""
    if value is None:
        return None
    naive = timezone.make_naive(value) if timezone.is_aware(value) else value
    return naive.replace(tzinfo=zoneinfo.ZoneInfo(zone))


def _local_initial(value: dt.datetime | None, zone: str) -> str:
    return value.astimezone(zoneinfo.ZoneInfo(zone)).strftime(LOCAL_FORMAT) if value else ""


class SectionField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Section) -> str:
        return str(obj.name)


def _language_choices() -> list[tuple[str, str]]:
    return [(code, language_name(code)) for code in content_languages()]


class _PlanningForm(TranslatedFieldsMixin, AccessibleFormMixin, forms.Form):
    def _zone_field(self) -> None:
        self.fields["timezone"] = forms.ChoiceField(
            label=_("Time zone"), choices=timezone_choices(), initial="Europe/Brussels"
        )
        self.fields["languages"] = forms.MultipleChoiceField(
            label=_("Languages spoken"),
            choices=_language_choices(),
            required=False,
            widget=forms.CheckboxSelectMultiple,
        )


class SeriesForm(_PlanningForm):
    translated = {
        "title": (_("Title"), True, TITLE_MAX_LENGTH, False),
        "description": (_("Description"), False, None, True),
    }
    slug = forms.SlugField(
        label=_("Short name in addresses"),
        max_length=100,
        help_text=_("Lower-case letters, digits and hyphens, for example lockdown-2020."),
    )
    audience_policy = forms.ChoiceField(label=_("Audience"), choices=AudiencePolicy.choices)
    section = SectionField(
        label=_("Section of the network platform"),
        queryset=Section.objects.order_by("position", "name", "id"),
        required=False,
        empty_label=_("None: sessions are public"),
        help_text=_("Its sessions follow the section's access (public, members or staff)."),
    )

    def __init__(self, *args: Any, series: Series | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._zone_field()
        self.fields["registration_opens_at"] = _local_field(_("Registration opens"), False)
        self.fields["registration_closes_at"] = _local_field(_("Registration closes"), False)
        self.add_translated_fields(
            {"title": series.title, "description": series.description} if series else None
        )
        if series is not None:
            del self.fields["slug"]  # addresses stay stable once published
            for name in ("audience_policy", "timezone", "languages"):
                self.fields[name].initial = getattr(series, name)
            self.fields["section"].initial = series.section_id
            for name in ("registration_opens_at", "registration_closes_at"):
                self.fields[name].initial = _local_initial(getattr(series, name), series.timezone)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        zone = data.get("timezone") or "Europe/Brussels"
        for name in ("registration_opens_at", "registration_closes_at"):
            data[name] = _in_zone(data.get(name), zone)
        return data

    def service_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "title": self.translated_value("title"),
            "description": self.translated_value("description"),
            "audience_policy": data["audience_policy"],
            "timezone": data["timezone"],
            "languages": data["languages"],
            "registration_opens_at": data["registration_opens_at"],
            "registration_closes_at": data["registration_closes_at"],
            "section": data.get("section"),
        }


class TopicsField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Topic) -> str:
        return obj.label


class SessionForm(_PlanningForm):
    translated = {
        "title": (_("Title"), True, TITLE_MAX_LENGTH, False),
        "abstract": (_("Abstract"), False, None, True),
    }
    slug = forms.SlugField(
        label=_("Short name in addresses"),
        max_length=100,
        help_text=_("Lower-case letters, digits and hyphens."),
    )

    def __init__(
        self, *args: Any, series: Series, session: Session | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self._zone_field()
        zone = session.timezone if session else series.timezone
        self.fields["timezone"].initial = zone
        self.fields["languages"].initial = session.languages if session else series.languages
        self.fields["starts_at"] = _local_field(_("Starts"))
        self.fields["ends_at"] = _local_field(_("Ends"))
        self.fields["capacity"] = forms.IntegerField(
            label=_("Capacity"),
            min_value=0,
            required=False,
            help_text=_("Blank means unlimited."),
        )
        self.fields["audience_policy"] = forms.ChoiceField(
            label=_("Audience"),
            choices=[("", _("As the series"))] + list(AudiencePolicy.choices),
            required=False,
        )
        self.fields["topics"] = TopicsField(
            label=_("Topics"),
            queryset=Topic.objects.order_by("name"),
            required=False,
            widget=forms.CheckboxSelectMultiple,
        )
        self.fields["interpretation"] = forms.MultipleChoiceField(
            label=_("Interpretation into"),
            choices=_language_choices(),
            required=False,
            widget=forms.CheckboxSelectMultiple,
        )
        self.fields["video_platform"] = forms.ChoiceField(
            label=_("Video platform"),
            choices=[("", "—"), *VideoPlatform.choices],
            required=False,
        )
        self.fields["join_url"] = forms.URLField(
            label=_("Video join URL"), required=False, max_length=500, assume_scheme="https"
        )
        self.fields["access"] = forms.ChoiceField(
            label=_("Who may see it on the network platform"),
            choices=Access.choices,
            required=False,
            initial=session.access if session else Access.INHERIT,
            help_text=_("As its series' section, or stricter."),
        )
        self.add_translated_fields(
            {"title": session.title, "abstract": session.abstract} if session else None
        )
        if session is None:
            self.fields["publish"] = forms.BooleanField(label=_("Publish at once"), required=False)
            return
        del self.fields["slug"]
        self.fields["starts_at"].initial = _local_initial(session.starts_at, zone)
        self.fields["ends_at"].initial = _local_initial(session.ends_at, zone)
        for name in ("capacity", "audience_policy", "interpretation", "video_platform"):
            self.fields[name].initial = getattr(session, name)
        self.fields["join_url"].initial = session.join_url
        self.fields["topics"].initial = [t.pk for t in session.topics.all()]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        zone = data.get("timezone") or "Europe/Brussels"
        for name in ("starts_at", "ends_at"):
            data[name] = _in_zone(data.get(name), zone)
        return data

    def service_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        kwargs = {
            "title": self.translated_value("title"),
            "abstract": self.translated_value("abstract"),
            "starts_at": data["starts_at"],
            "ends_at": data["ends_at"],
            "timezone": data["timezone"],
            "capacity": data["capacity"],
            "languages": data["languages"],
            "interpretation": data["interpretation"],
            "video_platform": data["video_platform"],
            "join_url": data["join_url"],
            "audience_policy": data["audience_policy"],
            "access": data.get("access") or Access.INHERIT,
        }
        if "publish" in self.fields:
            kwargs["status"] = SessionStatus.PUBLISHED if data["publish"] else SessionStatus.DRAFT
        return kwargs


class PersonField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Person) -> str:
        if obj.organisation is not None:
            return f"{obj.name} ({obj.organisation.name})"
        return f"{obj.name} ({obj.email})"


class SpeakerForm(AccessibleFormMixin, forms.Form):
    person = PersonField(
        label=_("Speaker"),
        queryset=Person.objects.select_related("organisation").order_by("name", "pk"),
        required=False,
    )
    role = forms.CharField(label=_("Role"), max_length=100, required=False)
    affiliation = forms.CharField(label=_("Affiliation shown"), max_length=200, required=False)


SpeakerFormSet = forms.formset_factory(SpeakerForm, extra=2, max_num=20)


class DuplicateForm(AccessibleFormMixin, forms.Form):
    slug = forms.SlugField(label=_("Short name of the copy"), max_length=100, required=False)
    days = forms.IntegerField(
        label=_("Move the copied sessions by this many days"),
        initial=7,
        min_value=-3650,
        max_value=3650,
    )
