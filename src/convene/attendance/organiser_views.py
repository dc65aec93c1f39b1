"""Staff page for the network's own email domains: attendees with an address there are the
organising team, never audience."""

from __future__ import annotations

from typing import cast

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from convene.attendance import selectors
from convene.attendance.forms import OrganiserDomainForm
from convene.attendance.services import organiser_domain_add, organiser_domain_remove
from convene.core.access import staff_required
from convene.core.forms import add_service_errors
from convene.core.models import User


@staff_required
@require_http_methods(["GET", "POST"])
def organiser_domains(request: HttpRequest) -> HttpResponse:
    form = OrganiserDomainForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                added = organiser_domain_add(
                    actor=cast(User, request.user), domain=form.cleaned_data["domain"]
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(
                    request, _("%(domain)s was added to the list.") % {"domain": added.domain}
                )
                return HttpResponseRedirect(reverse("attendance:organiser-domains"))
        status = 400
    form.refresh_aria()
    context = {"form": form, "domains": list(selectors.organiser_domain_list())}
    return render(request, "attendance/organiser_domains.html", context, status=status)


@staff_required
@require_POST
def organiser_domain_delete(request: HttpRequest, pk: int) -> HttpResponse:
    found = selectors.organiser_domain_get(pk=pk)
    domain = found.domain
    organiser_domain_remove(actor=cast(User, request.user), organiser_domain=found)
    messages.success(request, _("%(domain)s was removed from the list.") % {"domain": domain})
    return HttpResponseRedirect(reverse("attendance:organiser-domains"))
