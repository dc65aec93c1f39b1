"""The viewer of a request (worked out once per request), and how a page refuses it."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from convene.core.access import Access, Viewer
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


def refuse(request: HttpRequest, who: Viewer, *, staff_only: bool) -> HttpResponse:
    """The answer to a page someone may not see, the same for every kind of object:

    * staff only (the object's access in effect is ``staff``): 404, so its existence does
      not leak;
    * nobody signed in: the sign-in page, coming back here afterwards;
    * signed in, not a member: 403, a page saying the content is for members and how an
      organisation joins the network.
    """
    if staff_only:
        raise Http404
    if not who.is_authenticated:
        return redirect_to_login(request.get_full_path(), login_url=reverse("members:sign-in"))
    return render(
        request,
        "sections/members_only.html",
        {"network_name": settings.NETWORK_NAME},
        status=403,
    )


def staff_only(level: str, own: str = Access.INHERIT) -> bool:
    """Is something whose section resolves to ``level`` and whose own access is ``own`` for staff
    only (so that refusing it answers 404)?"""
    return Access.STAFF in (level, own)
