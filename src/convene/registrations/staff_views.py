"""Staff pages for registrations: lists with filters and exports, add by hand, promote, email.

Every view is behind ``staff_required``; each one parses, calls a selector or a service, and
renders or redirects.
"""

from __future__ import annotations

from typing import Any, cast

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_POST

from convene.core.access import staff_required
from convene.core.audit import audit_data_access
from convene.core.forms import add_service_errors
from convene.core.models import User
from convene.programme.models import Session
from convene.registrations import services
from convene.registrations.exports import registrations_csv
from convene.registrations.models import Registration, RegistrationStatus
from convene.registrations.selectors import (
    registration_get_for_staff,
    registration_list,
    series_get_for_staff,
    series_list_for_staff,
    session_get_for_staff,
)
from convene.registrations.services import registration_staff_add, session_confirmed_email
from convene.registrations.staff_forms import (
    RegistrantAddForm,
    RegistrationFilterForm,
    SessionEmailForm,
)

PER_PAGE = 100


@staff_required
@require_GET
def series_index(request: HttpRequest) -> HttpResponse:
    page = Paginator(series_list_for_staff(), PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "registrations/staff/series_index.html", {"page": page})


def _csv_or_page(
    request: HttpRequest, registrations: QuerySet[Registration], *, filename: str
) -> HttpResponse | None:
    """The CSV asked for with ``?format=csv``, or None to render the page. The XLSX
    (``?format=xlsx``) carries an attendance tab, so ``convene.attendance.views`` serves it."""
    if request.GET.get("format") != "csv":
        return None
    audit_data_access(
        actor=request.user,  # type: ignore[arg-type]
        code="registrations.registrants.exported",
        people=registrations.values_list("person_id", flat=True),
        details={"file": f"{filename}.csv"},
    )
    response = HttpResponse(registrations_csv(registrations), content_type="text/csv")
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    return response


def _session_page(
    request: HttpRequest,
    session: Session,
    *,
    add_form: RegistrantAddForm | None = None,
    email_form: SessionEmailForm | None = None,
    status: int = 200,
) -> HttpResponse:
    filter_form = RegistrationFilterForm(request.GET or None)
    registrations = registration_list(session=session, **filter_form.filters())
    export = _csv_or_page(request, registrations, filename=f"registrations-{session.slug}")
    if export is not None:
        return export
    add_form = add_form or RegistrantAddForm()
    email_form = email_form or SessionEmailForm()
    for form in (filter_form, add_form, email_form):
        form.refresh_aria()
    context: dict[str, Any] = {
        "session": session,
        "series": session.series,
        "filter_form": filter_form,
        "add_form": add_form,
        "email_form": email_form,
        "page": Paginator(registrations, PER_PAGE).get_page(request.GET.get("page")),
        "show_session": False,
    }
    return render(request, "registrations/staff/session_registrations.html", context, status=status)


@staff_required
@require_GET
def session_registrations(request: HttpRequest, slug: str) -> HttpResponse:
    return _session_page(request, session_get_for_staff(slug=slug))


@staff_required
@require_GET
def series_registrations(request: HttpRequest, slug: str) -> HttpResponse:
    series = series_get_for_staff(slug=slug)
    filter_form = RegistrationFilterForm(request.GET or None)
    registrations = registration_list(series_id=series.pk, **filter_form.filters())
    export = _csv_or_page(request, registrations, filename=f"registrations-{series.slug}")
    if export is not None:
        return export
    filter_form.refresh_aria()
    context = {
        "series": series,
        "filter_form": filter_form,
        "page": Paginator(registrations, PER_PAGE).get_page(request.GET.get("page")),
        "show_session": True,
    }
    return render(request, "registrations/staff/series_registrations.html", context)


@staff_required
@require_POST
def registrant_add(request: HttpRequest, slug: str) -> HttpResponse:
    session = session_get_for_staff(slug=slug)
    form = RegistrantAddForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            registration = registration_staff_add(
                actor=_actor(request),
                session=session,
                name=data["name"],
                email=data["email"],
                organisation=data["organisation"],
                country=data["country"],
                language=data["language"],
            )
        except services.MembersOnlyRefused as exc:
            form.add_error("organisation", str(exc).removeprefix("organisation: "))
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            if registration.status == RegistrationStatus.WAITLISTED:
                text = _("%(name)s is on the waitlist: the session is full.")
            else:
                text = _("%(name)s is registered and confirmed.")
            messages.success(request, text % {"name": registration.person.name})
            return HttpResponseRedirect(_session_url(session))
    return _session_page(request, session, add_form=form, status=400)


@staff_required
@require_POST
def session_email(request: HttpRequest, slug: str) -> HttpResponse:
    session = session_get_for_staff(slug=slug)
    form = SessionEmailForm(request.POST)
    if form.is_valid():
        try:
            count = session_confirmed_email(
                actor=_actor(request),
                session=session,
                subject=form.cleaned_data["subject"],
                message=form.cleaned_data["message"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            if count:
                messages.success(
                    request,
                    ngettext(
                        "Your message is queued for %(count)d confirmed registrant.",
                        "Your message is queued for %(count)d confirmed registrants.",
                        count,
                    )
                    % {"count": count},
                )
            else:
                messages.warning(
                    request, _("Nobody is confirmed for this session yet: nothing was sent.")
                )
            return HttpResponseRedirect(_session_url(session))
    return _session_page(request, session, email_form=form, status=400)


@staff_required
@require_POST
def registration_promote(request: HttpRequest, pk: int) -> HttpResponse:
    registration = registration_get_for_staff(pk=pk)
    try:
        services.registration_promote(
            actor=_actor(request),
            registration=registration,
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            _("%(name)s is moved off the waitlist and confirmed.")
            % {"name": registration.person.name},
        )
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = _session_url(registration.session)
    return HttpResponseRedirect(target)


def _actor(request: HttpRequest) -> User:
    """The signed-in staff member (``staff_required`` has checked)."""
    return cast(User, request.user)


def _session_url(session: Session) -> str:
    return reverse("registrations_staff:session-registrations", args=[session.slug])
