"""Directory pages for everyone: organisation suggestions for the registration form."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from convene.directory.selectors import organisation_suggestions


@require_GET
def organisation_suggest(request: HttpRequest) -> HttpResponse:
    """``<option>`` elements for the organisation field's datalist (htmx swaps them in)."""
    names = organisation_suggestions(text=request.GET.get("organisation", "")[:100])
    return render(request, "directory/suggestions.html", {"names": names})
