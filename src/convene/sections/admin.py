from django.contrib import admin

from convene.sections.models import Section


@admin.register(Section)
class SectionAdmin(admin.ModelAdmin):
    list_display = ("name", "slug", "parent", "access")
    prepopulated_fields = {"slug": ("name",)}
    search_fields = ("name",)
