"""The report's figures as labelled lines, in the active language: the page's headline list,
the XLSX "Figures" sheet and the PDF's table all show these lines.

``key`` is the figure's dotted name (``explain.figure_rows``), so each line opens onto its
rows; ``value`` is a number, or text for a range.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from convene.core.countries import country_name
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


def labels() -> dict[str, str]:
    """Each figure's name in the active language, by its key: the page's and the files' lines
    and the title of the figure's rows page."""
    return {
        "sessions": _("Sessions"),
        "registrants": _("Registrants (distinct people)"),
        "registrations": _("Registrations"),
        "attendees": _("Attendees (distinct people)"),
        "attendees.unmatched": _("Attendees not matched to a registrant"),
        "audience": _("Audience of the sessions"),
        "audience.min": _("Smallest audience of a session"),
        "audience.max": _("Largest audience of a session"),
        "audience.mean": _("Mean audience per session"),
        "audience.median": _("Median audience per session"),
        "local_authorities.represented": _("Local and regional authorities represented"),
        "local_authorities.members": _("Local and regional authorities that are members"),
        "institutions.total": _("Other institutions"),
        "institutions.members": _("Other institutions that are members"),
        "countries": _("Countries"),
        "participants.new": _("New participants"),
        "participants.returning": _("Returning participants (registered for an earlier session)"),
        "member_registrants": _("Registrants from members"),
        "members_share": _("Members' share of registrants"),
        "pending_review": _("Organisations still in review"),
    }


def figure_label(key: str) -> str:
    """The name of the figure ``key`` (``explain.figure_rows``'s dotted name), never the key
    itself when the figure is known."""
    known = labels()
    if key in known:
        return known[key]
    head, _dot, tail = key.rpartition(".")
    kinds = dict(OrganisationKind.choices)
    if head.endswith(".members_by_kind") and tail in kinds:
        return _("%(kind)s, members") % {"kind": kinds[tail]}
    if head.endswith(".by_kind") and tail in kinds:
        return str(kinds[tail])
    if head == "languages" and tail in Language.values:
        return _("Registrants preferring %(language)s") % {"language": dict(Language.choices)[tail]}
    if head == "by_country":
        return _("People from %(country)s") % {"country": country_name(tail.upper())}
    if head == "topics":
        return _("Registrations for the topic “%(topic)s”") % {"topic": tail}
    if head == "audience.per_session":
        return _("Audience of the session “%(session)s”") % {"session": tail}
    return key


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
    name = labels()

    def line(key: str, value: Any, **kwargs: Any) -> FigureLine:
        return FigureLine(key, name[key], value, **kwargs)

    return [
        line("sessions", f["sessions"]),
        line("registrants", f["registrants"]),
        line("registrations", f["registrations"]),
        line("attendees", f["attendees"]),
        *(
            FigureLine(
                "audience", name[f"audience.{part}"], audience[part], path=f"audience.{part}"
            )
            for part in ("min", "max", "mean", "median")
        ),
        line("local_authorities.represented", authorities["represented"]),
        FigureLine(
            "local_authorities.members",
            _("of which members"),
            authorities["members"],
            indent=True,
        ),
        *_kind_lines("local_authorities", authorities),
        line("institutions.total", institutions["total"]),
        FigureLine(
            "institutions.members", _("of which members"), institutions["members"], indent=True
        ),
        *_kind_lines("institutions", institutions),
        line("countries", f["countries"]),
        line("participants.new", f["participants"]["new"]),
        line("participants.returning", f["participants"]["returning"]),
        line("member_registrants", f["member_registrants"]),
        line("members_share", f["members_share"], share=True),
        *(
            FigureLine(f"languages.{code}", figure_label(f"languages.{code}"), count, indent=True)
            for code, count in f["languages"].items()
        ),
        line("pending_review", f["pending_review"]),
    ]
