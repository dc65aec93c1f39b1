"""Registrations admin: read and search; changes go through the staff pages and services.

Sessions are administered here rather than in programme: a changed session bumps its calendar
SEQUENCE and mails its registrants (``session_update_notify``), which is registrations' job."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db import models, transaction
from django.forms import ModelForm
from django.http import HttpRequest

from convene.core.admin_widgets import SafeAutocompleteMixin
from convene.core.audit import audit_record
from convene.programme.models import Session, Speaker
from convene.registrations.models import JoinClick, Registration, RegistrationRequest
from convene.registrations.services import session_update_notify


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Registration)
class RegistrationAdmin(ReadOnlyAdmin):
    list_display = ("person", "session", "status", "created_at", "confirmed_at")
    list_filter = ("status", "session__series")
    search_fields = ("person__email", "person__name", "session__title")
    list_select_related = ("person", "session")


@admin.register(RegistrationRequest)
class RegistrationRequestAdmin(ReadOnlyAdmin):
    list_display = ("person", "series", "created_at", "confirmed_at", "consent_version")
    search_fields = ("person__email",)
    list_select_related = ("person", "series")
    exclude = ("token",)


@admin.register(JoinClick)
class JoinClickAdmin(ReadOnlyAdmin):
    list_display = ("registration", "clicked_at", "redirected")
    list_select_related = ("registration__person", "registration__session")


class SpeakerInline(SafeAutocompleteMixin, admin.TabularInline):
    model = Speaker
    extra = 0
    autocomplete_fields = ("person",)


@admin.register(Session)
class SessionAdmin(admin.ModelAdmin):
    list_display = ("title", "series", "starts_at", "status", "capacity")
    list_filter = ("status", "series")
    search_fields = ("title", "slug")
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
        session_update_notify(
            actor=request.user,  # type: ignore[arg-type]
            session=original,
            **changes,
        )
        obj.refresh_from_db()
