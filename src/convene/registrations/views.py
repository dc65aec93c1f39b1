"""Registration pages: the form, confirmation, "my registrations", join links and feeds."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from convene.core.forms import add_service_errors
from convene.core.ratelimit import client_ip
from convene.core.tokens import LinkState
from convene.directory.models import Person
from convene.programme.selectors import series_get_public
from convene.registrations import services
from convene.registrations.calendar import calendar_bytes
from convene.registrations.forms import RegistrationForm
from convene.registrations.links import (
    feed_url_reset,
    manage_link_open,
    manage_link_opened,
    manage_token,
)
from convene.registrations.models import RegistrationStatus
from convene.registrations.selectors import (
    JOIN_EARLY,
    join_state,
    manage_link_get,
    registration_get_by_join_token,
    registration_get_for_person,
    registration_request_get_by_token,
    registration_request_just_sent,
    registrations_for_feed,
    registrations_for_person,
    registrations_of_request,
    sessions_open_for_registration,
)


@require_http_methods(["GET", "POST"])
def register(request: HttpRequest, slug: str) -> HttpResponse:
    series = series_get_public(slug=slug)
    open_sessions = sessions_open_for_registration(series=series, now=timezone.now())
    if not open_sessions:
        return render(request, "registrations/closed.html", {"series": series}, status=200)
    initial: dict[str, object] = {"language": (request.LANGUAGE_CODE or "en")[:2]}
    preselected = request.GET.get("session")
    if preselected:
        initial["sessions"] = [s.pk for s in open_sessions if s.slug == preselected]
    form = RegistrationForm(request.POST or None, sessions=open_sessions, initial=initial)
    if request.method == "POST" and form.is_valid():
        if form.is_bot:  # look like success, create nothing
            return redirect("registrations:submitted", slug=series.slug)
        data = form.cleaned_data
        try:
            registration_request = services.registration_request_submit(
                series=series,
                sessions=list(data["sessions"]),
                ip=client_ip(request),
                registrant=services.RegistrantIn(
                    name=data["name"],
                    email=data["email"],
                    organisation=data["organisation"],
                    job_title=data["job_title"],
                    country=data["country"],
                    language=data["language"],
                    consent_version=form.consent_version(),
                    directory_opt_in=data["directory_opt_in"],
                    news_opt_in=data["news_opt_in"],
                ),
            )
        except services.RateLimited as exc:
            form.add_error(None, str(exc))
        except services.MembersOnlyRefused as exc:
            form.add_error("organisation", str(exc))
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            request.session["last_request"] = registration_request.pk
            return redirect("registrations:submitted", slug=series.slug)
    form.refresh_aria()
    return render(
        request,
        "registrations/register.html",
        {"series": series, "form": form, "sessions": open_sessions},
        status=400 if form.errors else 200,
    )


@require_GET
def submitted(request: HttpRequest, slug: str) -> HttpResponse:
    series = series_get_public(slug=slug)
    registration_request = registration_request_just_sent(
        pk=request.session.get("last_request", 0), series=series
    )
    statuses = (
        {r.status for r in registration_request.registrations.all()}
        if registration_request
        else set()
    )
    return render(
        request,
        "registrations/submitted.html",
        {
            "series": series,
            "registration_request": registration_request,
            "held": RegistrationStatus.PENDING in statuses,
            "waitlisted": RegistrationStatus.WAITLISTED in statuses,
        },
    )


#: Session key: digests of the "my registrations" links this browser opened with the button.
def _stale(request: HttpRequest, state: LinkState, *, kind: str) -> HttpResponse:
    """A link that no longer works: say what happened and offer to send a new one."""
    return render(
        request,
        "registrations/link_stale.html",
        {"state": state.value, "kind": kind},
        status=404 if state is LinkState.UNKNOWN else 410,
    )


def _open(request: HttpRequest, token: str) -> None:
    manage_link_open(request, token)


@require_http_methods(["GET", "POST"])
def confirm(request: HttpRequest, token: str) -> HttpResponse:
    """GET shows a button, POST confirms: mail scanners that open links confirm nothing."""
    registration_request = registration_request_get_by_token(token=token)
    if registration_request is None:
        return _stale(request, LinkState.UNKNOWN, kind="confirm")
    if request.method == "POST":
        services.registration_request_confirm(request=registration_request)
        manage = manage_token(registration_request.person)
        _open(request, manage)
        return redirect("registrations:manage", token=manage)
    registrations = registrations_of_request(request=registration_request)
    return render(
        request,
        "registrations/confirm.html",
        {"registration_request": registration_request, "registrations": registrations},
    )


@require_http_methods(["GET", "POST"])
def manage(request: HttpRequest, token: str) -> HttpResponse:
    """GET shows a button until this browser pressed it (POST): a mail scanner that opens the
    link sees no personal data and changes nothing."""
    state, person = manage_link_get(token=token)
    if person is None:
        return _stale(request, state, kind="manage")
    if request.method == "POST":
        _open(request, token)
        return HttpResponseRedirect(reverse("registrations:manage", args=[token]))
    if not manage_link_opened(request, token):
        return render(request, "registrations/manage_open.html", {"token": token})
    return _manage_page(request, token=token, person=person, new_feed_url="")


def _manage_page(
    request: HttpRequest, *, token: str, person: Person, new_feed_url: str
) -> HttpResponse:
    return render(
        request,
        "registrations/manage.html",
        {
            "person": person,
            "token": token,
            "registrations": list(registrations_for_person(person_id=person.pk)),
            "feed_url": new_feed_url,
            "now": timezone.now(),
        },
    )


@require_POST
def feed_reset(request: HttpRequest, token: str) -> HttpResponse:
    """A new calendar-feed link, shown once; the earlier ones stop working."""
    state, person = manage_link_get(token=token)
    if person is None:
        return _stale(request, state, kind="manage")
    _open(request, token)
    return _manage_page(request, token=token, person=person, new_feed_url=feed_url_reset(person))


@require_POST
def cancel(request: HttpRequest, token: str, registration_id: int) -> HttpResponse:
    state, person = manage_link_get(token=token)
    if person is None:
        return _stale(request, state, kind="manage")
    registration = registration_get_for_person(person=person, pk=registration_id)
    services.registration_cancel(actor=None, registration=registration)
    messages.success(
        request,
        _("Your registration for %(session)s is cancelled.")
        % {"session": registration.session.title},
    )
    return HttpResponseRedirect(reverse("registrations:manage", args=[token]))


@csrf_exempt
@require_http_methods(["GET", "POST"])
def leave(request: HttpRequest, token: str, registration_id: int) -> HttpResponse:
    """The ``List-Unsubscribe`` target of staff messages to a session's registrants: a mail
    client's one-click POST (RFC 8058, no CSRF token possible) cancels the registration, which
    ends the messages; a GET (a scanner, or a person following the link) only opens "my
    registrations", where the person chooses."""
    state, person = manage_link_get(token=token)
    if person is None:
        return _stale(request, state, kind="manage")
    registration = registration_get_for_person(person=person, pk=registration_id)
    if request.method == "POST" and registration.status != RegistrationStatus.CANCELLED:
        services.registration_cancel(actor=None, registration=registration)
        messages.success(
            request,
            _("Your registration for %(session)s is cancelled.")
            % {"session": registration.session.title},
        )
    return HttpResponseRedirect(reverse("registrations:manage", args=[token]))


@require_GET
def personal_ics(request: HttpRequest, token: str, slug: str) -> HttpResponse:
    state, person = manage_link_get(token=token)
    if person is None:
        raise Http404
    registration = registration_get_for_person(person=person, session_slug=slug)
    content = calendar_bytes(
        [registration.session], registrations={registration.session_id: registration}
    )
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{slug}.ics"'
    return response


@require_GET
def personal_feed(request: HttpRequest, token: str) -> HttpResponse:
    registrations = registrations_for_feed(token=token)
    content = calendar_bytes(
        [r.session for r in registrations],
        registrations={r.session_id: r for r in registrations},
        name=_("My sessions"),
    )
    return HttpResponse(content, content_type="text/calendar; charset=utf-8")


@require_http_methods(["GET", "POST"])
def manage_request(request: HttpRequest) -> HttpResponse:
    """Ask for a fresh magic link by email. The answer never says whether the email is known."""
    sent = False
    error = ""
    email = ""
    if request.method == "POST":
        email = request.POST.get("email", "").strip()[:254]
        try:
            services.manage_link_request(email=email, ip=client_ip(request))
        except ValidationError as exc:
            error = " ".join(exc.messages)
        except services.RateLimited as exc:
            error = str(exc)
        else:
            sent = True
    return render(
        request,
        "registrations/manage_request.html",
        {"sent": sent, "error": error, "email": email},
        status=400 if error else 200,
    )


@require_GET
def join(request: HttpRequest, token: str) -> HttpResponse:
    """The personal join link: to the video from 15 minutes before until the end."""
    registration = registration_get_by_join_token(token=token)
    state = join_state(registration=registration)
    services.join_click_record(registration=registration, redirected=state == "go")
    if state == "go":
        return HttpResponseRedirect(registration.session.join_url)
    return render(
        request,
        "registrations/join.html",
        {
            "registration": registration,
            "session": registration.session,
            "state": state,
            "opens_at": registration.session.starts_at - JOIN_EARLY,
        },
    )
