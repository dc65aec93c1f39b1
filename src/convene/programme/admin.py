"""Programme admin: topics and series. Saving goes through the same audit as services. Sessions
are administered in ``convene.registrations.admin``: changing one mails its registrants."""

from __future__ import annotations

from django.contrib import admin
from django.db import transaction
from django.forms import ModelForm
from django.http import HttpRequest

from convene.core.audit import audit_record
from convene.programme.models import Series, Topic


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    list_display = ("name", "slug")
    search_fields = ("name", "slug")


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

    def save_model(self, request: HttpRequest, obj: Series, form: ModelForm, change: bool) -> None:
        with transaction.atomic():
            super().save_model(request, obj, form, change)
            audit_record(
                actor=request.user,  # type: ignore[arg-type]
                code=f"programme.series.{'updated' if change else 'created'}",
                obj=obj,
                details={"fields": sorted(form.changed_data), "via": "admin"},
            )
