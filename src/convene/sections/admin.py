from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from convene.sections.models import Section


@admin.register(Section)
class SectionAdmin(admin.ModelAdmin):
    """Read only: sections are created and changed on the staff pages (/staff/network/sections/),
    through ``sections.services``, which keeps the stored access in effect right."""

    list_display = ("name", "slug", "parent", "access", "effective_access")
    search_fields = ("name", "slug")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
