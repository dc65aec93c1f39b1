"""Registrations admin: read and search; changes go through the staff pages and services."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from convene.registrations.models import JoinClick, Registration, RegistrationRequest


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
