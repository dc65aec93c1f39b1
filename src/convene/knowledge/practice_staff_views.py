"""Staff pages of the practice library: list, create, edit and delete, without the admin."""

from __future__ import annotations

from typing import Any, cast

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from convene.core.access import staff_required
from convene.core.forms import add_service_errors
from convene.core.models import User
from convene.knowledge import services
from convene.knowledge.models import Practice
from convene.knowledge.practice_staff_forms import PracticeForm
from convene.knowledge.selectors.practices import practice_get_for_staff, practice_list_for_staff


def _render(request: HttpRequest, context: dict[str, Any], ok: bool) -> HttpResponse:
    form: PracticeForm = context["form"]
    form.refresh_aria()
    for name in form.translated:
        context[f"{name}_fields"] = form.translated_group(name)
    return render(request, "knowledge/staff/practice_form.html", context, status=200 if ok else 400)


@staff_required
@require_GET
def practice_list(request: HttpRequest) -> HttpResponse:
    return render(
        request, "knowledge/staff/practice_list.html", {"practices": practice_list_for_staff()}
    )


@staff_required
@require_http_methods(["GET", "POST"])
def practice_new(request: HttpRequest) -> HttpResponse:
    form = PracticeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            practice = services.practice_create(
                actor=cast(User, request.user), data=form.data_for_service()
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Practice created."))
            return HttpResponseRedirect(reverse("practices:detail", args=[practice.slug]))
    return _render(request, {"form": form, "practice": None}, request.method == "GET")


@staff_required
@require_http_methods(["GET", "POST"])
def practice_edit(request: HttpRequest, pk: int) -> HttpResponse:
    practice = practice_get_for_staff(pk=pk)
    form = PracticeForm(request.POST or None, practice=practice)
    if request.method == "POST" and form.is_valid():
        try:
            services.practice_update(
                actor=cast(User, request.user), practice=practice, data=form.data_for_service()
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Practice saved."))
            return HttpResponseRedirect(reverse("practices:detail", args=[practice.slug]))
    return _render(request, {"form": form, "practice": practice}, request.method == "GET")


@staff_required
@require_POST
def practice_delete(request: HttpRequest, pk: int) -> HttpResponse:
    practice: Practice = practice_get_for_staff(pk=pk)
    services.practice_delete(actor=cast(User, request.user), practice=practice)
    messages.success(request, _("Practice deleted."))
    return HttpResponseRedirect(reverse("practices_staff:list"))
