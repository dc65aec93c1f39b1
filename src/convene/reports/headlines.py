"""The report's figures as labelled lines, in the active language: the page's headline list,
the XLSX "Figures" sheet and the PDF's table all show these lines.

``key`` is the figure's dotted name (``explain.figure_rows``), so each line opens onto its
rows; ``value`` is a number, or text for a range.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from convene.directory.models import Language, OrganisationKind
from convene.reports.document import ReportDocument


@dataclass(frozen=True)
class FigureLine:
    key: str
    label: str
    value: int | float | None
    #: A sub-line (a breakdown of the line above it).
    indent: bool = False
    #: A percentage (``value`` is a share between 0 and 1).
    share: bool = False
    #: Where the value is in the JSON object, when it is not at ``key``.
    path: str = ""

    @property
    def json_path(self) -> str:
        return self.path or self.key


def _kind_lines(group: str, figures: dict[str, Any]) -> list[FigureLine]:
    labels = dict(OrganisationKind.choices)
    lines = []
    for kind, count in figures["by_kind"].items():
        lines.append(FigureLine(f"{group}.by_kind.{kind}", str(labels[kind]), count, indent=True))
    return lines


def headline_lines(document: ReportDocument) -> list[FigureLine]:
    """The headline figures, in the order the page shows them."""
    f = document.figures
    audience = f["audience"]
    authorities, institutions = f["local_authorities"], f["institutions"]
    languages = dict(Language.choices)
    return [
        FigureLine("sessions", _("Sessions"), f["sessions"]),
        FigureLine("registrants", _("Registrants (distinct people)"), f["registrants"]),
        FigureLine("registrations", _("Registrations"), f["registrations"]),
        FigureLine("attendees", _("Attendees (distinct people)"), f["attendees"]),
        FigureLine(
            "audience", _("Smallest audience of a session"), audience["min"], path="audience.min"
        ),
        FigureLine(
            "audience", _("Largest audience of a session"), audience["max"], path="audience.max"
        ),
        FigureLine(
            "audience", _("Mean audience per session"), audience["mean"], path="audience.mean"
        ),
        FigureLine(
            "audience", _("Median audience per session"), audience["median"], path="audience.median"
        ),
        FigureLine(
            "local_authorities.represented",
            _("Local and regional authorities represented"),
            authorities["represented"],
        ),
        FigureLine(
            "local_authorities.members",
            _("of which members"),
            authorities["members"],
            indent=True,
        ),
        *_kind_lines("local_authorities", authorities),
        FigureLine("institutions.total", _("Other institutions"), institutions["total"]),
        FigureLine(
            "institutions.members", _("of which members"), institutions["members"], indent=True
        ),
        *_kind_lines("institutions", institutions),
        FigureLine("countries", _("Countries"), f["countries"]),
        FigureLine("participants.new", _("New participants"), f["participants"]["new"]),
        FigureLine(
            "participants.returning",
            _("Returning participants (registered for an earlier session)"),
            f["participants"]["returning"],
        ),
        FigureLine("member_registrants", _("Registrants from members"), f["member_registrants"]),
        FigureLine(
            "members_share", _("Members' share of registrants"), f["members_share"], share=True
        ),
        *(
            FigureLine(
                f"languages.{code}",
                _("Registrants preferring %(language)s") % {"language": languages[code]},
                count,
                indent=True,
            )
            for code, count in f["languages"].items()
        ),
        FigureLine("pending_review", _("Organisations still in review"), f["pending_review"]),
    ]
