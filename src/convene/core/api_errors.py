"""Every answer of the API is JSON with a ``detail``, errors included.

* :func:`install_error_handlers` turns the exceptions a handler can meet into JSON answers:
  a service's ``ValidationError`` and a schema's (400, naming the field), a refused permission
  (403), a missing token (401), nothing found (404), a body over ``DATA_UPLOAD_MAX_MEMORY_SIZE``
  (413), a malformed request such as multipart without a boundary (400), and anything
  unexpected (500, logged as Django logs it).
* :func:`document_error_responses` writes those answers into the OpenAPI document, so that a
  client (and schemathesis) knows every status an operation may give.
* :class:`ApiErrorsMiddleware` catches what never reaches ninja: a URL under ``/api/`` that
  matches nothing (404), a method the path does not take (405), and an error page of Django's.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from typing import Any

from django.core.exceptions import (
    BadRequest,
    PermissionDenied,
    RequestDataTooBig,
    SuspiciousOperation,
    ValidationError,
)
from django.core.signals import got_request_exception
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.http.multipartparser import MultiPartParserError
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError

from convene.core.api_types import ErrorOut

logger = logging.getLogger("django.request")

API_PREFIX = "/api/"

#: Statuses that can answer any operation, with what they mean.
_COMMON = {
    400: "Invalid request: `detail` names the field at fault.",
    404: "Not found: `detail` names what pointed at nothing.",
    405: "The path does not take this method.",
}
_WITH_BODY = {
    413: "The request body is larger than the server accepts.",
    415: "The request body is not in a content type this operation takes.",
}
_SECURED = {
    401: "A valid staff token is required (Authorization: Bearer …).",
    403: "The token's account may not do this.",
}


def _detail(errors: Any) -> str:
    """Turn pydantic/ninja errors into one readable sentence that names the fields."""
    parts = []
    for error in errors:
        location = [
            str(p) for p in error.get("loc", ()) if p not in ("body", "payload", "query", "form")
        ]
        field = ".".join(location) or "request"
        message = str(error.get("msg", "invalid")).removeprefix("Value error, ")
        parts.append(f"{field}: {message}")
    return "; ".join(parts) or "Invalid request."


def _json(status: int, detail: str, **extra: Any) -> JsonResponse:
    return JsonResponse({"detail": detail, **extra}, status=status)


def install_error_handlers(api: NinjaAPI) -> None:
    """Register the JSON answers for every exception a handler can meet on ``api``."""

    def handler(exc_class: type[Exception]) -> Callable[..., Any]:
        return api.exception_handler(exc_class)

    @handler(NinjaValidationError)
    def on_ninja_validation_error(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
        errors = [{k: v for k, v in e.items() if k in ("loc", "msg", "type")} for e in exc.errors]
        return _json(400, _detail(exc.errors), errors=errors)

    @handler(ValidationError)
    def on_validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
        if hasattr(exc, "error_dict"):
            fields = {field: [str(m) for m in msgs] for field, msgs in exc.message_dict.items()}
            detail = "; ".join(f"{field}: {' '.join(msgs)}" for field, msgs in fields.items())
            return _json(400, detail, fields=fields)
        return _json(400, " ".join(exc.messages))

    @handler(PermissionDenied)
    def on_permission_denied(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
        detail = str(exc) or "You may not do this."
        field = getattr(exc, "field", "")
        return _json(403, f"{field}: {detail}" if field else detail)

    @handler(AuthenticationError)
    def on_authentication_error(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
        response = _json(401, _SECURED[401])
        response["WWW-Authenticate"] = 'Bearer realm="convene"'
        return response

    @handler(Http404)
    def on_not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
        return _json(404, str(exc) or "Not found.")

    @handler(HttpError)
    def on_http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        return _json(exc.status_code, str(exc))

    @handler(RequestDataTooBig)
    def on_too_big(request: HttpRequest, exc: RequestDataTooBig) -> HttpResponse:
        return _json(413, _WITH_BODY[413])

    @handler(MultiPartParserError)
    def on_bad_multipart(request: HttpRequest, exc: MultiPartParserError) -> HttpResponse:
        return _json(400, f"request: the multipart body cannot be read ({exc}).")

    @handler(SuspiciousOperation)
    def on_suspicious(request: HttpRequest, exc: SuspiciousOperation) -> HttpResponse:
        return _json(400, "request: the request is malformed.")

    @handler(BadRequest)
    def on_bad_request(request: HttpRequest, exc: BadRequest) -> HttpResponse:
        return _json(400, f"request: {exc}" if str(exc) else "request: the request is malformed.")

    @handler(Exception)
    def on_unexpected(request: HttpRequest, exc: Exception) -> HttpResponse:
        # As Django's own handler does: log with the traceback, and tell listeners (the test
        # client re-raises it, so a test never mistakes a bug for an answer).
        logger.error(
            "Internal Server Error: %s",
            request.path,
            exc_info=sys.exc_info(),
            extra={"status_code": 500, "request": request},
        )
        got_request_exception.send(sender=None, request=request)
        return _json(500, "The server met an unexpected error; it has been logged.")


def document_error_responses(schema: dict[str, Any]) -> dict[str, Any]:
    """Add the error answers to every operation of an OpenAPI ``schema`` (in place)."""
    components = schema.setdefault("components", {}).setdefault("schemas", {})
    components["ErrorOut"] = ErrorOut.model_json_schema()
    ref = {"$ref": "#/components/schemas/ErrorOut"}
    for path_item in schema.get("paths", {}).values():
        for operation in path_item.values():
            if not isinstance(operation, dict) or "responses" not in operation:
                continue
            statuses = dict(_COMMON)
            if "requestBody" in operation:
                statuses.update(_WITH_BODY)
            if operation.get("security"):
                statuses.update(_SECURED)
            if operation.get("operationId", "").endswith("registration_create"):
                statuses[429] = "Too many registrations from this address or for this email."
            for status, description in statuses.items():
                operation["responses"].setdefault(
                    status,
                    {"description": description, "content": {"application/json": {"schema": ref}}},
                )
    return schema


class ApiErrorsMiddleware:
    """Under ``/api/``, an error answer that is not JSON (a URL that matches nothing, a method
    the path does not take, an error page of Django's) becomes ``{"detail": …}``, keeping its
    status and headers such as ``Allow``."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if (
            request.path_info.startswith(API_PREFIX)
            and response.status_code >= 400
            and not response.get("Content-Type", "").startswith("application/json")
        ):
            replacement = _json(response.status_code, _reason(response))
            for header in ("Allow", "Retry-After", "WWW-Authenticate"):
                if header in response:
                    replacement[header] = response[header]
            return replacement
        return response


def _reason(response: HttpResponse) -> str:
    if response.status_code == 404:
        return "Not found: no API endpoint at this URL."
    if response.status_code == 405:
        allowed = response.get("Allow", "other methods")
        return f"Method not allowed: this path takes {allowed}."
    if response.status_code == 413:
        return _WITH_BODY[413]
    if response.status_code >= 500:
        return "The server met an unexpected error; it has been logged."
    return response.reason_phrase or "The request cannot be answered."
