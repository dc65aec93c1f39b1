"""Staff pages of the directory: the organisation review queue, and approving a person's link
to their organisation."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from convene.core.access import staff_required
from convene.core.forms import add_service_errors
from convene.directory import selectors, services
from convene.directory.models import Organisation, Person
from convene.directory.resolution import resolve_text
from convene.directory.services.accounts import person_organisation_approve
from convene.directory.staff_forms import NewOrganisationForm, PickOrganisationForm


@staff_required
@require_GET
def review_queue(request: HttpRequest) -> HttpResponse:
    """People waiting for review, grouped by what they typed (one decision settles a group)."""
    rows = selectors.review_groups()
    return render(request, "directory/review_queue.html", {"rows": rows})


@staff_required
@require_http_methods(["GET", "POST"])
def review_item(request: HttpRequest, pk: int) -> HttpResponse:
    person = selectors.person_get(pk=pk)
    suggestion = resolve_text(
        text=person.organisation_text, email=person.email, country=person.country
    )
    pick = PickOrganisationForm(
        request.POST if request.POST.get("action") == "pick" else None,
        query=request.GET.get("q", person.organisation_text),
    )
    create = NewOrganisationForm(
        request.POST if request.POST.get("action") == "create" else None,
        initial={
            "name": suggestion.name or person.organisation_text,
            "kind": suggestion.kind or "other",
            "country": suggestion.country or person.country,
        },
    )
    if request.method == "POST":
        action = request.POST.get("action")
        organisation: Organisation | None = None
        decided = False
        if action == "none":
            decided = True
        elif action == "pick" and pick.is_valid():
            organisation = pick.cleaned_data["organisation"]
            decided = True
        elif action == "create" and create.is_valid():
            try:
                settled = services.review_decide_new(
                    actor=request.user,  # type: ignore[arg-type]
                    person=person,
                    name=create.cleaned_data["name"],
                    kind=create.cleaned_data["kind"],
                    country=create.cleaned_data["country"],
                )
                return _settled(request, person, settled)
            except ValidationError as exc:
                add_service_errors(create, exc)
        if decided:
            settled = services.review_decide(
                actor=request.user,  # type: ignore[arg-type]
                person=person,
                organisation=organisation,
            )
            return _settled(request, person, settled)
    pick.refresh_aria()
    create.refresh_aria()
    return render(
        request,
        "directory/review_item.html",
        {
            "person": person,
            "suggestion": suggestion,
            "pick": pick,
            "create": create,
            "others": selectors.review_others_count(person=person),
        },
        status=400 if (pick.errors or create.errors) else 200,
    )


def _settled(request: HttpRequest, person: Person, settled: int) -> HttpResponse:
    messages.success(
        request,
        ngettext(
            "Settled %(count)d person who typed “%(text)s”.",
            "Settled %(count)d people who typed “%(text)s”.",
            settled,
        )
        % {"count": settled, "text": person.organisation_text},
    )
    return redirect("directory_staff:review-queue")


@staff_required
@require_POST
def person_organisation_approve_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Approve (or withdraw approval of) a person's link to their organisation."""
    person = selectors.person_get(pk=pk)
    approved = request.POST.get("approved") == "1"
    try:
        person_organisation_approve(actor=request.user, person=person, approved=approved)  # type: ignore[arg-type]
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            _("The link to the organisation is approved.")
            if approved
            else _("The approval of the link to the organisation is withdrawn."),
        )
    return redirect("directory_pages:person", pk=person.pk)
