"""The rows behind each figure, for "click a number to see its rows".

``figure_rows(scope=…, figure="local_authorities.members")`` returns a queryset of the
sessions, registrations, attendance rows, people or organisations that the figure counts.
Figure names are the JSON keys joined by dots (``report_as_json``); a breakdown adds its key
(``local_authorities.by_kind.regional_authority``, ``by_country.BE``, ``languages.fr``,
``topics.polarisation``, ``audience.per_session.SESSION_SLUG``).

Most figures are the number of rows returned. Five are not, and say so in
``docs/report-definitions.md``: ``attendees`` counts the people returned plus the distinct keys
of ``attendees.unmatched``; ``pending_review`` counts the distinct organisation names the
returned people typed; ``countries`` counts the distinct countries of the people returned
(``by_country.CC`` lists each one's people); ``audience`` is a statistic of the sessions
returned (each annotated with ``audience``); ``members_share`` is ``member_registrants`` over
``registrants``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db.models import Count, Exists, Min, OuterRef, Q, QuerySet
from django.utils.translation import gettext as _

from convene.attendance.models import Attendance, Role
from convene.core.errors import FieldNotFound
from convene.directory.models import Language, Organisation
from convene.reports.definitions import (
    AUTHORITY_KIND_VALUES,
    INSTITUTION_KIND_VALUES,
    REPRESENTED_BY,
    RepresentedBy,
)
from convene.reports.rows import people, report_rows, unsettled_q
from convene.reports.scope import Scope


class _Rows:
    """The row sets of one scope (``rows.ReportRows``), as the figures' rows."""

    def __init__(self, scope: Scope, represented_by: RepresentedBy) -> None:
        self.rows = report_rows(scope, represented_by)
        self.sessions = self.rows.sessions
        self.registrations = self.rows.registrations
        self.audience = self.rows.audience

    def organisations(self, condition: Q) -> QuerySet[Organisation]:
        roots = self.rows.represented().filter(condition).values("report_root")
        return Organisation.objects.filter(pk__in=roots)

    def represented(self) -> QuerySet[Any]:
        return self.rows.represented().select_related("organisation")

    def registrants(self, condition: Q) -> QuerySet[Any]:
        start = self.sessions.aggregate(start=Min("starts_at"))["start"]
        return self.rows.registrants(start).filter(condition).select_related("organisation")


Explainer = Callable[[_Rows], QuerySet[Any]]


def _organisations(condition: Q) -> Explainer:
    return lambda rows: rows.organisations(condition)


def _language(code: str) -> Explainer:
    return lambda rows: rows.registrants(Q(preferred_language=code))


def _kind_figures(prefix: str, kinds: tuple[str, ...], total: str) -> dict[str, Explainer]:
    member = Q(report_member=True)
    figures = {
        f"{prefix}.{total}": _organisations(Q(report_kind__in=kinds)),
        f"{prefix}.members": _organisations(Q(report_kind__in=kinds) & member),
    }
    for kind in kinds:
        figures[f"{prefix}.by_kind.{kind}"] = _organisations(Q(report_kind=kind))
        figures[f"{prefix}.members_by_kind.{kind}"] = _organisations(Q(report_kind=kind) & member)
    return figures


FIGURES: dict[str, Explainer] = {
    "sessions": lambda r: r.sessions.select_related("series").order_by("starts_at", "pk"),
    "registrations": lambda r: r.registrations.select_related("person", "session").order_by(
        "session__starts_at", "person__name", "pk"
    ),
    "registrants": lambda r: r.registrants(Q()),
    "attendees": lambda r: people(r.audience).select_related("organisation"),
    "attendees.unmatched": lambda r: r.audience.filter(person__isnull=True).order_by("key", "pk"),
    "audience": lambda r: (
        r.sessions.filter(Exists(Attendance.objects.filter(session=OuterRef("pk"))))
        .annotate(
            audience=Count(
                "attendances", filter=Q(attendances__attended=True, attendances__role=Role.ATTENDEE)
            )
        )
        .order_by("starts_at", "pk")
    ),
    **_kind_figures("local_authorities", AUTHORITY_KIND_VALUES, "represented"),
    **_kind_figures("institutions", INSTITUTION_KIND_VALUES, "total"),
    "countries": lambda r: r.represented().filter(report_country__isnull=False),
    "pending_review": lambda r: r.represented().filter(unsettled_q()),
    "participants.new": lambda r: r.registrants(Q(report_returning=False)),
    "participants.returning": lambda r: r.registrants(Q(report_returning=True)),
    "member_registrants": lambda r: r.registrants(Q(report_member=True)),
    "members_share": lambda r: r.registrants(Q(report_member=True)),
}
FIGURES.update({f"languages.{code}": _language(code) for code in Language.values})


def figure_rows(
    *, scope: Scope, figure: str, represented_by: RepresentedBy = "registrants"
) -> QuerySet[Any]:
    """The rows behind ``figure`` (a dotted JSON key) in ``scope``. Raises ``FieldNotFound``
    for a name that is no figure."""
    if represented_by not in REPRESENTED_BY:
        raise FieldNotFound("represented", _("Choose registrants or attendees."))
    rows = _Rows(scope, represented_by)
    if figure in FIGURES:
        return FIGURES[figure](rows)
    head, _dot, key = figure.rpartition(".")
    if head == "by_country" and key:
        return rows.represented().filter(report_country=key.upper())
    if head == "topics" and key:
        return (
            rows.registrations.filter(session__topics__slug=key)
            .select_related("person", "session")
            .order_by("session__starts_at", "person__name", "pk")
        )
    if head == "audience.per_session" and key:
        return (
            rows.audience.filter(session__in=rows.sessions.filter(slug=key).values("pk"))
            .select_related("person__organisation")
            .order_by("name", "pk")
        )
    raise FieldNotFound("figure", _("No figure %(figure)s.") % {"figure": figure})
