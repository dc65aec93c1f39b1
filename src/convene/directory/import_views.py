"""Staff pages of the member-list import: upload, preview (row-numbered errors, what each row
will do, fuzzy matches to confirm), and import in one transaction."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from convene.core.access import staff_required
from convene.core.forms import add_service_errors
from convene.directory import selectors
from convene.directory.import_forms import ImportUploadForm
from convene.directory.models import ImportStatus
from convene.directory.services.member_import import (
    NEW,
    member_import_commit,
    member_import_decide,
    member_import_plan,
    member_import_stage,
)


@staff_required
@require_http_methods(["GET", "POST"])
def member_import_index(request: HttpRequest) -> HttpResponse:
    form = ImportUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            staged = member_import_stage(
                actor=request.user,  # type: ignore[arg-type]
                file_name=upload.name or "members.csv",
                data=upload.read(),
            )
            return redirect("directory_staff:member-import", pk=staged.pk)
        except ValidationError as exc:
            add_service_errors(form, exc)
    form.refresh_aria()
    page = Paginator(selectors.member_import_list(), 20).get_page(request.GET.get("page"))
    return render(
        request,
        "directory/member_import_index.html",
        {"form": form, "page": page},
        status=400 if form.errors else 200,
    )


@staff_required
@require_http_methods(["GET", "POST"])
def member_import_preview(request: HttpRequest, pk: int) -> HttpResponse:
    staged = selectors.member_import_get(pk=pk)
    problem = ""
    if request.method == "POST" and staged.status == ImportStatus.STAGED:
        decisions = {
            key.removeprefix("decision-"): str(request.POST.get(key, ""))
            for key in request.POST
            if key.startswith("decision-")
        }
        member_import_decide(member_import=staged, decisions=decisions)
        if request.POST.get("action") == "commit":
            try:
                counts = member_import_commit(
                    actor=request.user,  # type: ignore[arg-type]
                    member_import=staged,
                )
            except ValidationError as exc:
                problem = " ".join(exc.messages)
            else:
                messages.success(
                    request,
                    _(
                        "Member list imported: %(create)d organisations created, %(update)d "
                        "updated, %(unchanged)d unchanged, %(review)d left in review."
                    )
                    % counts,
                )
                return redirect("directory_staff:member-import", pk=staged.pk)
        else:
            return redirect("directory_staff:member-import", pk=staged.pk)
    plan = None
    if staged.status == ImportStatus.STAGED:
        try:
            plan = member_import_plan(data=bytes(staged.content), decisions=staged.decisions)
        except ValidationError as exc:
            problem = " ".join(exc.messages)
    return render(
        request,
        "directory/member_import_preview.html",
        {
            "staged": staged,
            "plan": plan,
            "counts": plan.counts() if plan else staged.counts,
            "problem": problem,
            "NEW": NEW,
        },
        status=400 if problem else 200,
    )
