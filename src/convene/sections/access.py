"""STAND-IN until wip-access lands."""

from __future__ import annotations

from django.http import HttpRequest

from convene.core.access import Viewer


def viewer(request: HttpRequest) -> Viewer:
    from convene.directory.selectors import viewer_for

    cached = getattr(request, "_viewer", None)
    if cached is None:
        cached = viewer_for(request.user)
        request._viewer = cached  # type: ignore[attr-defined]
    return cached
