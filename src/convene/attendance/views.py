"""Staff pages for attendance: upload → preview → commit, the session's attendees and
audience, the unmatched queue, and generic-CSV column mappings.

Every view is behind ``staff_required``; each one parses, calls a selector or a service,
and renders or redirects.
"""

from __future__ import annotations

from typing import Any, cast

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import FileResponse, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from convene.attendance import selectors
from convene.attendance.exports import registrations_xlsx
from convene.attendance.forms import (
    AttendanceCommitForm,
    AttendanceUploadForm,
    ColumnMappingForm,
    PersonCreateForm,
    PersonSearchForm,
)
from convene.attendance.models import Attendance, AttendanceImport, MatchMethod, ParseState
from convene.attendance.services import (
    attendance_import_commit_queue,
    attendance_import_undo,
    attendance_import_upload,
    attendance_link_person,
    attendance_person_create,
    mapping_preset_save,
)
from convene.attendance.services.imports import date_mismatch_message
from convene.core.access import staff_required
from convene.core.audit import audit_data_access
from convene.core.forms import add_service_errors
from convene.core.models import User
from convene.registrations import staff_views as registrations_staff_views
from convene.registrations.models import Registration
from convene.registrations.selectors import (
    registration_list,
    series_get_for_staff,
    session_get_for_staff,
)
from convene.registrations.staff_forms import ListFilters, RegistrationFilterForm

PER_PAGE = 100
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
METHOD_LABELS = dict(MatchMethod.choices)


def _actor(request: HttpRequest) -> User:
    return cast(User, request.user)


def _index(request: HttpRequest, form: AttendanceUploadForm, status: int = 200) -> HttpResponse:
    form.refresh_aria()
    page = Paginator(selectors.import_list(), PER_PAGE).get_page(request.GET.get("page"))
    context = {"form": form, "page": page}
    return render(request, "attendance/index.html", context, status=status)


@staff_required
@require_GET
def index(request: HttpRequest) -> HttpResponse:
    session = None
    if request.GET.get("session"):
        session = (
            selectors.session_list_for_attendance().filter(slug=request.GET["session"]).first()
        )
    return _index(request, AttendanceUploadForm(session=session))


@staff_required
@require_POST
def upload(request: HttpRequest) -> HttpResponse:
    """Store the file and queue its reading; the import's page shows progress, then the preview."""
    form = AttendanceUploadForm(request.POST, request.FILES)
    if form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            attendance_import = attendance_import_upload(
                actor=_actor(request),
                session=form.cleaned_data["session"],
                file=upload,
                file_name=upload.name or "report",
                options=form.options(),
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            return HttpResponseRedirect(
                reverse("attendance:import-detail", args=[attendance_import.pk])
            )
    return _index(request, form, status=400)


def _preview_context(attendance_import: AttendanceImport) -> dict[str, Any]:
    """The preview as the task stored it: showing it never parses the file again."""
    if attendance_import.parse_state == ParseState.FAILED:
        return {"problem": attendance_import.problem}
    rows = [
        {**row, "method_label": METHOD_LABELS.get(row["method"], row["method"])}
        for row in attendance_import.preview_rows
    ]
    return {
        "counts": attendance_import.counts,
        "rows": rows,
        "already_imported": selectors.import_committed_with_content(
            session=attendance_import.session, sha256=attendance_import.content_sha256
        ),
        "date_warning": date_mismatch_message(attendance_import.counts),
    }


def _detail(
    request: HttpRequest,
    attendance_import: AttendanceImport,
    form: AttendanceCommitForm | None = None,
    status: int = 200,
) -> HttpResponse:
    context: dict[str, Any] = {"import": attendance_import, "session": attendance_import.session}
    if not attendance_import.is_committed and not attendance_import.is_pending:
        form = form or AttendanceCommitForm(
            initial={"skip_bad_rows": attendance_import.options.get("skip_bad_rows", False)}
        )
        form.refresh_aria()
        context.update(_preview_context(attendance_import), form=form)
        if attendance_import.problem and attendance_import.parse_state == ParseState.READY:
            context["commit_problem"] = attendance_import.problem  # why the last commit did not
    return render(request, "attendance/import_detail.html", context, status=status)


@staff_required
@require_GET
def import_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail(request, selectors.import_get_for_staff(pk=pk))


@staff_required
@require_GET
def import_file(request: HttpRequest, pk: int) -> HttpResponse | FileResponse:
    """The raw report as it was uploaded, while it is kept (until the commit, or until
    retention deletes it: then 410). The download is written to the audit log with the people
    the file names, so each of them sees it in their own export."""
    attendance_import = selectors.import_get_for_staff(pk=pk)
    if not attendance_import.file:
        return render(
            request, "attendance/import_file_gone.html", {"import": attendance_import}, status=410
        )
    audit_data_access(
        actor=_actor(request),
        code="attendance.file.downloaded",
        people=selectors.import_people(attendance_import),
        obj=attendance_import,
        details={"file": attendance_import.file_name},
    )
    return FileResponse(
        attendance_import.file.open("rb"),
        as_attachment=True,
        filename=attendance_import.file_name,
        content_type="application/octet-stream",
    )


@staff_required
@require_GET
def import_progress(request: HttpRequest, pk: int) -> HttpResponse:
    """What the page polls while the file is read: the progress again, or (once it is read)
    an answer that makes htmx load the page with the preview."""
    attendance_import = selectors.import_get_for_staff(pk=pk)
    if attendance_import.is_pending:
        return render(request, "attendance/_progress.html", {"import": attendance_import})
    response = HttpResponse(status=204)
    response["HX-Refresh"] = "true"
    return response


@staff_required
@require_POST
def import_commit(request: HttpRequest, pk: int) -> HttpResponse:
    """Queue the commit (a task reads the file again and commits it); the import's page shows
    the progress, then what was imported, or why nothing was."""
    attendance_import = selectors.import_get_for_staff(pk=pk)
    session = attendance_import.session
    form = AttendanceCommitForm(request.POST)
    form.is_valid()
    queued = attendance_import_commit_queue(
        actor=_actor(request),
        attendance_import=attendance_import,
        skip_bad_rows=bool(form.cleaned_data.get("skip_bad_rows")),
        force=bool(form.cleaned_data.get("force")),
    )
    record = selectors.import_get_for_staff(pk=pk) if queued is not None else None
    if record is None or (record.is_committed and record.counts.get("outcome") is None):
        messages.info(
            request,
            _("This file was already imported for this session: nothing was changed."),
        )
        return HttpResponseRedirect(reverse("attendance:session", args=[session.slug]))
    if record.is_committed:  # done already (a free worker, or tasks that run at once)
        outcome = record.counts["outcome"]
        messages.success(
            request,
            _(
                "Attendance imported: %(created)d new, %(updated)d merged with earlier files; "
                "rows skipped: %(skipped)d."
            )
            % {
                "created": outcome["created"],
                "updated": outcome["updated"],
                "skipped": len(record.skipped),
            },
        )
        return HttpResponseRedirect(reverse("attendance:session", args=[session.slug]))
    if record.problem and not record.is_pending:
        return _detail(request, record, form, status=400)
    return HttpResponseRedirect(reverse("attendance:import-detail", args=[record.pk]))


@staff_required
@require_POST
def import_undo(request: HttpRequest, pk: int) -> HttpResponse:
    attendance_import = selectors.import_get_for_staff(pk=pk)
    session, name = attendance_import.session, attendance_import.file_name
    attendance_import_undo(actor=_actor(request), attendance_import=attendance_import)
    messages.success(
        request,
        _("The import of %(file)s was undone: the figures now come from the other reports.")
        % {"file": name},
    )
    return HttpResponseRedirect(reverse("attendance:session", args=[session.slug]))


@staff_required
@require_GET
def session_attendance(request: HttpRequest, slug: str) -> HttpResponse:
    session = selectors.session_get_for_attendance(slug=slug)
    rows = selectors.attendance_list(session=session)
    context = {
        "session": session,
        "figures": selectors.session_figures(session=session),
        "page": Paginator(rows, PER_PAGE * 5).get_page(request.GET.get("page")),
        "imports": list(selectors.import_list(session=session)),
    }
    return render(request, "attendance/session.html", context)


@staff_required
@require_GET
def unmatched(request: HttpRequest) -> HttpResponse:
    session = None
    if request.GET.get("session"):
        session = selectors.session_get_for_attendance(slug=request.GET["session"])
    rows = selectors.unmatched_list(session=session)
    page = Paginator(rows, PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "attendance/unmatched.html", {"page": page, "session": session})


def _resolve_page(
    request: HttpRequest,
    attendance: Attendance,
    create_form: PersonCreateForm | None = None,
    status: int = 200,
) -> HttpResponse:
    search_form = PersonSearchForm(request.GET or None)
    query = search_form.cleaned_data.get("q", "") if search_form.is_valid() else ""
    if create_form is None:
        create_form = PersonCreateForm(initial={"name": attendance.name, "email": attendance.email})
    search_form.refresh_aria()
    create_form.refresh_aria()
    context = {
        "attendance": attendance,
        "search_form": search_form,
        "query": query,
        "people": selectors.person_search(query=query) if query else [],
        "create_form": create_form,
    }
    return render(request, "attendance/resolve.html", context, status=status)


@staff_required
@require_GET
def attendance_resolve(request: HttpRequest, pk: int) -> HttpResponse:
    return _resolve_page(request, selectors.attendance_get_for_staff(pk=pk))


def _back_to_queue(attendance: Attendance) -> HttpResponseRedirect:
    url = reverse("attendance:unmatched") + f"?session={attendance.session.slug}"
    return HttpResponseRedirect(url)


@staff_required
@require_POST
def attendance_link(request: HttpRequest, pk: int) -> HttpResponse:
    attendance = selectors.attendance_get_for_staff(pk=pk)
    person_id = request.POST.get("person", "")
    person = selectors.person_get(pk=int(person_id)) if person_id.isdigit() else None
    if person is None:
        messages.error(request, _("Choose a person to link."))
        return _resolve_page(request, attendance, status=400)
    try:
        attendance_link_person(actor=_actor(request), attendance=attendance, person=person)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return _resolve_page(request, attendance, status=400)
    messages.success(
        request,
        _("%(attendee)s is now linked to %(person)s.")
        % {"attendee": attendance.name, "person": person.name},
    )
    return _back_to_queue(attendance)


@staff_required
@require_POST
def attendance_create_person(request: HttpRequest, pk: int) -> HttpResponse:
    attendance = selectors.attendance_get_for_staff(pk=pk)
    form = PersonCreateForm(request.POST)
    if form.is_valid():
        try:
            attendance_person_create(
                actor=_actor(request),
                attendance=attendance,
                name=form.cleaned_data["name"],
                email=form.cleaned_data["email"],
                organisation_text=form.cleaned_data["organisation"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                _("%(name)s is added to the directory and linked.")
                % {"name": form.cleaned_data["name"]},
            )
            return _back_to_queue(attendance)
    return _resolve_page(request, attendance, create_form=form, status=400)


@staff_required
@require_http_methods(["GET", "POST"])
def mappings(request: HttpRequest) -> HttpResponse:
    form = ColumnMappingForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                preset = mapping_preset_save(
                    actor=_actor(request),
                    name=form.cleaned_data["preset_name"],
                    mapping=form.mapping(),
                )
            except ValidationError as exc:
                if hasattr(exc, "error_dict"):
                    exc = ValidationError({"preset_name": exc.message_dict.get("name", [])})
                add_service_errors(form, exc)
            else:
                messages.success(
                    request, _("The column mapping %(name)s is saved.") % {"name": preset.name}
                )
                return HttpResponseRedirect(reverse("attendance:mappings"))
        status = 400
    form.refresh_aria()
    context = {"form": form, "presets": list(selectors.mapping_preset_list())}
    return render(request, "attendance/mappings.html", context, status=status)


# The staff registrant lists are registrations' pages; their ``?format=xlsx`` export adds an
# attendance tab, which registrations (below attendance) cannot read. So these two views answer
# those URLs (see ``registrant_list_urlpatterns``): the XLSX here, everything else there.


@staff_required
@require_GET
def session_registrations(request: HttpRequest, slug: str) -> HttpResponse:
    if request.GET.get("format") != "xlsx":
        return registrations_staff_views.session_registrations(request, slug)
    session = session_get_for_staff(slug=slug)
    registrations = registration_list(session=session, **_filters(request))
    attendance = selectors.attendance_for_export(session=session)
    content = registrations_xlsx(registrations, title=str(session.title), attendance=attendance)
    return _xlsx(request, content, registrations, filename=f"registrations-{session.slug}")


@staff_required
@require_GET
def series_registrations(request: HttpRequest, slug: str) -> HttpResponse:
    if request.GET.get("format") != "xlsx":
        return registrations_staff_views.series_registrations(request, slug)
    series = series_get_for_staff(slug=slug)
    registrations = registration_list(series_id=series.pk, **_filters(request))
    attendance = selectors.attendance_for_export(series_id=series.pk)
    content = registrations_xlsx(registrations, title=str(series.title), attendance=attendance)
    return _xlsx(request, content, registrations, filename=f"registrations-{series.slug}")


def _filters(request: HttpRequest) -> ListFilters:
    return RegistrationFilterForm(request.GET or None).filters()


def _xlsx(
    request: HttpRequest, content: bytes, registrations: QuerySet[Registration], *, filename: str
) -> HttpResponse:
    """The workbook as a download; the export is written to the audit log with the people in
    it (their attendance included)."""
    audit_data_access(
        actor=request.user,  # type: ignore[arg-type]
        code="registrations.registrants.exported",
        people=registrations.values_list("person_id", flat=True),
        details={"file": f"{filename}.xlsx"},
    )
    response = HttpResponse(content, XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
    return response
