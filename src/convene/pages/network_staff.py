"""The staff hub of the network platform: one place from which staff reach sections, minutes
and documents, practices and topic proposals (one link in the staff bar instead of four)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from convene.core.access import staff_required


@require_GET
@staff_required
def network_hub(request: HttpRequest) -> HttpResponse:
    return render(request, "pages/network_staff.html")
