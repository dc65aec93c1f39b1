"""Staff planning pages: series and sessions created, edited, duplicated, published, unpublished
and cancelled without the Django admin. They sit at the top layer because changing or cancelling
a session mails its registrants (``convene.registrations.services``)."""

from __future__ import annotations

from typing import Any, cast

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from convene.announcements.selectors import announcement_list_for_series
from convene.core.access import staff_required
from convene.core.forms import add_service_errors
from convene.core.models import User
from convene.programme import selectors
from convene.programme import services as programme
from convene.programme.models import Series, Session, SessionStatus
from convene.programme.staff_forms import DuplicateForm, SeriesForm, SessionForm, SpeakerFormSet
from convene.registrations.services import session_cancel_notify, session_update_notify


def _actor(request: HttpRequest) -> User:
    return cast(User, request.user)


def _series_url(series: Series) -> str:
    return reverse("planning:series", args=[series.slug])


def _render(request: HttpRequest, template: str, context: dict[str, Any], ok: bool) -> HttpResponse:
    for value in list(context.values()):
        if hasattr(value, "refresh_aria"):
            value.refresh_aria()
        for name in getattr(value, "translated", {}):
            context[f"{name}_fields"] = value.translated_group(name)
    return render(request, f"programme/staff/{template}", context, status=200 if ok else 400)


@staff_required
@require_http_methods(["GET"])
def index(request: HttpRequest) -> HttpResponse:
    series = selectors.series_list_for_planning()
    return render(request, "programme/staff/index.html", {"series_list": series})


@staff_required
@require_http_methods(["GET", "POST"])
def series_new(request: HttpRequest) -> HttpResponse:
    form = SeriesForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            series = programme.series_create(
                actor=_actor(request), slug=form.cleaned_data["slug"], **form.service_kwargs()
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Series created. Now add its sessions."))
            return HttpResponseRedirect(_series_url(series))
    return _render(
        request, "series_form.html", {"form": form, "series": None}, request.method == "GET"
    )


@staff_required
@require_http_methods(["GET"])
def series_detail(request: HttpRequest, slug: str) -> HttpResponse:
    series = selectors.series_get_for_planning(slug=slug)
    context = {
        "series": series,
        "duplicate_form": DuplicateForm(initial={"days": 0}),
        "announcements": announcement_list_for_series(series_id=series.pk),
    }
    return render(request, "programme/staff/series_detail.html", context)


@staff_required
@require_http_methods(["GET", "POST"])
def series_edit(request: HttpRequest, slug: str) -> HttpResponse:
    series = selectors.series_get_for_planning(slug=slug)
    form = SeriesForm(request.POST or None, series=series)
    if request.method == "POST" and form.is_valid():
        try:
            programme.series_update(actor=_actor(request), series=series, **form.service_kwargs())
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Series saved."))
            return HttpResponseRedirect(_series_url(series))
    return _render(
        request, "series_form.html", {"form": form, "series": series}, request.method == "GET"
    )


@staff_required
@require_POST
def series_action(request: HttpRequest, slug: str, action: str) -> HttpResponse:
    """Publish, unpublish, cancel or duplicate a whole series."""
    series = selectors.series_get_for_planning(slug=slug)
    actor = _actor(request)
    if action == "duplicate":
        form = DuplicateForm(request.POST)
        if form.is_valid():
            try:
                copy = programme.series_duplicate(
                    actor=actor,
                    series=series,
                    slug=form.cleaned_data["slug"],
                    days=form.cleaned_data["days"],
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("Series copied; its sessions are drafts."))
                return HttpResponseRedirect(_series_url(copy))
        form.refresh_aria()
        context = {
            "series": series,
            "duplicate_form": form,
            "announcements": announcement_list_for_series(series_id=series.pk),
        }
        return render(request, "programme/staff/series_detail.html", context, status=400)
    if action == "publish":
        n = programme.series_publish(actor=actor, series=series)
        messages.success(
            request, ngettext("%(n)d session published.", "%(n)d sessions published.", n) % {"n": n}
        )
    elif action == "unpublish":
        n = programme.series_unpublish(actor=actor, series=series)
        messages.success(
            request,
            ngettext("%(n)d session back to draft.", "%(n)d sessions back to draft.", n) % {"n": n},
        )
    elif action == "cancel":
        with transaction.atomic():
            cancelled = [
                session_cancel_notify(actor=actor, session=s)
                for s in series.sessions.all()
                if s.status != SessionStatus.CANCELLED
            ]
        messages.success(
            request,
            ngettext(
                "%(n)d session cancelled; its registrants are told by mail.",
                "%(n)d sessions cancelled; their registrants are told by mail.",
                len(cancelled),
            )
            % {"n": len(cancelled)},
        )
    else:
        return HttpResponse(status=404)
    return HttpResponseRedirect(_series_url(series))


def _speaker_lines(formset: Any) -> list[programme.SpeakerLine]:
    lines = []
    for form in formset.forms:
        speaker = form.speaker()
        if speaker is not None and not form.cleaned_data.get("DELETE"):
            lines.append(
                programme.SpeakerLine(
                    person=speaker,
                    role=form.cleaned_data.get("role", ""),
                    affiliation=form.cleaned_data.get("affiliation", ""),
                )
            )
    return lines


def _session_page(
    request: HttpRequest, series: Series, session: Session | None, form: Any, formset: Any
) -> HttpResponse:
    for f in formset.forms:
        f.refresh_aria()
    context = {"series": series, "session": session, "form": form, "speakers": formset}
    return _render(request, "session_form.html", context, request.method == "GET")


@staff_required
@require_http_methods(["GET", "POST"])
def session_new(request: HttpRequest, slug: str) -> HttpResponse:
    series = selectors.series_get_for_planning(slug=slug)
    data = request.POST or None
    form = SessionForm(data, series=series)
    formset = SpeakerFormSet(data, prefix="speakers")
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        try:
            with transaction.atomic():
                session = programme.session_create(
                    actor=_actor(request),
                    series=series,
                    slug=form.cleaned_data["slug"],
                    **form.service_kwargs(),
                )
                programme.session_topics_speakers_set(
                    actor=_actor(request),
                    session=session,
                    topics=list(form.cleaned_data["topics"]),
                    speakers=_speaker_lines(formset),
                )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Session added."))
            return HttpResponseRedirect(_series_url(series))
    return _session_page(request, series, None, form, formset)


@staff_required
@require_http_methods(["GET", "POST"])
def session_edit(request: HttpRequest, slug: str) -> HttpResponse:
    session = selectors.session_get_for_planning(slug=slug)
    data = request.POST or None
    form = SessionForm(data, series=session.series, session=session)
    initial = [
        {"person": s.person, "role": s.role, "affiliation": s.affiliation}
        for s in session.speakers.all()
    ]
    formset = SpeakerFormSet(data, prefix="speakers", initial=initial)
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        try:
            with transaction.atomic():
                # Registrants hear about a new time, zone, title or link (after the commit).
                session_update_notify(
                    actor=_actor(request), session=session, **form.service_kwargs()
                )
                programme.session_topics_speakers_set(
                    actor=_actor(request),
                    session=session,
                    topics=list(form.cleaned_data["topics"]),
                    speakers=_speaker_lines(formset),
                )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Session saved."))
            return HttpResponseRedirect(_series_url(session.series))
    return _session_page(request, session.series, session, form, formset)


@staff_required
@require_POST
def session_action(request: HttpRequest, slug: str, action: str) -> HttpResponse:
    """Publish, unpublish, duplicate or cancel one session."""
    session = selectors.session_get_for_planning(slug=slug)
    actor = _actor(request)
    try:
        if action == "publish":
            programme.session_publish(actor=actor, session=session)
            messages.success(request, _("Session published."))
        elif action == "unpublish":
            programme.session_unpublish(actor=actor, session=session)
            messages.success(request, _("Session back to draft."))
        elif action == "duplicate":
            copy = programme.session_duplicate(actor=actor, session=session, days=7)
            messages.success(
                request,
                _("Copied as a draft one week later: %(session)s") % {"session": copy.slug},
            )
        elif action == "cancel":
            session_cancel_notify(actor=actor, session=session)
            messages.success(request, _("Session cancelled; its registrants are told by mail."))
        else:
            return HttpResponse(status=404)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    return HttpResponseRedirect(_series_url(session.series))
