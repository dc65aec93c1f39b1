"""Programme admin. Saving goes through the same audit as services; a changed session bumps its
calendar SEQUENCE through ``session_update`` so calendars pick up the change."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db import models, transaction
from django.forms import ModelForm
from django.http import HttpRequest

from convene.core.audit import audit_record
from convene.programme.models import Series, Session, Speaker, Topic
from convene.programme.services import session_update


class SpeakerInline(admin.TabularInline):
    model = Speaker
    extra = 0
    autocomplete_fields = ("person",)


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    list_display = ("name", "name_fr", "slug")
    search_fields = ("name", "name_fr", "slug")
    prepopulated_fields = {"slug": ("name",)}


@admin.register(Series)
class SeriesAdmin(admin.ModelAdmin):
    list_display = (
        "title",
        "slug",
        "audience_policy",
        "registration_opens_at",
        "registration_closes_at",
    )
    search_fields = ("title", "slug")
    prepopulated_fields = {"slug": ("title",)}

    def save_model(self, request: HttpRequest, obj: Series, form: ModelForm, change: bool) -> None:
        with transaction.atomic():
            super().save_model(request, obj, form, change)
            audit_record(
                actor=request.user,  # type: ignore[arg-type]
                code=f"programme.series.{'updated' if change else 'created'}",
                obj=obj,
                details={"fields": sorted(form.changed_data), "via": "admin"},
            )


@admin.register(Session)
class SessionAdmin(admin.ModelAdmin):
    list_display = ("title", "series", "starts_at", "status", "capacity")
    list_filter = ("status", "series")
    search_fields = ("title", "slug")
    prepopulated_fields = {"slug": ("title",)}
    filter_horizontal = ("topics",)
    inlines = (SpeakerInline,)
    list_select_related = ("series",)
    readonly_fields = ("uid", "sequence")
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def save_model(self, request: HttpRequest, obj: Session, form: ModelForm, change: bool) -> None:
        if not change:
            with transaction.atomic():
                super().save_model(request, obj, form, change)
                audit_record(
                    actor=request.user,  # type: ignore[arg-type]
                    code="programme.session.created",
                    obj=obj,
                    details={"via": "admin"},
                )
            return
        changes: dict[str, Any] = {
            name: form.cleaned_data[name]
            for name in form.changed_data
            if name not in {"topics", "series", "slug"}
        }
        original = Session.objects.get(pk=obj.pk)
        for name in ("series", "slug"):
            if name in form.changed_data:
                setattr(original, name, getattr(obj, name))
                original.save(update_fields=[name])
        session_update(actor=request.user, session=original, **changes)  # type: ignore[arg-type]
        obj.refresh_from_db()
