"""The JSON API: one NinjaAPI at /api/, one router per app. OpenAPI docs at /api/docs.

Every answer is JSON with a ``detail`` when something is wrong (``convene.core.api_errors``),
and the OpenAPI document lists those error answers for each operation.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI

from convene.attendance.api import router as attendance_router
from convene.core.api_auth import staff_token
from convene.core.api_errors import document_error_responses, install_error_handlers
from convene.directory.api import router as directory_router
from convene.knowledge.minutes_api import router as minutes_router
from convene.knowledge.practice_api import router as practices_router
from convene.knowledge.proposal_api import router as proposals_router
from convene.programme.api import router as programme_router
from convene.registrations.api import imports_router as registration_imports_router
from convene.registrations.api import router as registrations_router
from convene.registrations.api import seats_router
from convene.registrations.services import RateLimited
from convene.reports.api import router as reports_router
from convene.sections.api import router as sections_router


class ConveneAPI(NinjaAPI):
    def get_openapi_schema(self, *args: Any, **kwargs: Any) -> Any:
        return document_error_responses(super().get_openapi_schema(*args, **kwargs))


api = ConveneAPI(
    title="Convene API",
    version="1",
    description="Directory, programme, registration, attendance and reports of a city network.",
    urls_namespace="api",
)
install_error_handlers(api)


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
api.add_router("/", proposals_router, tags=["proposals"])
api.add_router("/practices", practices_router, tags=["practices"])
api.add_router("/sections", sections_router, tags=["sections"])
api.add_router("/", minutes_router, tags=["minutes"])
