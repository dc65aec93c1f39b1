"""Read endpoints of minutes and documents, through the same access rule as the pages.

Anyone may call them: the caller is the signed-in user of the session cookie, or the staff
account of a bearer token, or anonymous. Anything the caller may not read answers 404, so that
its existence does not leak (where the page explains that minutes are for members)."""

from __future__ import annotations

import datetime as dt

from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from django.urls import reverse
from ninja import Field, Router, Schema
from ninja.pagination import paginate

from convene.core.api_auth import staff_token
from convene.core.api_types import BoundedLimitOffset
from convene.core.translated import translations
from convene.knowledge.access import MembersOnly, Viewer, request_viewer
from convene.knowledge.models import Document, Minutes
from convene.knowledge.rendering import pick_language, render_markdown
from convene.knowledge.selectors.documents import (
    document_get_for_viewer,
    document_list_for_viewer,
)
from convene.knowledge.selectors.minutes import (
    minutes_get_for_staff,
    minutes_get_for_viewer,
    minutes_list_for_viewer,
)
from convene.programme.selectors import session_get_public
from convene.sections.selectors import section_get_for_viewer

router = Router()


def _viewer(request: HttpRequest) -> Viewer:
    """The caller: a staff token if one is sent (a wrong one is anonymous), else the session."""
    if request.headers.get("Authorization"):
        staff_token(request)
    return request_viewer(request)


class MinutesOut(Schema):
    session: str = Field(..., description="The session's slug.")
    state: str = Field(..., description="`published`, or `draft` (staff only).")
    language: str = Field(..., description="The language of `markdown` and `html`.")
    languages: list[str] = Field(..., description="Every language the minutes are written in.")
    markdown: str
    html: str = Field(..., description="The Markdown rendered and sanitised.")
    published_at: dt.datetime | None
    updated_at: dt.datetime
    url: str = Field(..., description="The minutes' page.")


class DocumentOut(Schema):
    id: int
    title: str
    filename: str
    content_type: str
    size: int
    session: str | None = Field(None, description="The session's slug, if attached to one.")
    section: str | None = Field(None, description="The section's slug, if attached to one.")
    uploaded_at: dt.datetime
    download_url: str

    @staticmethod
    def resolve_session(obj: Document) -> str | None:
        return obj.session.slug if obj.session is not None else None

    @staticmethod
    def resolve_section(obj: Document) -> str | None:
        return obj.section.slug if obj.section is not None else None

    @staticmethod
    def resolve_download_url(obj: Document) -> str:
        return reverse("minutes:document", args=[obj.pk])


def _minutes_or_404(request: HttpRequest, slug: str) -> Minutes:
    try:
        return minutes_get_for_viewer(viewer=_viewer(request), slug=slug)
    except MembersOnly:
        raise Http404 from None


class MinutesItemOut(Schema):
    session: str = Field(..., alias="session.slug", description="The session's slug.")
    session_title: str = Field(..., description="In the request's language, else English.")
    starts_at: dt.datetime = Field(..., alias="session.starts_at")
    state: str
    published_at: dt.datetime | None
    url: str

    @staticmethod
    def resolve_session_title(obj: Minutes) -> str:
        return str(obj.session.title)

    @staticmethod
    def resolve_url(obj: Minutes) -> str:
        return reverse("minutes:minutes", args=[obj.session.slug])


@router.get("minutes", response=list[MinutesItemOut])
@paginate(BoundedLimitOffset)
def minutes_list(request: HttpRequest) -> QuerySet[Minutes]:
    """Every minutes the caller may read (drafts too for staff), newest session first."""
    return minutes_list_for_viewer(viewer=_viewer(request))


@router.get("sessions/{slug}/minutes", response=MinutesOut)
def minutes_read(request: HttpRequest, slug: str, lang: str = "") -> MinutesOut:
    """The minutes of a session in ``lang`` (else the request's language, else English, else the
    first written), as Markdown and as sanitised HTML."""
    minutes = _minutes_or_404(request, slug)
    texts = translations(minutes.body)
    language = pick_language(texts, lang[:8] or (request.LANGUAGE_CODE or "en"))
    markdown = texts.get(language, "")
    return MinutesOut(
        session=minutes.session.slug,
        state=minutes.state,
        language=language,
        languages=list(texts),
        markdown=markdown,
        html=render_markdown(markdown),
        published_at=minutes.published_at,
        updated_at=minutes.updated_at,
        url=reverse("minutes:minutes", args=[minutes.session.slug]),
    )


@router.get("sessions/{slug}/documents", response=list[DocumentOut])
@paginate(BoundedLimitOffset)
def session_documents(request: HttpRequest, slug: str) -> list[Document]:
    """The documents of a session that the caller may download (possibly none); 404 for a
    session that is not public (staff: that does not exist)."""
    viewer = _viewer(request)
    if viewer.is_staff:
        session, _minutes = minutes_get_for_staff(slug=slug)
    else:
        session = session_get_public(slug=slug)
    return document_list_for_viewer(viewer=viewer, session=session)  # type: ignore[return-value]


@router.get("sections/{slug}/documents", response=list[DocumentOut])
@paginate(BoundedLimitOffset)
def section_documents(request: HttpRequest, slug: str) -> list[Document]:
    """The documents of a section that the caller may download (possibly none); 404 for a
    section the caller may not see, as for one that does not exist."""
    viewer = _viewer(request)
    section = section_get_for_viewer(viewer=viewer, slug=slug)
    if section is None:
        raise Http404
    return document_list_for_viewer(viewer=viewer, section=section)  # type: ignore[return-value]


@router.get("documents/{document_id}", response=DocumentOut)
def document_read(request: HttpRequest, document_id: int) -> Document:
    """One document's description; ``download_url`` hands over the file."""
    try:
        return document_get_for_viewer(viewer=_viewer(request), pk=document_id)
    except MembersOnly:
        raise Http404 from None
