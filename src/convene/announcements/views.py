"""Staff pages of announcements (/staff/announcements/): write a series' announcement, see whom
it reaches, send it once, and record bounces."""

from __future__ import annotations

from typing import Any, cast

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from convene.announcements import selectors, services
from convene.announcements.forms import AnnouncementForm, BounceForm
from convene.announcements.models import Announcement, AnnouncementStatus
from convene.core.access import staff_required
from convene.core.forms import add_service_errors
from convene.core.mail import render_mail
from convene.core.models import User
from convene.core.translated import translations
from convene.programme.selectors import series_get_for_planning

#: People named on a draft's preview, to check the audience is the one meant.
SAMPLE = 20


def _actor(request: HttpRequest) -> User:
    return cast(User, request.user)


def _detail_url(announcement: Announcement) -> str:
    return reverse("announcements_staff:detail", args=[announcement.pk])


def _form_page(request: HttpRequest, form: AnnouncementForm, **context: Any) -> HttpResponse:
    form.refresh_aria()
    context.update(
        form=form,
        subject_fields=form.translated_group("subject"),
        body_fields=form.translated_group("body"),
    )
    return render(
        request,
        "announcements/announcement_form.html",
        context,
        status=400 if form.errors else 200,
    )


@staff_required
@require_http_methods(["GET", "POST"])
def announcement_new(request: HttpRequest, slug: str) -> HttpResponse:
    series = series_get_for_planning(slug=slug)
    form = AnnouncementForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            announcement = services.announcement_create(
                actor=_actor(request), series=series, **form.service_kwargs()
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            return HttpResponseRedirect(_detail_url(announcement))
    return _form_page(request, form, series=series, announcement=None)


@staff_required
@require_http_methods(["GET", "POST"])
def announcement_edit(request: HttpRequest, pk: int) -> HttpResponse:
    announcement = selectors.announcement_get_for_staff(pk=pk)
    if announcement.status != AnnouncementStatus.DRAFT:
        messages.error(request, _("This announcement was sent: it can no longer be changed."))
        return HttpResponseRedirect(_detail_url(announcement))
    form = AnnouncementForm(request.POST or None, announcement=announcement)
    if request.method == "POST" and form.is_valid():
        try:
            services.announcement_update(
                actor=_actor(request), announcement=announcement, **form.service_kwargs()
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            return HttpResponseRedirect(_detail_url(announcement))
    return _form_page(request, form, series=announcement.series, announcement=announcement)


def _preview(announcement: Announcement) -> tuple[str, str]:
    """The mail as an English-speaking recipient would read it."""
    texts = {name: translations(getattr(announcement, name)) for name in ("subject", "body")}
    context = {
        "name": _("(recipient's name)"),
        "subject": texts["subject"].get("en", ""),
        "body": texts["body"].get("en", ""),
        "series_url": settings.SITE_URL
        + reverse("programme:series", args=[announcement.series.slug]),
        "unsubscribe_url": _("(a link of their own)"),
        "network": settings.NETWORK_NAME,
    }
    return render_mail("announcements/mail/announcement", context, "en")


@staff_required
@require_http_methods(["GET"])
def announcement_detail(request: HttpRequest, pk: int) -> HttpResponse:
    announcement = selectors.announcement_get_for_staff(pk=pk)
    context = _detail_context(announcement, BounceForm())
    return render(request, "announcements/announcement_detail.html", context)


def _detail_context(announcement: Announcement, bounce_form: BounceForm) -> dict[str, Any]:
    """The detail page's context; a draft also shows its audience and a preview (the page
    needs them: shown again after a refused bounce, a draft without them was a 500)."""
    context: dict[str, Any] = {"announcement": announcement, "bounce_form": bounce_form}
    if announcement.status == AnnouncementStatus.DRAFT:
        people = selectors.audience(
            groups=announcement.groups,
            countries=announcement.countries,
            kinds=announcement.kinds,
        )
        context["audience_count"] = people.count()
        context["sample"] = list(people.select_related("organisation")[:SAMPLE])
        context["preview_subject"], context["preview_body"] = _preview(announcement)
    return context


@staff_required
@require_POST
def announcement_send(request: HttpRequest, pk: int) -> HttpResponse:
    announcement = selectors.announcement_get_for_staff(pk=pk)
    try:
        n = services.announcement_send(actor=_actor(request), announcement=announcement)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            ngettext(
                "The announcement is on its way to %(n)d person.",
                "The announcement is on its way to %(n)d people.",
                n,
            )
            % {"n": n},
        )
    return HttpResponseRedirect(_detail_url(announcement))


@staff_required
@require_POST
def bounce_add(request: HttpRequest, pk: int) -> HttpResponse:
    """Staff record an address that bounced (from the returned mail in the sender's inbox)."""
    announcement = selectors.announcement_get_for_staff(pk=pk)
    form = BounceForm(request.POST)
    if form.is_valid():
        try:
            services.bounce_record(
                actor=_actor(request),
                email=form.cleaned_data["email"],
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                _("%(email)s is marked as bouncing: announcements skip it from now on.")
                % {"email": form.cleaned_data["email"]},
            )
            return HttpResponseRedirect(_detail_url(announcement))
    form.refresh_aria()
    context = _detail_context(announcement, form)
    return render(request, "announcements/announcement_detail.html", context, status=400)
