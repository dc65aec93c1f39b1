"""Staff pages of the impact report (mounted under /staff/reports/): the report of a scope,
the rows behind each figure, its XLSX and PDF files, and frozen snapshots.

Each view parses its parameters, calls a selector or a service, and renders or redirects.
"""

from __future__ import annotations

from typing import Any, cast
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect, QueryDict
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from convene.core.access import staff_required
from convene.core.errors import FieldNotFound
from convene.core.forms import add_service_errors
from convene.core.models import User
from convene.reports.charts import report_charts
from convene.reports.definitions import RepresentedBy
from convene.reports.document import (
    SESSIONS_LISTED,
    TOP_ORGANISATIONS,
    ReportDocument,
    report_document,
)
from convene.reports.explain import figure_rows
from convene.reports.forms import ReportScopeForm, SnapshotForm
from convene.reports.headlines import figure_label, headline_lines
from convene.reports.models import ReportSnapshot
from convene.reports.narrative import narrative
from convene.reports.rows import report_rows
from convene.reports.scope import Scope, scope_get
from convene.reports.services import report_snapshot_create

ROWS_PER_PAGE = 100
SCOPE_PARAMETERS = ("series", "section", "from", "until")

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class _BadScope(Exception):
    def __init__(self, form: ReportScopeForm) -> None:
        self.form = form


def _scope(data: QueryDict) -> tuple[ReportScopeForm, Scope, RepresentedBy]:
    """The report named by ``data``; raises ``_BadScope`` with the form's errors."""
    if not data.get("represented"):
        data = data.copy()
        data["represented"] = "registrants"
    form = ReportScopeForm(data)
    if not form.is_valid():
        raise _BadScope(form)
    values = form.cleaned_data
    try:
        scope = scope_get(
            series=values["series"],
            section=values["section"],
            start=values["from"],
            end=values["until"],
        )
    except FieldNotFound as exc:
        form.add_error(None, str(exc))
        raise _BadScope(form) from exc
    except ValidationError as exc:
        form.add_error(None, exc)
        raise _BadScope(form) from exc
    return form, scope, values["represented"]


def _query(form: ReportScopeForm, **extra: str) -> str:
    """The report's parameters as a query string, for links to its rows and files."""
    values = form.cleaned_data
    pairs = {name: values.get(name) or "" for name in SCOPE_PARAMETERS}
    pairs = {name: str(value) for name, value in pairs.items() if value}
    pairs["represented"] = values["represented"]
    pairs.update(extra)
    return urlencode(pairs)


def _report_context(document: ReportDocument) -> dict[str, Any]:
    shown = ReportDocument.from_json(
        {**document.as_json(), "organisations": document.organisations[:TOP_ORGANISATIONS]}
    )
    return {
        "network_name": settings.NETWORK_NAME,
        "document": shown,
        "figures": shown.figures,
        "headlines": headline_lines(shown),
        "sessions_listed": SESSIONS_LISTED,
        "charts": report_charts(shown),
        "narratives": [
            ("en", _("English"), narrative(shown, "en")),
            ("fr", _("French"), narrative(shown, "fr")),
        ],
    }


def _language() -> str:
    return (get_language() or "en").split("-")[0]


@staff_required
@require_GET
def report(request: HttpRequest) -> HttpResponse:
    """The report of the scope in the query string (the whole network without one)."""
    try:
        form, scope, represented = _scope(request.GET)
    except _BadScope as bad:
        bad.form.refresh_aria()
        return render(request, "reports/report.html", {"form": bad.form}, status=400)
    form.refresh_aria()
    snapshot_form = SnapshotForm()
    snapshot_form.refresh_aria()  # the title's input points at its help text's id
    document = report_document(scope=scope, represented_by=represented)
    context = {
        **_report_context(document),
        "form": form,
        "query": _query(form),
        "snapshot_form": snapshot_form,
        "live": True,
        "awaiting_confirmation": report_rows(scope).awaiting.count(),
    }
    return render(request, "reports/report.html", context)


@staff_required
@require_GET
def figure(request: HttpRequest) -> HttpResponse:
    """The rows behind one figure of a report."""
    name = request.GET.get("figure", "").strip()
    try:
        form, scope, represented = _scope(request.GET)
        rows = figure_rows(scope=scope, figure=name, represented_by=represented)
    except _BadScope as bad:
        bad.form.refresh_aria()
        return render(request, "reports/report.html", {"form": bad.form}, status=400)
    except FieldNotFound as exc:
        raise Http404(str(exc)) from exc
    page = Paginator(rows, ROWS_PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "figure": name,
        "figure_label": figure_label(name),
        "kind": rows.model._meta.model_name,
        "page": page,
        "scope_label": scope.describe(),
        "query": _query(form),
        "page_query": _query(form, figure=name),
    }
    return render(request, "reports/figure.html", context)


def _filename(document: ReportDocument, extension: str, *, title: str = "") -> str:
    """``report-<scope>-<day>``, or for a frozen report ``<its title>-<day>``."""
    scope = document.figures["scope"]
    name = (
        slugify(title)
        if title
        else "report-" + slugify(scope.get("series") or scope.get("section") or scope["kind"])
    )
    day = document.generated.date().isoformat()
    return f"{name[:80] or 'report'}-{day}.{extension}"


def _file(document: ReportDocument, extension: str, *, title: str = "") -> HttpResponse:
    """The XLSX or PDF file of ``document``; ``title`` names a frozen report's files."""
    if extension == "xlsx":
        from convene.reports.xlsx import report_xlsx

        content = report_xlsx(document, _language(), title=title)
        response = HttpResponse(content, content_type=XLSX)
    else:
        from convene.reports.pdf import report_pdf

        content = report_pdf(document, _language(), title=title)
        response = HttpResponse(content, content_type="application/pdf")
    filename = _filename(document, extension, title=title)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@staff_required
@require_GET
def report_file(request: HttpRequest, extension: str) -> HttpResponse:
    try:
        _form, scope, represented = _scope(request.GET)
    except _BadScope as bad:
        bad.form.refresh_aria()
        return render(request, "reports/report.html", {"form": bad.form}, status=400)
    limit = None if extension == "xlsx" else TOP_ORGANISATIONS
    document = report_document(scope=scope, represented_by=represented, organisations=limit)
    return _file(document, extension)


@staff_required
@require_POST
def snapshot_create(request: HttpRequest) -> HttpResponse:
    snapshot_form = SnapshotForm(request.POST)
    try:
        form, scope, represented = _scope(request.POST)
    except _BadScope as bad:
        bad.form.refresh_aria()
        return render(request, "reports/report.html", {"form": bad.form}, status=400)
    if snapshot_form.is_valid():
        try:
            snapshot = report_snapshot_create(
                actor=cast(User, request.user),
                scope=scope,
                represented_by=represented,
                title=snapshot_form.cleaned_data["title"],
            )
        except ValidationError as exc:
            add_service_errors(snapshot_form, exc)
        else:
            messages.success(request, _("The report is frozen."))
            return HttpResponseRedirect(reverse("reports:snapshot", args=[snapshot.pk]))
    snapshot_form.refresh_aria()
    form.refresh_aria()
    document = report_document(scope=scope, represented_by=represented)
    context = {
        **_report_context(document),
        "form": form,
        "query": _query(form),
        "snapshot_form": snapshot_form,
        "live": True,
    }
    return render(request, "reports/report.html", context, status=400)


@staff_required
@require_GET
def snapshot_list(request: HttpRequest) -> HttpResponse:
    snapshots = ReportSnapshot.objects.select_related("created_by").defer("document")
    page = Paginator(snapshots, ROWS_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "reports/snapshots.html", {"page": page})


@staff_required
@require_GET
def snapshot_detail(request: HttpRequest, pk: int) -> HttpResponse:
    snapshot = get_object_or_404(ReportSnapshot.objects.select_related("created_by"), pk=pk)
    document = ReportDocument.from_json(snapshot.document)
    context = {**_report_context(document), "snapshot": snapshot, "live": False}
    return render(request, "reports/report.html", context)


@staff_required
@require_GET
def snapshot_file(request: HttpRequest, pk: int, extension: str) -> HttpResponse:
    snapshot = get_object_or_404(ReportSnapshot, pk=pk)
    document = ReportDocument.from_json(snapshot.document)
    if extension == "pdf":
        document = ReportDocument.from_json(
            {**snapshot.document, "organisations": document.organisations[:TOP_ORGANISATIONS]}
        )
    return _file(document, extension, title=snapshot.title)
