"""Frozen reports in the admin: read them, never edit them (a frozen report stays as sent)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from convene.reports.models import ReportSnapshot


@admin.register(ReportSnapshot)
class ReportSnapshotAdmin(admin.ModelAdmin):
    list_display = ("title", "scope_kind", "represented_by", "definitions_version", "created_at")
    list_filter = ("scope_kind", "represented_by", "definitions_version")
    search_fields = ("title",)
    exclude = ("document",)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
