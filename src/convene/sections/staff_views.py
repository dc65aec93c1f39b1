"""Staff pages of the section tree (/staff/network/sections/): list, create, edit. Every write
goes through ``sections.services``."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from convene.core.access import staff_required
from convene.core.forms import add_service_errors
from convene.core.models import User
from convene.sections import services
from convene.sections.models import Section
from convene.sections.staff_forms import SectionForm


def _render(request: HttpRequest, context: dict[str, Any], ok: bool) -> HttpResponse:
    form = context["form"]
    form.refresh_aria()
    for name in form.translated:
        context[f"{name}_fields"] = form.translated_group(name)
    return render(request, "sections/staff/form.html", context, status=200 if ok else 400)


def _actor(request: HttpRequest) -> User | None:
    return request.user if isinstance(request.user, User) else None


@staff_required
@require_GET
def section_list(request: HttpRequest) -> HttpResponse:
    sections = list(Section.objects.order_by("position", "name", "id"))
    by_parent: dict[int | None, list[Section]] = {}
    for section in sections:
        by_parent.setdefault(section.parent_id, []).append(section)
    rows: list[tuple[Section, str]] = []

    def walk(parent: int | None, depth: int) -> None:
        for section in by_parent.get(parent, []):
            rows.append((section, "— " * depth))
            if depth < len(sections):
                walk(section.pk, depth + 1)

    walk(None, 0)
    return render(request, "sections/staff/list.html", {"rows": rows})


@staff_required
@require_http_methods(["GET", "POST"])
def section_new(request: HttpRequest) -> HttpResponse:
    form = SectionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.section_create(actor=_actor(request), **form.service_kwargs())
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Section created."))
            return HttpResponseRedirect(reverse("sections_staff:list"))
    return _render(request, {"form": form, "section": None}, request.method == "GET")


@staff_required
@require_http_methods(["GET", "POST"])
def section_edit(request: HttpRequest, pk: int) -> HttpResponse:
    section = Section.objects.filter(pk=pk).first()
    if section is None:
        raise Http404
    form = SectionForm(request.POST or None, section=section)
    if request.method == "POST" and form.is_valid():
        try:
            services.section_update(actor=_actor(request), section=section, **form.service_kwargs())
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Section saved."))
            return HttpResponseRedirect(reverse("sections_staff:list"))
    return _render(request, {"form": form, "section": section}, request.method == "GET")
