"""Public pages of minutes and documents, under /network/. Each asks the selectors, which ask the
access rule: published minutes for members explain how to join (403), anything else someone may
not see is a 404."""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import render
from django.views.decorators.http import require_GET

from convene.core.translated import translations
from convene.core.translated_forms import language_name
from convene.knowledge.access import MembersOnly, request_viewer
from convene.knowledge.downloads import document_response
from convene.knowledge.rendering import pick_language, render_markdown
from convene.knowledge.selectors.documents import (
    document_get_for_viewer,
    document_list_for_viewer,
)
from convene.knowledge.selectors.minutes import minutes_get_for_viewer, minutes_list_for_viewer
from convene.knowledge.services.notices import membership_contact
from convene.sections.access import refuse

PER_PAGE = 50
logger = logging.getLogger(__name__)


def _refuse(request: HttpRequest) -> HttpResponse:
    """Content for members that the viewer may not see: the platform's answer (the sign-in page,
    or the 403 page on how to join), as for a section."""
    return refuse(request, request_viewer(request), staff_only=False)


@require_GET
def minutes_list(request: HttpRequest) -> HttpResponse:
    """Every minutes the viewer may read, newest session first, filtered in the database."""
    minutes = minutes_list_for_viewer(viewer=request_viewer(request))
    page = Paginator(minutes, PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "knowledge/minutes_list.html", {"page": page})


@require_GET
def minutes_detail(request: HttpRequest, slug: str) -> HttpResponse:
    viewer = request_viewer(request)
    try:
        minutes = minutes_get_for_viewer(viewer=viewer, slug=slug)
    except MembersOnly:
        return _refuse(request)
    texts = translations(minutes.body)
    wanted = request.GET.get("lang", "") or (request.LANGUAGE_CODE or "en")
    language = pick_language(texts, wanted)
    context = {
        "minutes": minutes,
        "session": minutes.session,
        "language": language,
        "html": render_markdown(texts.get(language, "")),
        "other_languages": [(code, language_name(code)) for code in texts if code != language],
        "documents": list(document_list_for_viewer(viewer=viewer, session=minutes.session)),
    }
    return render(request, "knowledge/minutes_detail.html", context)


@require_GET
def document_download(request: HttpRequest, pk: int) -> HttpResponseBase:
    try:
        document = document_get_for_viewer(viewer=request_viewer(request), pk=pk)
    except MembersOnly:
        return _refuse(request)
    try:
        return document_response(document)
    except OSError as exc:  # the row is there, the file is not (storage restored without it)
        logger.error(
            "Document %s: its file %s cannot be read: %s", document.pk, document.file.name, exc
        )
        raise Http404 from exc


@require_GET
def membership(request: HttpRequest) -> HttpResponse:
    """Who may read minutes and documents, and how an organisation joins (linked from the mail
    non-members get when minutes are published)."""
    context = {"contact": membership_contact(), "network": settings.NETWORK_NAME}
    return render(request, "knowledge/membership.html", context)
