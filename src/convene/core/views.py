"""Pages of the core app: home, about, health check and the staff outbox."""

from __future__ import annotations

import io

from django.db import connection
from django.db.utils import DatabaseError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from convene.core.access import staff_required
from convene.core.mail import outbox_attachment, outbox_get, outbox_list


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "core/home.html")


@require_GET
def about(request: HttpRequest) -> HttpResponse:
    return render(request, "core/about.html")


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """200 with ``{"status": "ok", "database": "ok"}``, or 503 when the database is down."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return JsonResponse({"status": "error", "database": "unavailable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok", "vendor": connection.vendor})


@staff_required
@require_GET
def outbox(request: HttpRequest) -> HttpResponse:
    return render(request, "core/outbox_list.html", {"messages_list": outbox_list()})


@staff_required
@require_GET
def outbox_message(request: HttpRequest, name: str) -> HttpResponse:
    message = outbox_get(name=name)
    if message is None:
        raise Http404
    return render(request, "core/outbox_detail.html", {"message": message})


@staff_required
@require_GET
def outbox_message_attachment(request: HttpRequest, name: str, index: int) -> FileResponse:
    found = outbox_attachment(name=name, index=index)
    if found is None:
        raise Http404
    filename, content_type, payload = found
    return FileResponse(
        io.BytesIO(payload), as_attachment=True, filename=filename, content_type=content_type
    )
