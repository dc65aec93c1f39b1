"""Middleware of the security policy (issue #16): the Permissions-Policy header, and the staff
second factor (a signed-in staff account with a TOTP device, or any staff account when
``STAFF_REQUIRE_OTP`` is on, reaches nothing but the second-factor pages until it is verified)."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse

from convene.core.otp import staff_has_device

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
