"""Staff pages of topic proposals, under /staff/proposals/: rounds (create, change), and for each
proposal its answer, a merge, translations, and the session it becomes. No admin needed."""

from __future__ import annotations

from typing import Any, cast

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms import BaseForm
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from convene.core.access import staff_required
from convene.core.forms import add_service_errors
from convene.core.models import User
from convene.knowledge.models.proposals import Proposal, ProposalStatus
from convene.knowledge.proposal_forms import (
    AnswerForm,
    MergeForm,
    ProposalSessionForm,
    RoundForm,
    TranslateForm,
)
from convene.knowledge.selectors import proposals as selectors
from convene.knowledge.services import proposal_answers as answers
from convene.knowledge.services import proposals as services


def _actor(request: HttpRequest) -> User:
    return cast(User, request.user)


def _render(
    request: HttpRequest, template: str, context: dict[str, Any], status: int = 200
) -> HttpResponse:
    """Render a staff page; each form's translated inputs are grouped as
    ``<prefix>_<field>_fields`` (``form_title_fields`` for a form without a prefix)."""
    for value in list(context.values()):
        if isinstance(value, BaseForm):
            value.refresh_aria()  # type: ignore[attr-defined]
            for name in getattr(value, "translated", {}):
                group = value.translated_group(name)  # type: ignore[attr-defined]
                context[f"{value.prefix or 'form'}_{name}_fields"] = group
    return render(request, f"knowledge/proposals/staff/{template}", context, status=status)


@staff_required
@require_GET
def index(request: HttpRequest) -> HttpResponse:
    rounds = selectors.round_list()
    current = selectors.round_current()
    return render(
        request,
        "knowledge/proposals/staff/index.html",
        {"rounds": rounds, "current": current},
    )


@staff_required
@require_http_methods(["GET", "POST"])
def round_form(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    round_obj = selectors.round_get(pk=pk) if pk is not None else None
    form = RoundForm(request.POST or None, round_obj=round_obj)
    if request.method == "POST" and form.is_valid():
        try:
            if round_obj is None:
                round_obj = services.round_create(actor=_actor(request), **form.service_kwargs())
                messages.success(request, _("Round created."))
            else:
                services.round_update(
                    actor=_actor(request), round_obj=round_obj, **form.service_kwargs()
                )
                messages.success(request, _("Round saved."))
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            return HttpResponseRedirect(reverse("proposals_staff:round", args=[round_obj.pk]))
    status = 200 if request.method == "GET" else 400
    return _render(request, "round_form.html", {"form": form, "round": round_obj}, status)


@staff_required
@require_GET
def round_detail(request: HttpRequest, pk: int) -> HttpResponse:
    round_obj = selectors.round_get(pk=pk)
    proposals = selectors.proposal_list(round_obj=round_obj)
    return render(
        request,
        "knowledge/proposals/staff/round.html",
        {"round": round_obj, "proposals": proposals},
    )


def _forms(proposal: Proposal, data: Any = None, action: str = "") -> dict[str, Any]:
    """The proposal page's forms; only the one posted (``action``) is bound to ``data``."""

    def bound(name: str) -> Any:
        return data if action == name else None

    forms: dict[str, Any] = {}
    if proposal.status != ProposalStatus.MERGED:
        forms["answer"] = AnswerForm(bound("answer"), proposal=proposal)
        if proposal.session_id is None:
            forms["merge"] = MergeForm(
                bound("merge"), targets=selectors.merge_targets(proposal=proposal)
            )
    forms["translate"] = TranslateForm(bound("translate"), proposal=proposal)
    if proposal.status == ProposalStatus.ACCEPTED and proposal.session_id is None:
        forms["session"] = ProposalSessionForm(
            bound("session"), series=selectors.series_for_sessions()
        )
    return forms


def _proposal_page(
    request: HttpRequest, proposal: Proposal, forms: dict[str, Any], status: int = 200
) -> HttpResponse:
    context: dict[str, Any] = {
        "proposal": proposal,
        "merged": list(proposal.merged_proposals.order_by("created_at", "id")),
        **{f"{name}_form": form for name, form in forms.items()},
    }
    return _render(request, "proposal.html", context, status)


@staff_required
@require_GET
def proposal_detail(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = selectors.proposal_get(pk=pk)
    return _proposal_page(request, proposal, _forms(proposal))


@staff_required
@require_POST
def proposal_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    """Answer, merge, translate, or turn into a session: one POST form each."""
    proposal = selectors.proposal_get(pk=pk)
    forms = _forms(proposal, request.POST, action)
    form = forms.get(action)
    if form is None:
        raise Http404
    actor = _actor(request)
    if form.is_valid():
        try:
            done = _run(action, actor, proposal, form)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, done)
            return HttpResponseRedirect(reverse("proposals_staff:proposal", args=[proposal.pk]))
    return _proposal_page(request, proposal, forms, 400)


def _run(action: str, actor: User, proposal: Proposal, form: Any) -> str:
    data = form.cleaned_data
    if action == "answer":
        answers.proposal_answer(
            actor=actor,
            proposal=proposal,
            status=data["status"],
            answer=form.translated_value("answer"),
        )
        return _("Answer saved.")
    if action == "merge":
        answers.proposal_merge(
            actor=actor,
            proposal=proposal,
            into=data["into"],
            answer=form.translated_value("answer"),
        )
        return _("Proposal merged; its supports moved to the other proposal.")
    if action == "translate":
        services.proposal_translate(
            actor=actor,
            proposal=proposal,
            title=form.translated_value("title"),
            rationale=form.translated_value("rationale"),
        )
        return _("Translations saved.")
    answers.proposal_session_create(actor=actor, proposal=proposal, **form.service_kwargs())
    return _("The session is created. Add its speakers and details on the planning pages.")
