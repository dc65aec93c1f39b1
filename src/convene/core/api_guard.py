"""Guards for public API endpoints that browsers could be tricked into calling."""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.http import HttpRequest, HttpResponse


def json_body_required(run: Callable[..., Any]) -> Callable[..., Any]:
    """Refuse a body that is not ``application/json`` with 415, before it is parsed.

    A web page on another site can make its visitors' browsers send ``text/plain``, form or
    multipart posts to us without asking, but not ``application/json``: that needs a CORS
    preflight, which Convene never grants. Use with ``ninja.decorators.decorate_view``.
    """

    @wraps(run)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        content_type = request.content_type or ""
        if content_type != "application/json" and not content_type.endswith("+json"):
            return HttpResponse(
                json.dumps({"detail": "Send the request body as application/json."}),
                status=415,
                content_type="application/json",
            )
        return run(request, *args, **kwargs)

    return wrapper
