"""The viewer of a request, worked out once per request."""

from __future__ import annotations

from django.http import HttpRequest

from convene.core.access import Viewer
from convene.directory.selectors import viewer_for

_ATTRIBUTE = "_convene_viewer"


def viewer(request: HttpRequest) -> Viewer:
    """The request's :class:`~convene.core.access.Viewer` (at most two queries, then cached on
    the request). Anonymous when nobody is signed in."""
    cached = getattr(request, _ATTRIBUTE, None)
    if cached is None:
        cached = viewer_for(getattr(request, "user", None))
        setattr(request, _ATTRIBUTE, cached)
    return cached
