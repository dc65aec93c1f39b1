"""Member pages: sign in by magic link, sign out, and "My account" (the participant-directory
listing, and why the person is or is not a member user)."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import login, logout
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods, require_POST

from convene.core.models import User
from convene.core.ratelimit import client_ip
from convene.core.tokens import LinkState
from convene.directory.models import Person
from convene.directory.selectors import person_access_facts
from convene.directory.services.accounts import person_directory_listing_set
from convene.directory.services.sign_in import (
    RateLimited,
    sign_in_link_request,
    sign_in_link_state,
    sign_in_link_use,
)

#: The backend that signs in a person whose link was checked (no password involved).
LINK_BACKEND = "django.contrib.auth.backends.ModelBackend"


def safe_next(request: HttpRequest, value: str | None) -> str:
    """A path on this site to go to after signing in, or "" (never another site)."""
    value = (value or "").strip()[:500]
    if not value.startswith("/") or value.startswith("//"):
        return ""
    if not url_has_allowed_host_and_scheme(value, allowed_hosts={request.get_host()}):
        return ""
    return value


@require_http_methods(["GET", "POST"])
def sign_in(request: HttpRequest) -> HttpResponse:
    """Ask for a sign-in link. The answer is the same whether the address is known or not."""
    next_path = safe_next(request, request.POST.get("next") or request.GET.get("next"))
    sent = False
    error = ""
    email = ""
    status = 200
    if request.method == "POST":
        email = request.POST.get("email", "").strip()[:254]
        try:
            sign_in_link_request(email=email, ip=client_ip(request), next_path=next_path)
        except ValidationError as exc:
            error, status = " ".join(exc.messages), 400
        except RateLimited as exc:
            error, status = str(exc), 429
        else:
            sent = True
    context = {"sent": sent, "error": error, "email": email, "next": next_path}
    return render(request, "directory/member/sign_in.html", context, status=status)


@require_http_methods(["GET", "POST"])
def sign_in_link(request: HttpRequest, token: str) -> HttpResponse:
    """GET shows a button, POST signs in: a mail scanner that fetches the link spends nothing."""
    next_path = safe_next(request, request.POST.get("next") or request.GET.get("next"))
    if request.method == "POST":
        state, user = sign_in_link_use(raw=token)
        if user is not None:
            login(request, user, backend=LINK_BACKEND)
            return HttpResponseRedirect(next_path or reverse("members:account"))
    else:
        state = sign_in_link_state(raw=token)
        if state is LinkState.VALID:
            return render(request, "directory/member/sign_in_open.html", {"next": next_path})
    return render(
        request,
        "directory/member/sign_in_stale.html",
        {"state": state.value, "next": next_path},
        status=410 if state in {LinkState.USED, LinkState.EXPIRED, LinkState.REVOKED} else 404,
    )


@require_POST
def sign_out(request: HttpRequest) -> HttpResponse:
    logout(request)
    return HttpResponseRedirect(reverse("home"))


def _own_person(request: HttpRequest) -> Person | None:
    return (
        Person.objects.filter(user_id=request.user.pk).select_related("organisation").first()
        if request.user.is_authenticated
        else None
    )


@require_http_methods(["GET"])
def account(request: HttpRequest) -> HttpResponse:
    """The signed-in person's own page."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path(), login_url=reverse("members:sign-in"))
    person = _own_person(request)
    facts = person_access_facts(person=person) if person is not None else None
    context = {"person": person, "facts": facts, "network_name": settings.NETWORK_NAME}
    return render(request, "directory/member/account.html", context)


@require_POST
def account_directory(request: HttpRequest) -> HttpResponse:
    """List or unlist oneself in the participant directory."""
    person = _own_person(request)
    if person is None:
        return redirect_to_login(reverse("members:account"), login_url=reverse("members:sign-in"))
    actor = request.user if isinstance(request.user, User) else None
    person_directory_listing_set(
        actor=actor, person=person, listed=request.POST.get("listed") == "1"
    )
    return HttpResponseRedirect(reverse("members:account"))
