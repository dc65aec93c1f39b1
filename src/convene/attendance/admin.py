"""Attendance admin: read and search; imports and links go through the staff pages."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from convene.attendance.models import (
    Attendance,
    AttendanceImport,
    AttendanceSource,
    ColumnMappingPreset,
)


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(AttendanceImport)
class AttendanceImportAdmin(ReadOnlyAdmin):
    list_display = ("file_name", "session", "format", "status", "created_at", "committed_at")
    list_filter = ("status", "format")
    search_fields = ("file_name", "session__title", "content_sha256")
    list_select_related = ("session",)
    exclude = ("file",)


class AttendanceSourceInline(admin.TabularInline):
    model = AttendanceSource
    extra = 0
    can_delete = False
    fields = ("attendance_import", "name", "email", "role", "minutes", "connections", "lines")
    readonly_fields = fields

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Attendance)
class AttendanceAdmin(ReadOnlyAdmin):
    list_display = ("name", "session", "role", "minutes", "attended", "match_method", "person")
    list_filter = ("attended", "role", "match_method")
    search_fields = ("name", "email", "person__email", "session__title")
    list_select_related = ("session", "person")
    inlines = [AttendanceSourceInline]


@admin.register(ColumnMappingPreset)
class ColumnMappingPresetAdmin(ReadOnlyAdmin):
    list_display = ("name", "created_at")
    search_fields = ("name",)
