"""The JSON API: one NinjaAPI at /api/, one router per app. OpenAPI docs at /api/docs."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError
from ninja.errors import ValidationError as NinjaValidationError

from convene.attendance.api import router as attendance_router
from convene.core.api_auth import staff_token
from convene.directory.api import router as directory_router
from convene.programme.api import router as programme_router
from convene.registrations.api import imports_router as registration_imports_router
from convene.registrations.api import router as registrations_router
from convene.registrations.api import seats_router
from convene.registrations.services import RateLimited
from convene.reports.api import router as reports_router

api = NinjaAPI(
    title="Convene API",
    version="1",
    description="Directory, programme, registration, attendance and reports of a city network.",
    urls_namespace="api",
)


def _detail(errors: Any) -> str:
    """Turn pydantic/ninja errors into one readable sentence that names the fields."""
    parts = []
    for error in errors:
        location = [str(p) for p in error.get("loc", ()) if p not in ("body", "payload", "query")]
        field = ".".join(location) or "request"
        parts.append(f"{field}: {error.get('msg', 'invalid')}")
    return "; ".join(parts) or "Invalid request."


@api.exception_handler(NinjaValidationError)
def on_ninja_validation_error(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
    return api.create_response(
        request, {"detail": _detail(exc.errors), "errors": exc.errors}, status=400
    )


@api.exception_handler(ValidationError)
def on_validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    if hasattr(exc, "error_dict"):
        fields = {field: [str(m) for m in msgs] for field, msgs in exc.message_dict.items()}
        detail = "; ".join(f"{field}: {' '.join(msgs)}" for field, msgs in fields.items())
        return api.create_response(request, {"detail": detail, "fields": fields}, status=400)
    return api.create_response(request, {"detail": " ".join(exc.messages)}, status=400)


@api.exception_handler(PermissionDenied)
def on_permission_denied(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    detail = str(exc) or "You may not do this."
    field = getattr(exc, "field", "")
    return api.create_response(
        request, {"detail": f"{field}: {detail}" if field else detail}, status=403
    )


@api.exception_handler(AuthenticationError)
def on_authentication_error(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    response = api.create_response(
        request,
        {"detail": "A valid staff token is required (Authorization: Bearer …)."},
        status=401,
    )
    response["WWW-Authenticate"] = 'Bearer realm="convene"'
    return response


@api.exception_handler(Http404)
def on_not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return api.create_response(request, {"detail": str(exc) or "Not found."}, status=404)


@api.exception_handler(RateLimited)
def on_rate_limited(request: HttpRequest, exc: RateLimited) -> HttpResponse:
    response = api.create_response(request, {"detail": str(exc)}, status=429)
    response["Retry-After"] = "600"
    return response


api.add_router("/organisations", directory_router, auth=staff_token, tags=["directory"])
api.add_router("/", programme_router, tags=["programme"])
api.add_router("/", seats_router, tags=["programme"])
api.add_router("/registrations", registrations_router, tags=["registrations"])
api.add_router("/", attendance_router, auth=staff_token, tags=["attendance"])
api.add_router("/", registration_imports_router, auth=staff_token, tags=["registrations"])
api.add_router("/reports", reports_router, auth=staff_token, tags=["reports"])
