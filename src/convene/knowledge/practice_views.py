"""The network's public pages: the practice library, a practice, a city, Find peers. Each
asks one selector, which applies the viewer's access in the database."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from convene.knowledge.practice_forms import PeersForm, PracticeSearchForm
from convene.knowledge.selectors import network
from convene.knowledge.selectors.practices import (
    practice_access_levels,
    practice_filter_choices,
    practice_get_for_viewer,
    practice_search,
)
from convene.sections.access import refuse, staff_only
from convene.sections.access import viewer as request_viewer

PAGE_SIZE = 20


@require_GET
def practice_list(request: HttpRequest) -> HttpResponse:
    viewer = request_viewer(request)
    form = PracticeSearchForm(request.GET, choices=practice_filter_choices(viewer=viewer))
    query, filters = form.search()
    results = practice_search(viewer=viewer, query=query, filters=filters)
    page = Paginator(results, PAGE_SIZE).get_page(request.GET.get("page"))
    form.refresh_aria()
    context = {"form": form, "page": page, "query": query, "searched": bool(request.GET)}
    return render(request, "knowledge/practice_list.html", context)


@require_GET
def practice_detail(request: HttpRequest, slug: str) -> HttpResponse:
    viewer = request_viewer(request)
    try:
        practice = practice_get_for_viewer(viewer=viewer, slug=slug)
    except Http404:
        levels = practice_access_levels(slug=slug)
        if levels is None:
            raise
        # Hidden: staff-only answers 404; others are sent to sign in, or told it is for members.
        return refuse(request, viewer, staff_only=staff_only(*levels))
    context = {"practice": practice, "show_contact": network.may_see_people(viewer)}
    return render(request, "knowledge/practice_detail.html", context)


@require_GET
def city_detail(request: HttpRequest, pk: int) -> HttpResponse:
    page = network.city_page(viewer=request_viewer(request), pk=pk)
    return render(request, "knowledge/city_detail.html", {"page": page})


@require_GET
def peers(request: HttpRequest) -> HttpResponse:
    viewer = request_viewer(request)
    form = PeersForm(request.GET)
    cities: list[network.PeerCity] = []
    if form.is_valid():
        cities = network.peers_find(
            viewer=viewer,
            topic=form.cleaned_data["topic"],
            problem=form.cleaned_data["problem"],
        )
    form.refresh_aria()
    context = {
        "form": form,
        "cities": cities,
        "asked": bool(form.is_bound and form.is_valid() and any(form.cleaned_data.values())),
        "show_people": network.may_see_people(viewer),
    }
    return render(request, "knowledge/peers.html", context)
