"""Staff pages of minutes and documents, under /staff/minutes/: write, publish and compare
revisions of a session's minutes, and upload or delete the documents of a session or a
section. Every write goes through ``convene.knowledge.services``."""

from __future__ import annotations

from typing import Any, cast

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from convene.core.access import staff_required
from convene.core.forms import add_service_errors
from convene.core.models import User
from convene.core.translated_forms import language_name
from convene.knowledge.access import effective_access
from convene.knowledge.diff import diff_revisions
from convene.knowledge.minutes_forms import DocumentForm, MinutesForm
from convene.knowledge.models import Minutes
from convene.knowledge.selectors import documents as document_selectors
from convene.knowledge.selectors import minutes as minutes_selectors
from convene.knowledge.services import documents as document_services
from convene.knowledge.services import minutes as minutes_services
from convene.knowledge.uploads import accepted_labels
from convene.programme.models import Session
from convene.sections.models import Section


def _actor(request: HttpRequest) -> User:
    return cast(User, request.user)


def _edit_url(session: Session) -> str:
    return reverse("minutes_staff:edit", args=[session.slug])


def _document_form(data: Any = None, files: Any = None) -> DocumentForm:
    return DocumentForm(
        data,
        files,
        prefix="document",  # the minutes' form on the same page has an "access" too
        max_mb=document_services.document_max_bytes() // 1_000_000,
        accepted=accepted_labels(),
    )


@staff_required
@require_GET
def index(request: HttpRequest) -> HttpResponse:
    sessions = minutes_selectors.sessions_for_staff()
    sections = Section.objects.order_by("slug")
    return render(
        request, "knowledge/staff/index.html", {"sessions": sessions, "sections": sections}
    )


def _edit_page(
    request: HttpRequest,
    session: Session,
    minutes: Minutes | None,
    form: MinutesForm,
    document_form: DocumentForm,
    status: int = 200,
) -> HttpResponse:
    form.refresh_aria()
    document_form.refresh_aria()
    context = {
        "session": session,
        "minutes": minutes,
        "form": form,
        "document_form": document_form,
        "revisions": list(minutes_selectors.revisions_list(minutes=minutes)) if minutes else [],
        "effective": effective_access(minutes).label if minutes else None,
        "documents": list(document_selectors.document_list_for_staff(session=session)),
    }
    return render(request, "knowledge/staff/minutes_form.html", context, status=status)


@staff_required
@require_http_methods(["GET", "POST"])
def edit(request: HttpRequest, slug: str) -> HttpResponse:
    session, minutes = minutes_selectors.minutes_get_for_staff(slug=slug)
    form = MinutesForm(request.POST or None, session=session, minutes=minutes)
    if request.method == "POST" and form.is_valid():
        try:
            minutes = minutes_services.minutes_save(
                actor=_actor(request),
                session=session,
                body=form.body(),
                access=form.cleaned_data["access"],
            )
            if "publish" in request.POST:
                minutes_services.minutes_publish(actor=_actor(request), minutes=minutes)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                _("Minutes saved and published.")
                if "publish" in request.POST
                else _("Minutes saved."),
            )
            return HttpResponseRedirect(_edit_url(session))
    status = 400 if request.method == "POST" else 200
    return _edit_page(request, session, minutes, form, _document_form(), status)


@staff_required
@require_POST
def publish(request: HttpRequest, slug: str, action: str) -> HttpResponse:
    session, minutes = minutes_selectors.minutes_get_for_staff(slug=slug)
    if minutes is None or action not in {"publish", "unpublish"}:
        raise Http404
    if action == "publish":
        try:
            minutes_services.minutes_publish(actor=_actor(request), minutes=minutes)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Minutes published."))
    else:
        minutes_services.minutes_unpublish(actor=_actor(request), minutes=minutes)
        messages.success(request, _("Minutes back to draft: only staff see them."))
    return HttpResponseRedirect(_edit_url(session))


def _revision_number(value: str) -> int:
    try:
        return int(value)
    except ValueError:
        raise Http404 from None


@staff_required
@require_GET
def revisions_diff(request: HttpRequest, slug: str) -> HttpResponse:
    """The differences between revisions ``old`` and ``new`` (default: the last two)."""
    session, minutes = minutes_selectors.minutes_get_for_staff(slug=slug)
    if minutes is None:
        raise Http404
    numbers = list(
        minutes_selectors.revisions_list(minutes=minutes).values_list("number", flat=True)
    )
    if not numbers:
        raise Http404
    new = _revision_number(request.GET.get("new", "") or str(numbers[0]))
    old = _revision_number(
        request.GET.get("old", "") or str(numbers[1] if len(numbers) > 1 else numbers[0])
    )
    before, after = minutes_selectors.revision_pair(minutes=minutes, old=old, new=new)
    diffs = [(d, language_name(d.language)) for d in diff_revisions(before.body, after.body)]
    context = {
        "session": session,
        "minutes": minutes,
        "before": before,
        "after": after,
        "diffs": diffs,
        "numbers": numbers,
    }
    return render(request, "knowledge/staff/minutes_diff.html", context)


@staff_required
@require_POST
def session_document_upload(request: HttpRequest, slug: str) -> HttpResponse:
    session, minutes = minutes_selectors.minutes_get_for_staff(slug=slug)
    document_form = _document_form(request.POST, request.FILES)
    if document_form.is_valid():
        upload = document_form.cleaned_data["file"]
        try:
            document_services.document_upload(
                actor=_actor(request),
                file=upload,
                filename=upload.name or "",
                title=document_form.cleaned_data["title"],
                session=session,
                access=document_form.cleaned_data["access"],
            )
        except ValidationError as exc:
            add_service_errors(document_form, exc)
        else:
            messages.success(request, _("Document added."))
            return HttpResponseRedirect(_edit_url(session) + "#documents")
    form = MinutesForm(session=session, minutes=minutes)
    return _edit_page(request, session, minutes, form, document_form, status=400)


def _section_page(
    request: HttpRequest, section: Section, document_form: DocumentForm, status: int = 200
) -> HttpResponse:
    document_form.refresh_aria()
    context = {
        "section": section,
        "document_form": document_form,
        "documents": list(document_selectors.document_list_for_staff(section=section)),
    }
    return render(request, "knowledge/staff/section_documents.html", context, status=status)


@staff_required
@require_http_methods(["GET", "POST"])
def section_documents(request: HttpRequest, slug: str) -> HttpResponse:
    section = Section.objects.filter(slug=slug).first()
    if section is None:
        raise Http404
    if request.method == "GET":
        return _section_page(request, section, _document_form())
    document_form = _document_form(request.POST, request.FILES)
    if document_form.is_valid():
        upload = document_form.cleaned_data["file"]
        try:
            document_services.document_upload(
                actor=_actor(request),
                file=upload,
                filename=upload.name or "",
                title=document_form.cleaned_data["title"],
                section=section,
                access=document_form.cleaned_data["access"],
            )
        except ValidationError as exc:
            add_service_errors(document_form, exc)
        else:
            messages.success(request, _("Document added."))
            return HttpResponseRedirect(reverse("minutes_staff:section-documents", args=[slug]))
    return _section_page(request, section, document_form, status=400)


@staff_required
@require_POST
def document_delete(request: HttpRequest, pk: int) -> HttpResponse:
    document = document_selectors.document_get_for_staff(pk=pk)
    if document.session is not None:
        back = _edit_url(document.session) + "#documents"
    else:
        back = reverse("minutes_staff:section-documents", args=[document.section.slug])  # type: ignore[union-attr]
    document_services.document_delete(actor=_actor(request), document=document)
    messages.success(request, _("Document deleted."))
    return HttpResponseRedirect(back)
