"""Staff pages of the directory without the Django admin: the organisation list (search and
filters), editing and merging an organisation, its memberships, and the people search. The
pages of one organisation and one person show registrations and attendance too, so they live
in ``convene.pages.directory``."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from convene.core.access import staff_required
from convene.core.forms import add_service_errors
from convene.core.models import User
from convene.directory import selectors
from convene.directory.directory_forms import (
    MembershipForm,
    OrganisationFilterForm,
    OrganisationForm,
    OrganisationMergeForm,
    OrganisationNewForm,
    PersonSearchForm,
)
from convene.directory.selectors import organisations_matching, people_matching
from convene.directory.services import (
    MembershipPeriod,
    membership_add,
    organisation_create,
    organisation_merge,
)
from convene.directory.services.editing import (
    membership_end,
    membership_remove,
    membership_update,
    organisation_update,
)

PER_PAGE = 50


def _organisation_url(pk: int) -> str:
    return reverse("directory_pages:organisation", args=[pk])


def _actor(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


@staff_required
@require_GET
def organisation_list(request: HttpRequest) -> HttpResponse:
    form = OrganisationFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    query = filters.get("q", "")
    organisations = selectors.organisation_list_for_staff(
        organisations=organisations_matching(query) if query else None,
        kind=filters.get("kind", ""),
        country=filters.get("country", ""),
        member=filters.get("member", ""),
        today=timezone.localdate(),
    )
    page = Paginator(organisations, PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "directory/organisation_list.html",
        {"form": form, "page": page, "query": query},
    )


@staff_required
@require_http_methods(["GET", "POST"])
def organisation_edit(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = selectors.organisation_get_for_staff(pk=pk, today=timezone.localdate())
    form = OrganisationForm(
        request.POST or None,
        initial=OrganisationForm.initial_for(organisation),
    )
    if request.method == "POST" and form.is_valid():
        try:
            organisation_update(
                actor=_actor(request),
                organisation=organisation,
                name=form.cleaned_data["name"],
                kind=form.cleaned_data["kind"],
                country=form.cleaned_data["country"],
                aliases=form.alias_list(),
                domains=form.domain_list(),
                parent=form.cleaned_data["parent"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The organisation was saved."))
            return redirect(_organisation_url(organisation.pk))
    form.refresh_aria()
    return render(
        request,
        "directory/organisation_edit.html",
        {"organisation": organisation, "form": form},
        status=400 if form.errors else 200,
    )


@staff_required
@require_http_methods(["GET", "POST"])
def organisation_new(request: HttpRequest) -> HttpResponse:
    """An organisation typed in by hand, outside the review queue and the imports."""
    form = OrganisationNewForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        periods = (
            [MembershipPeriod(data["member_from"], data["member_until"])]
            if data["member_from"]
            else []
        )
        try:
            organisation = organisation_create(
                actor=_actor(request),
                name=data["name"],
                kind=data["kind"],
                country=data["country"],
                aliases=form.alias_list(),
                domains=form.domain_list(),
                memberships=periods,
                parent=data["parent"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The organisation was added."))
            return redirect(_organisation_url(organisation.pk))
    form.refresh_aria()
    return render(
        request,
        "directory/organisation_edit.html",
        {"organisation": None, "form": form},
        status=400 if form.errors else 200,
    )


@staff_required
@require_http_methods(["GET", "POST"])
def organisation_merge_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Fold another organisation into this one; the other is found by a search."""
    organisation = selectors.organisation_get_for_staff(pk=pk, today=timezone.localdate())
    query = request.GET.get("q", "").strip()[:200]
    candidates = (
        organisations_matching(query).exclude(pk=organisation.pk).order_by("name")[:20]
        if query
        else selectors.organisation_list().none()
    )
    if request.method == "POST":
        candidates = selectors.organisation_list().exclude(pk=organisation.pk)
    form = OrganisationMergeForm(request.POST or None, candidates=candidates)
    if request.method == "POST" and form.is_valid():
        other = form.cleaned_data["other"]
        try:
            organisation_merge(actor=_actor(request), source=other, target=organisation)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                _("%(other)s was merged into %(organisation)s.")
                % {"other": other.name, "organisation": organisation.name},
            )
            return redirect(_organisation_url(organisation.pk))
    form.refresh_aria()
    return render(
        request,
        "directory/organisation_merge.html",
        {"organisation": organisation, "form": form, "query": query},
        status=400 if form.errors else 200,
    )


@staff_required
@require_http_methods(["GET", "POST"])
def membership_add_view(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = selectors.organisation_get_for_staff(pk=pk, today=timezone.localdate())
    form = MembershipForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            membership_add(
                actor=_actor(request),
                organisation=organisation,
                period=MembershipPeriod(
                    form.cleaned_data["member_from"],
                    form.cleaned_data["member_until"],
                    form.cleaned_data["note"],
                ),
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The membership was added."))
            return redirect(_organisation_url(organisation.pk))
    form.refresh_aria()
    return render(
        request,
        "directory/membership_form.html",
        {"organisation": organisation, "form": form, "membership": None},
        status=400 if form.errors else 200,
    )


@staff_required
@require_http_methods(["GET", "POST"])
def membership_edit_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Change a membership period, end it today, or remove one typed by mistake."""
    membership = selectors.membership_get(pk=pk)
    organisation = membership.organisation
    action = request.POST.get("action", "save")
    form = MembershipForm(
        request.POST if action == "save" else None,
        initial={
            "member_from": membership.member_from,
            "member_until": membership.member_until,
            "note": membership.note,
        },
    )
    if request.method == "POST" and action in ("end", "remove"):
        try:
            if action == "end":
                membership_end(
                    actor=_actor(request), membership=membership, on=timezone.localdate()
                )
                messages.success(request, _("The membership was ended today."))
            else:
                membership_remove(actor=_actor(request), membership=membership)
                messages.success(request, _("The membership was removed."))
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        return redirect(_organisation_url(organisation.pk))
    if request.method == "POST" and form.is_valid():
        try:
            membership_update(
                actor=_actor(request),
                membership=membership,
                period=MembershipPeriod(
                    form.cleaned_data["member_from"],
                    form.cleaned_data["member_until"],
                    form.cleaned_data["note"],
                ),
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The membership was saved."))
            return redirect(_organisation_url(organisation.pk))
    form.refresh_aria()
    return render(
        request,
        "directory/membership_form.html",
        {"organisation": organisation, "form": form, "membership": membership},
        status=400 if form.errors else 200,
    )


@staff_required
@require_GET
def person_list(request: HttpRequest) -> HttpResponse:
    form = PersonSearchForm(request.GET or None)
    query = form.cleaned_data["q"] if form.is_valid() else ""
    people = selectors.person_list_for_staff(people=people_matching(query) if query else None)
    page = Paginator(people, PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request, "directory/person_list.html", {"form": form, "page": page, "query": query}
    )
