"""Staff pages of one organisation and one person: the directory's facts with the sessions
their people registered for and attended. They read three apps, so they sit at the top; the
person merge calls ``convene.attendance.services.people`` for the same reason."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from convene.attendance.selectors_directory import (
    organisation_session_list,
    person_session_list,
)
from convene.attendance.services.people import person_merge
from convene.core.access import staff_required
from convene.core.forms import add_service_errors
from convene.directory import selectors
from convene.directory.directory_forms import PersonMergeForm
from convene.registrations.models import RegistrationStatus


@staff_required
@require_GET
def organisation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = selectors.organisation_get_for_staff(pk=pk, today=timezone.localdate())
    return render(
        request,
        "directory/organisation_detail.html",
        {
            "organisation": organisation,
            "sessions": organisation_session_list(organisation=organisation)[:200],
        },
    )


@staff_required
@require_GET
def person_detail(request: HttpRequest, pk: int) -> HttpResponse:
    person = selectors.person_get(pk=pk)
    sessions = list(person_session_list(person=person))
    for session in sessions:
        status = session.registration_status  # type: ignore[attr-defined]
        session.registration_label = RegistrationStatus(status).label if status else ""  # type: ignore[attr-defined]
    context = {
        "person": person,
        "sessions": sessions,
        "facts": selectors.person_access_facts(person=person),
    }
    return render(request, "directory/person_detail.html", context)


@staff_required
@require_http_methods(["GET", "POST"])
def person_merge_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Merge another record of the same person into this one."""
    person = selectors.person_get(pk=pk)
    form = PersonMergeForm(request.POST or None, kept=person)
    if request.method == "POST" and form.is_valid() and form.other is not None:
        other = form.other
        try:
            person_merge(actor=request.user, kept=person, other=other)  # type: ignore[arg-type]
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                _("%(other)s was merged into this record.") % {"other": other.email},
            )
            return redirect(reverse("directory_pages:person", args=[person.pk]))
    form.refresh_aria()
    return render(
        request,
        "directory/person_merge.html",
        {"person": person, "form": form},
        status=400 if form.errors else 200,
    )
