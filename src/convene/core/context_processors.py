from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from convene.core.access import is_staff


def site(request: HttpRequest) -> dict[str, Any]:
    return {"user_is_staff": is_staff(getattr(request, "user", None))}
