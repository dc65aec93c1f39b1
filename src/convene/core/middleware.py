"""Refuse a URL that no database can hold before any view sees it.

A NUL in a path token (``/j/%00``) or a query parameter (``?organisation=%00``) reached
PostgreSQL, which answered "A string literal cannot contain NUL" as a 500. Forms and the API
check the fields they take (:mod:`convene.core.validators`); this checks what reaches views
through the URL, for every page at once.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

from convene.core.api_errors import API_PREFIX
from convene.core.validators import text_problem


def _url_problem(request: HttpRequest) -> tuple[str, str] | None:
    """(the part of the URL at fault, the problem), or None when the URL is clean."""
    problem = text_problem(request.path_info)
    if problem:
        return "path", problem
    for key, values in request.GET.lists():
        problem = text_problem(key)
        if problem:
            return "query", problem
        for value in values:
            problem = text_problem(value)
            if problem:
                return key, problem
    return None


class RejectBadTextMiddleware:
    """Answer 400 (JSON under ``/api/``, a page elsewhere) to a URL with NUL or a surrogate."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        found = _url_problem(request)
        if found is None:
            return self.get_response(request)
        field, problem = found
        if request.path_info.startswith(API_PREFIX):
            return JsonResponse({"detail": f"{field}: {problem}"}, status=400)
        return render(
            request, "core/bad_request.html", {"field": field, "problem": problem}, status=400
        )
