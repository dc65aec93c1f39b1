"""Staff pages of the registration import: upload a file for a series, preview it with its
column mapping (detected, changeable), and import it in one transaction."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from convene.core.access import staff_required
from convene.core.forms import add_service_errors
from convene.registrations.import_forms import ColumnMappingForm, RegistrationUploadForm
from convene.registrations.models import ImportStatus
from convene.registrations.selectors import (
    registration_import_get,
    registration_import_list,
    series_get_for_staff,
)
from convene.registrations.services.imports import (
    registration_import_commit,
    registration_import_map,
    registration_import_plan,
    registration_import_stage,
)

PREVIEW_PEOPLE = 500


@staff_required
@require_http_methods(["GET", "POST"])
def registration_import_index(request: HttpRequest, slug: str) -> HttpResponse:
    series = series_get_for_staff(slug=slug)
    form = RegistrationUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            staged = registration_import_stage(
                actor=request.user,  # type: ignore[arg-type]
                series=series,
                file_name=upload.name or "registrations.csv",
                data=upload.read(),
            )
            return redirect("registrations_staff:registration-import", pk=staged.pk)
        except ValidationError as exc:
            add_service_errors(form, exc)
    form.refresh_aria()
    return render(
        request,
        "registrations/staff/import_index.html",
        {"series": series, "form": form, "imports": registration_import_list(series=series)},
        status=400 if form.errors else 200,
    )


@staff_required
@require_http_methods(["GET", "POST"])
def registration_import_preview(request: HttpRequest, pk: int) -> HttpResponse:
    staged = registration_import_get(pk=pk)
    series = staged.series
    problem = ""
    if staged.status != ImportStatus.STAGED:
        return render(
            request,
            "registrations/staff/import_preview.html",
            {"staged": staged, "series": series, "counts": staged.counts},
        )
    plan = registration_import_plan(
        series=series, data=bytes(staged.content), mapping=staged.mapping
    )
    headers = plan.table.headers
    samples = {h: ", ".join(plan.table.sample(i)) for i, h in enumerate(headers)}
    form = ColumnMappingForm(
        request.POST or None,
        headers=headers,
        samples=samples,
        initial={**staged.mapping, "notify": staged.notify},
    )
    if request.method == "POST" and form.is_valid():
        registration_import_map(
            registration_import=staged, mapping=form.mapping(), notify=form.cleaned_data["notify"]
        )
        if request.POST.get("action") != "commit":
            return redirect("registrations_staff:registration-import", pk=staged.pk)
        try:
            counts = registration_import_commit(
                actor=request.user,  # type: ignore[arg-type]
                registration_import=staged,
            )
        except ValidationError as exc:
            problem = " ".join(exc.messages)
        else:
            messages.success(
                request,
                _(
                    "Registrations imported: %(create)d created, %(update)d confirmed again, "
                    "%(unchanged)d unchanged."
                )
                % counts,
            )
            return redirect("registrations_staff:registration-import", pk=staged.pk)
    form.refresh_aria()
    return render(
        request,
        "registrations/staff/import_preview.html",
        {
            "staged": staged,
            "series": series,
            "plan": plan,
            "people": plan.people[:PREVIEW_PEOPLE],
            "counts": plan.counts(),
            "form": form,
            "samples": samples,
            "problem": problem,
        },
        status=400 if problem or form.errors else 200,
    )
