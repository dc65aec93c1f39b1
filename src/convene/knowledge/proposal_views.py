"""Topic proposal pages, under /network/proposals/: the current round with its proposals, the
propose form and the support buttons (plain POST forms; htmx swaps one proposal's box when
present), a page per proposal, and past rounds. Who sees what: ``proposal_rules``."""

from __future__ import annotations

from typing import Any, cast

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from convene.core.forms import add_service_errors
from convene.core.models import User
from convene.knowledge.models.proposals import ProposalRound
from convene.knowledge.proposal_forms import ProposalForm
from convene.knowledge.proposal_rules import Participation, participation_for
from convene.knowledge.selectors import proposals as selectors
from convene.knowledge.services import proposals as services
from convene.sections.access import viewer


def _participation(request: HttpRequest) -> Participation:
    return participation_for(viewer(request))


def _closed(request: HttpRequest) -> HttpResponse:
    """What anyone who may not see proposals gets, whatever the address: nothing leaks."""
    return render(request, "knowledge/proposals/closed.html", status=403)


def _round_context(participation: Participation, round_obj: ProposalRound | None) -> dict[str, Any]:
    if round_obj is None:
        return {"round": None, "proposals": [], "supported": set(), "supports_left": 0}
    proposals = list(selectors.proposal_list(round_obj=round_obj))
    supported = selectors.supported_ids(person_id=participation.person_id, round_obj=round_obj)
    return {
        "round": round_obj,
        "round_open": round_obj.is_open(),
        "proposals": proposals,
        "supported": supported,
        "supports_left": max(round_obj.supports_per_person - len(supported), 0),
    }


def _render_current(
    request: HttpRequest, participation: Participation, form: ProposalForm | None, status: int
) -> HttpResponse:
    round_obj = selectors.round_current()
    context = _round_context(participation, round_obj)
    if form is None and round_obj is not None and participation.may_propose:
        form = ProposalForm()
    if form is not None:
        form.refresh_aria()
    context.update({"participation": participation, "form": form, "current": True})
    return render(request, "knowledge/proposals/round.html", context, status=status)


@require_GET
def current(request: HttpRequest) -> HttpResponse:
    participation = _participation(request)
    if not participation.may_view:
        return _closed(request)
    return _render_current(request, participation, None, 200)


@require_POST
def propose(request: HttpRequest) -> HttpResponse:
    participation = _participation(request)
    if not participation.may_view:
        return _closed(request)
    form = ProposalForm(request.POST)
    round_obj = selectors.round_current()
    if form.is_valid():
        if round_obj is None:
            form.add_error(None, _("No round is open: proposals wait for the next one."))
        else:
            try:
                proposal = services.proposal_create(
                    actor=cast(User, request.user), round_obj=round_obj, **form.service_kwargs()
                )
            except PermissionDenied as exc:
                form.add_error(None, str(exc) or _("You may not propose topics."))
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("Thank you: your topic is proposed."))
                return HttpResponseRedirect(reverse("proposals:proposal", args=[proposal.pk]))
    return _render_current(request, participation, form, 400)


@require_GET
def proposal_detail(request: HttpRequest, pk: int) -> HttpResponse:
    participation = _participation(request)
    if not participation.may_view:
        return _closed(request)
    proposal = selectors.proposal_get(pk=pk)
    supported = selectors.supported_ids(person_id=participation.person_id, round_obj=proposal.round)
    context = {
        "proposal": proposal,
        "participation": participation,
        "supported": supported,
        "round_open": proposal.round.is_open(),
        "supports_left": max(proposal.round.supports_per_person - len(supported), 0),
        "merged": list(proposal.merged_proposals.order_by("created_at", "id")),
    }
    return render(request, "knowledge/proposals/proposal.html", context)


def _support_action(request: HttpRequest, pk: int, *, withdraw: bool) -> HttpResponse:
    participation = _participation(request)
    if not participation.may_view:
        return _closed(request)
    proposal = selectors.proposal_get(pk=pk)
    actor = cast(User, request.user)
    try:
        if withdraw:
            services.proposal_support_withdraw(actor=actor, proposal=proposal)
            messages.success(request, _("Your support is withdrawn."))
        else:
            services.proposal_support(actor=actor, proposal=proposal)
            messages.success(request, _("You support this proposal."))
    except PermissionDenied as exc:
        messages.error(request, str(exc) or _("Only members may support proposals."))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    back = reverse("proposals:current")
    if request.POST.get("back") == "proposal":
        back = reverse("proposals:proposal", args=[proposal.pk])
    elif request.POST.get("back") == "round":
        back = reverse("proposals:round", args=[proposal.round_id])
    return HttpResponseRedirect(f"{back}#proposal-{proposal.pk}")


@require_POST
def support(request: HttpRequest, pk: int) -> HttpResponse:
    return _support_action(request, pk, withdraw=False)


@require_POST
def withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    return _support_action(request, pk, withdraw=True)


@require_GET
def round_list(request: HttpRequest) -> HttpResponse:
    participation = _participation(request)
    if not participation.may_view:
        return _closed(request)
    rounds = selectors.round_list(past_only=True, today=timezone.localdate())
    return render(request, "knowledge/proposals/rounds.html", {"rounds": rounds})


@require_GET
def round_detail(request: HttpRequest, pk: int) -> HttpResponse:
    participation = _participation(request)
    if not participation.may_view:
        return _closed(request)
    round_obj = selectors.round_get(pk=pk)
    context = _round_context(participation, round_obj)
    context.update({"participation": participation, "form": None, "current": False})
    return render(request, "knowledge/proposals/round.html", context)
