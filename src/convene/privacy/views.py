"""The person's own privacy page, reached from "my registrations" with the same link: their
consents, their data as a download, and erasure (confirmed twice). The privacy notice."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from convene.directory.models import ConsentChannel, Person
from convene.directory.selectors import person_has_agreed, privacy_notice_current
from convene.privacy.forms import OPTIONAL_PURPOSES, ConsentForm, EraseConfirmForm
from convene.privacy.models import ErasureReason
from convene.privacy.selectors import person_for_link
from convene.privacy.services import consent
from convene.privacy.services.erasure import erase_person
from convene.privacy.services.export import person_export_zip
from convene.registrations.links import manage_link_open, manage_link_opened


def notice(request: HttpRequest) -> HttpResponse:
    """The privacy notice in force, as stored (every earlier version is kept)."""
    current = privacy_notice_current()
    paragraphs = [p.strip() for p in str(current.text).split("\n\n")] if current else []
    return render(
        request,
        "privacy/notice.html",
        {"notice": current, "paragraphs": [p for p in paragraphs if p]},
    )


def _person(request: HttpRequest, token: str) -> Person:
    person = person_for_link(token=token)
    if person is None:
        raise Http404(_("This link no longer works. Ask for a new one from “My registrations”."))
    return person


def _zip_response(content: bytes, *, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="{filename}.zip"'
    return response


@require_http_methods(["GET", "POST"])
def person_page(request: HttpRequest, token: str) -> HttpResponse:
    """GET shows a button until this browser pressed it (POST), as "my registrations" does."""
    person = _person(request, token)
    if request.method == "POST":
        manage_link_open(request, token)
        return HttpResponseRedirect(reverse("privacy:person", args=[token]))
    if not manage_link_opened(request, token):
        return render(request, "privacy/person_open.html", {"token": token})
    return render(request, "privacy/person.html", _context(person, token))


def _context(person: Person, token: str) -> dict[str, object]:
    purposes = [
        {
            "value": purpose.value,
            "label": purpose.label,
            "agreed": person_has_agreed(person=person, purpose=purpose),
        }
        for purpose in OPTIONAL_PURPOSES
    ]
    return {"person": person, "token": token, "purposes": purposes}


def _opened_person(request: HttpRequest, token: str) -> Person:
    person = _person(request, token)
    if not manage_link_opened(request, token):
        raise Http404(_("Open the page from the link in your mail first."))
    return person


@require_POST
def person_consent(request: HttpRequest, token: str) -> HttpResponse:
    person = _opened_person(request, token)
    form = ConsentForm(request.POST)
    if not form.is_valid():
        return HttpResponse(_("Choose a consent to give or withdraw."), status=400)
    purpose = form.cleaned_data["purpose"]
    if form.cleaned_data["action"] == "give":
        consent.give(person, purpose, ConsentChannel.PERSON)
    else:
        consent.withdraw(person, purpose, ConsentChannel.PERSON)
    return HttpResponseRedirect(reverse("privacy:person", args=[token]) + "#consents")


@require_POST
def person_export(request: HttpRequest, token: str) -> HttpResponse:
    person = _opened_person(request, token)
    content = person_export_zip(person=person, channel=ConsentChannel.PERSON)
    return _zip_response(content, filename="my-data")


@require_http_methods(["GET", "POST"])
def person_erase(request: HttpRequest, token: str) -> HttpResponse:
    """First confirmation: the page that says what erasure does, with its button. Second: the
    box ticked on that page's form (POST). Then the person's data is gone, and so is the link."""
    person = _opened_person(request, token)
    form = EraseConfirmForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            erase_person(person, reason=ErasureReason.PERSON)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            return render(request, "privacy/erased.html")
    return render(
        request,
        "privacy/person_erase.html",
        {"person": person, "token": token, "form": form},
        status=400 if form.errors else 200,
    )
