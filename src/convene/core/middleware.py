"""Middleware of the security policy (issue #16).

- ``RejectBadTextMiddleware`` refuses a URL that no database can hold before any view sees it.
  A NUL in a path token (``/j/%00``) or a query parameter (``?organisation=%00``) reached
  PostgreSQL, which answered "A string literal cannot contain NUL" as a 500. Forms and the API
  check the fields they take (:mod:`convene.core.validators`); this checks what reaches views
  through the URL, for every page at once.
- ``PermissionsPolicyMiddleware`` sets the Permissions-Policy header.
- ``StaffSecondFactorMiddleware``: a signed-in staff account with a TOTP device, or any staff
  account when ``STAFF_REQUIRE_OTP`` is on, reaches nothing but the second-factor pages until it
  is verified.
"""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.urls import reverse

from convene.core.api_errors import API_PREFIX
from convene.core.otp import staff_has_device
from convene.core.validators import text_problem

_EXEMPT_PREFIXES = ("/static/", "/i18n/", "/healthz", "/favicon")


class PermissionsPolicyMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response


class StaffSecondFactorMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        redirect = self._second_factor_redirect(request)
        return redirect if redirect is not None else self.get_response(request)

    def _second_factor_redirect(self, request: HttpRequest) -> HttpResponse | None:
        user = request.user
        if not (user.is_authenticated and user.is_staff) or user.is_verified():  # type: ignore[attr-defined]
            return None
        path = request.path_info
        free = (
            reverse("staff-login"),
            reverse("staff-logout"),
            reverse("staff-otp-verify"),
            reverse("staff-otp-enrol"),
        )
        if path in free or path.startswith(_EXEMPT_PREFIXES):
            return None
        if staff_has_device(user):
            target = reverse("staff-otp-verify")
        elif settings.STAFF_REQUIRE_OTP:
            target = reverse("staff-otp-enrol")
        else:
            return None
        return HttpResponseRedirect(f"{target}?{urlencode({'next': request.get_full_path()})}")


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
