"""What reaches announcements from outside: the unsubscribe link of each mail (a page, and the
one-click POST of RFC 8058), and the bounce hook a mail provider can call."""

from __future__ import annotations

import hmac
import json

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from convene.announcements import selectors, services
from convene.announcements.models import BounceSource

#: The largest body the bounce hook reads.
HOOK_MAX_BYTES = 10_000


@csrf_exempt
@require_http_methods(["GET", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """GET shows a page with one button (mail scanners follow links, so a GET changes nothing);
    POST, from that button or from a mail client's one-click ``List-Unsubscribe-Post`` (which
    cannot carry a CSRF token), withdraws the person's consent to the network's news."""
    recipient = selectors.recipient_get_by_token(token=token)
    if recipient is None:
        return render(request, "announcements/unsubscribe.html", {"recipient": None}, status=404)
    done = recipient.unsubscribed_at is not None
    if request.method == "POST":
        services.recipient_unsubscribe(recipient=recipient)
        done = True
    return render(
        request,
        "announcements/unsubscribe.html",
        {"recipient": recipient, "done": done, "token": token},
    )


def _detail(status: int, detail: str) -> JsonResponse:
    return JsonResponse({"detail": detail}, status=status)


@csrf_exempt
@require_POST
def bounce_hook(request: HttpRequest) -> HttpResponse:
    """``POST /news/bounces/`` with ``Authorization: Bearer <BOUNCE_HOOK_SECRET>`` and a JSON
    body ``{"email": "...", "reason": "..."}``: the address is marked as bouncing (204).
    Documented in docs/announcements.md. Without a configured secret the hook is off (404)."""
    secret = getattr(settings, "BOUNCE_HOOK_SECRET", "")
    if not secret:
        return _detail(404, "The bounce hook is not configured.")
    given = request.headers.get("Authorization", "").removeprefix("Bearer ").strip()
    if not hmac.compare_digest(given.encode(), secret.encode()):
        return _detail(401, "A valid bearer token is required.")
    if len(request.body) > HOOK_MAX_BYTES:
        return _detail(413, "The body is too large.")
    try:
        data = json.loads(request.body)
    except (ValueError, UnicodeDecodeError):
        return _detail(400, "The body is not JSON.")
    if not isinstance(data, dict) or not isinstance(data.get("email"), str):
        return _detail(400, 'Give the address as a string: {"email": "..."}.')
    reason = data.get("reason", "")
    if not isinstance(reason, str):
        return _detail(400, "The reason must be a string.")
    try:
        services.bounce_record(
            actor=None, email=data["email"], reason=reason, source=BounceSource.PROVIDER
        )
    except ValidationError as exc:
        return _detail(400, " ".join(exc.messages))
    return HttpResponse(status=204)
