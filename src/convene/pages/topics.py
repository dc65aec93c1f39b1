"""Staff pages of the topic list (/staff/programme/topics/): create a topic, rename it in the
content languages, retire it and bring it back, without the Django admin."""

from __future__ import annotations

from typing import cast

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from convene.core.access import staff_required
from convene.core.forms import add_service_errors
from convene.core.models import User
from convene.programme import selectors
from convene.programme import services as programme
from convene.programme.models import Topic
from convene.programme.staff_forms import TopicForm


def _actor(request: HttpRequest) -> User:
    return cast(User, request.user)


def _list_url() -> str:
    return reverse("planning:topics")


@staff_required
@require_GET
def topic_list(request: HttpRequest) -> HttpResponse:
    return render(
        request, "programme/staff/topic_list.html", {"topics": selectors.topic_list_for_staff()}
    )


def _form_page(request: HttpRequest, form: TopicForm, topic: Topic | None) -> HttpResponse:
    form.refresh_aria()
    context = {"form": form, "topic": topic, "name_fields": form.translated_group("name")}
    return render(
        request,
        "programme/staff/topic_form.html",
        context,
        status=400 if form.errors else 200,
    )


@staff_required
@require_http_methods(["GET", "POST"])
def topic_new(request: HttpRequest) -> HttpResponse:
    form = TopicForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            topic = programme.topic_create(
                actor=_actor(request),
                slug=form.cleaned_data["slug"],
                name=form.translated_value("name"),
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Topic %(topic)s added.") % {"topic": topic.label})
            return HttpResponseRedirect(_list_url())
    return _form_page(request, form, None)


@staff_required
@require_http_methods(["GET", "POST"])
def topic_edit(request: HttpRequest, slug: str) -> HttpResponse:
    topic = selectors.topic_get_for_staff(slug=slug)
    form = TopicForm(request.POST or None, topic=topic)
    if request.method == "POST" and form.is_valid():
        try:
            programme.topic_update(
                actor=_actor(request), topic=topic, name=form.translated_value("name")
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Topic saved."))
            return HttpResponseRedirect(_list_url())
    return _form_page(request, form, topic)


@staff_required
@require_POST
def topic_action(request: HttpRequest, slug: str, action: str) -> HttpResponse:
    """Retire a topic, or offer a retired one again."""
    topic = selectors.topic_get_for_staff(slug=slug)
    if action == "retire":
        programme.topic_retire(actor=_actor(request), topic=topic)
        messages.success(
            request,
            _("%(topic)s is retired: sessions keep it, new ones are not offered it.")
            % {"topic": topic.label},
        )
    elif action == "restore":
        programme.topic_restore(actor=_actor(request), topic=topic)
        messages.success(request, _("%(topic)s is offered again.") % {"topic": topic.label})
    else:
        return HttpResponse(status=404)
    return HttpResponseRedirect(_list_url())
