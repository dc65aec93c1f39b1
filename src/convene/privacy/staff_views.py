"""Staff pages of privacy: a person's data exported or erased on their behalf (erasure is
confirmed twice), and retention shown as a dry run before it is applied."""

from __future__ import annotations

from typing import Any, cast

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from convene.core.access import staff_required
from convene.core.audit import audit_data_access
from convene.core.models import User
from convene.directory.models import ConsentChannel, Person
from convene.directory.selectors import person_get_by_email
from convene.privacy.forms import EraseConfirmForm, PersonFindForm
from convene.privacy.models import ErasureReason
from convene.privacy.selectors import erasure_list, person_is_erased
from convene.privacy.services.erasure import erase_person
from convene.privacy.services.export import person_export_zip
from convene.privacy.services.retention import retention_apply, retention_plan


def _user(request: HttpRequest) -> User:
    """The signed-in staff member (``staff_required`` let only them in)."""
    return cast(User, request.user)


@staff_required
@require_http_methods(["GET", "POST"])
def index(request: HttpRequest) -> HttpResponse:
    """Find a person by email; retention: a dry run, then apply; the latest erasures."""
    find = PersonFindForm(request.GET or None)
    context: dict[str, Any] = {
        "find": find,
        "retention_months": settings.PRIVACY_RETENTION_MONTHS,
        "file_days": settings.PRIVACY_RAW_FILE_DAYS,
        "erasures": list(erasure_list(limit=20)),
    }
    if request.GET and find.is_valid():
        person = person_get_by_email(email=find.cleaned_data["email"])
        if person is not None:
            return redirect(reverse("privacy_staff:person", args=[person.pk]))
        find.add_error("email", ValidationError("No person has this email."))
    if request.method == "POST":
        if request.POST.get("action") == "apply":
            context["applied"] = retention_apply(actor=_user(request)).as_dict()
        else:
            context["plan"] = retention_plan().as_dict()
    return render(request, "privacy/staff/index.html", context, status=400 if find.errors else 200)


@staff_required
@require_GET
def person(request: HttpRequest, pk: int) -> HttpResponse:
    """The person's privacy page for staff (the view is written to the audit log)."""
    found = get_object_or_404(Person, pk=pk)
    audit_data_access(
        actor=_user(request), code="directory.person.viewed", obj=found, people=[found.pk]
    )
    return render(
        request,
        "privacy/staff/person.html",
        {"person": found, "erased": person_is_erased(person=found)},
    )


@staff_required
@require_http_methods(["GET", "POST"])
def person_erase(request: HttpRequest, pk: int) -> HttpResponse:
    """Erase on the person's behalf: this page is the first confirmation, the box ticked on
    it the second."""
    found = get_object_or_404(Person, pk=pk)
    if person_is_erased(person=found):
        return redirect(reverse("privacy_staff:person", args=[found.pk]))
    form = EraseConfirmForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            erase_person(found, actor=_user(request), reason=ErasureReason.STAFF)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            return redirect(reverse("privacy_staff:person", args=[found.pk]))
    return render(
        request,
        "privacy/staff/person_erase.html",
        {"person": found, "form": form},
        status=400 if form.errors else 200,
    )


@staff_required
@require_POST
def person_export(request: HttpRequest, pk: int) -> HttpResponse:
    found = get_object_or_404(Person, pk=pk)
    content = person_export_zip(person=found, actor=_user(request), channel=ConsentChannel.STAFF)
    response = HttpResponse(content, content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="person-{found.pk}-data.zip"'
    return response
