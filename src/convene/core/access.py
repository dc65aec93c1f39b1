"""The one place that decides who may see what.

Deny by default: a view that shows anything beyond public pages asks a function here. Later
issues add members-only content and section inheritance to this module.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from django.contrib.auth.models import AnonymousUser
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponseBase

from convene.core.models import User

ViewFunc = TypeVar("ViewFunc", bound=Callable[..., HttpResponseBase])


def is_staff(user: User | AnonymousUser | None) -> bool:
    """Programme staff: signed in, active and marked staff."""
    return bool(user is not None and user.is_authenticated and user.is_active and user.is_staff)


def staff_required(view: ViewFunc) -> ViewFunc:
    """Send anonymous visitors to the sign-in page; refuse signed-in non-staff with 403."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        user = request.user
        if not user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not is_staff(user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper  # type: ignore[return-value]
