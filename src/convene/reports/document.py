"""The report as one document: the figures (the API's JSON object) and the details the page,
the narrative and the exports show beside them (titles, the per-session table, the top
organisations).

A document is plain JSON, so a snapshot stores it as it is and renders exactly the same page
and files later, whatever changed in the data since. Everything that turns a document into a
page, a paragraph, a chart or a file reads only the document, never the database.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass
from typing import Any

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from convene.reports.definitions import DEFINITIONS_VERSION, RepresentedBy
from convene.reports.scope import Scope
from convene.reports.selectors import report_figures
from convene.reports.serialise import report_as_json

#: How many organisations the page lists; the XLSX export and snapshots keep them all.
TOP_ORGANISATIONS = 10
#: How many sessions the page and the PDF list; the XLSX export lists them all.
SESSIONS_LISTED = 60


@dataclass(frozen=True)
class ReportDocument:
    #: The API's object (``serialise.report_as_json``), key for key.
    figures: dict[str, Any]
    #: The series' title or the section's name; empty for a period or the whole network.
    scope_title: str
    #: One row per session in scope: slug, title, starts_at (ISO), timezone, registrations,
    #: attendees (``None`` when no attendance is recorded for it).
    sessions: list[dict[str, Any]]
    #: Represented organisations, most people first: name, kind, country, people, member.
    organisations: list[dict[str, Any]]
    #: Topics: slug, name, name_fr, registrations.
    topics: list[dict[str, Any]]
    definitions_version: str
    generated_at: str

    @property
    def represented_by(self) -> RepresentedBy:
        value: RepresentedBy = self.figures["represented_by"]
        return value

    @property
    def generated(self) -> dt.datetime:
        return dt.datetime.fromisoformat(self.generated_at)

    def as_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ReportDocument:
        return cls(**{name: data[name] for name in cls.__dataclass_fields__})

    def title(self) -> str:
        """The report's title in the active language: "Impact report: <scope>"."""
        return _("Impact report: %(scope)s") % {"scope": self.describe_scope()}

    def describe_scope(self) -> str:
        """The scope in a few words, in the active language."""
        scope = self.figures["scope"]
        if scope["kind"] == "series":
            return _("Series “%(title)s”") % {"title": self.scope_title}
        if scope["kind"] == "section":
            return _("Section “%(name)s” and its subsections") % {"name": self.scope_title}
        start = date_format(dt.date.fromisoformat(scope["from"])) if scope["from"] else ""
        end = date_format(dt.date.fromisoformat(scope["until"])) if scope["until"] else ""
        if start and end:
            return _("Sessions from %(start)s to %(end)s") % {"start": start, "end": end}
        if start:
            return _("Sessions from %(start)s") % {"start": start}
        if end:
            return _("Sessions until %(end)s") % {"end": end}
        return _("The whole network")


def _scope_title(scope: Scope) -> str:
    if scope.series is not None:
        return str(scope.series.title)
    if scope.section is not None:
        return str(scope.section.name)
    return ""


def report_document(
    *,
    scope: Scope,
    represented_by: RepresentedBy = "registrants",
    organisations: int | None = TOP_ORGANISATIONS,
) -> ReportDocument:
    """The report for ``scope``; ``organisations`` caps the organisation list (``None``: all)."""
    figures = report_figures(
        scope=scope, represented_by=represented_by, organisations=organisations
    )
    return ReportDocument(
        figures=report_as_json(figures),
        scope_title=_scope_title(scope),
        sessions=[
            {
                "slug": line.slug,
                "title": line.title,
                "starts_at": line.starts_at.isoformat(),
                "timezone": line.timezone,
                "registrations": line.registrations,
                "attendees": line.attendees,
            }
            for line in figures.session_lines
        ],
        organisations=[
            {
                "name": row.name,
                "kind": row.kind,
                "country": row.country,
                "people": row.people,
                "member": row.member,
            }
            for row in figures.organisations
        ],
        topics=[
            {
                "slug": topic.slug,
                "name": topic.name,
                "name_fr": topic.name_fr,
                "registrations": topic.registrations,
            }
            for topic in figures.topics
        ],
        definitions_version=DEFINITIONS_VERSION,
        generated_at=timezone.now().isoformat(),
    )
