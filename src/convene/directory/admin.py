"""Directory admin. Changes are audited; merging goes through the merge service."""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.forms import ModelForm
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from convene.core.admin_widgets import SafeAutocompleteMixin
from convene.core.audit import audit_record
from convene.directory.models import (
    Membership,
    Organisation,
    OrganisationAlias,
    OrganisationDomain,
    Person,
)
from convene.directory.resolution import directory_changed
from convene.directory.services import organisation_merge


class AuditedAdmin(SafeAutocompleteMixin, admin.ModelAdmin):
    """Admin edits write an audit entry like any service does."""

    audit_entity = ""

    def save_model(self, request: HttpRequest, obj: Any, form: ModelForm, change: bool) -> None:
        with transaction.atomic():
            super().save_model(request, obj, form, change)
            verb = "updated" if change else "created"
            audit_record(
                actor=request.user,  # type: ignore[arg-type]
                code=f"directory.{self.audit_entity}.{verb}",
                obj=obj,
                details={"fields": sorted(form.changed_data), "via": "admin"},
            )

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        with transaction.atomic():
            audit_record(
                actor=request.user,  # type: ignore[arg-type]
                code=f"directory.{self.audit_entity}.deleted",
                obj=obj,
                details={"via": "admin"},
            )
            super().delete_model(request, obj)
            directory_changed()


class AliasInline(admin.TabularInline):
    model = OrganisationAlias
    extra = 0


class DomainInline(admin.TabularInline):
    model = OrganisationDomain
    extra = 0


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0


@admin.register(Organisation)
class OrganisationAdmin(AuditedAdmin):
    audit_entity = "organisation"
    list_display = ("name", "kind", "country", "parent")
    list_filter = ("kind", "country")
    search_fields = ("name", "aliases__name", "domains__domain")
    autocomplete_fields = ("parent",)
    inlines = (AliasInline, DomainInline, MembershipInline)
    actions = ("merge_into_first",)
    list_select_related = ("parent",)

    @admin.action(description=_("Merge the selected organisations into the oldest one"))
    def merge_into_first(self, request: HttpRequest, queryset: QuerySet[Organisation]) -> None:
        chosen = list(queryset.order_by("created_at", "pk"))
        if len(chosen) < 2:
            self.message_user(request, _("Select at least two organisations."), messages.ERROR)
            return
        target = chosen[0]
        try:
            for source in chosen[1:]:
                organisation_merge(actor=request.user, source=source, target=target)  # type: ignore[arg-type]
        except ValidationError as exc:
            self.message_user(request, " ".join(exc.messages), messages.ERROR)
            return
        self.message_user(
            request,
            _("Merged %(count)d organisations into %(name)s.")
            % {"count": len(chosen) - 1, "name": target.name},
            messages.SUCCESS,
        )


@admin.register(Person)
class PersonAdmin(AuditedAdmin):
    audit_entity = "person"
    list_display = ("name", "email", "organisation", "country", "preferred_language")
    list_filter = ("preferred_language", "organisation__kind")
    search_fields = ("name", "email", "organisation_text", "organisation__name")
    autocomplete_fields = ("organisation",)
    list_select_related = ("organisation",)
