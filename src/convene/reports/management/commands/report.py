"""``convene report [SERIES_SLUG] [--json]``: the impact report's figures.

With ``--json``, the same object as ``GET /api/reports`` (``serialise.report_as_json``);
without it, a readable summary. ``--section`` or ``--from``/``--until`` choose another scope;
with no scope at all, the whole network. Bad input is one line with exit status 2.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from convene.reports.definitions import REPRESENTED_BY
from convene.reports.document import report_document
from convene.reports.narrative import narrative
from convene.reports.scope import scope_get
from convene.reports.selectors import ReportFigures, report_figures
from convene.reports.serialise import report_as_json

EXIT_BAD_INPUT = 2


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise CommandError(
            _("%(value)s is not a date (YYYY-MM-DD).") % {"value": value},
            returncode=EXIT_BAD_INPUT,
        ) from exc


def _summary(figures: ReportFigures) -> list[str]:
    """The headline figures as sentences, in the active language."""
    audience = figures.audience
    authorities = figures.local_authorities
    lines = [
        figures.scope.describe(),
        ngettext("%(n)d session", "%(n)d sessions", figures.sessions) % {"n": figures.sessions},
        _("%(registrants)d registrants (%(registrations)d registrations), %(attendees)d attendees")
        % {
            "registrants": figures.registrants,
            "registrations": figures.registrations,
            "attendees": figures.attendees,
        },
    ]
    if audience.per_session:
        lines.append(
            _(
                "Audience per session: %(min)d to %(max)d, mean %(mean)s, median %(median)s "
                "(%(count)d sessions with attendance)"
            )
            % {
                "min": audience.min,
                "max": audience.max,
                "mean": f"{audience.mean:g}",
                "median": f"{audience.median:g}",
                "count": len(audience.per_session),
            }
        )
    else:
        lines.append(_("Audience per session: no attendance recorded yet"))
    lines += [
        _(
            "Local and regional authorities represented: %(total)d, including %(members)d "
            "members (%(local)d local, %(regional)d regional)"
        )
        % {
            "total": authorities.total,
            "members": authorities.members,
            "local": authorities.by_kind["local_authority"],
            "regional": authorities.by_kind["regional_authority"],
        },
        _(
            "Other institutions: %(total)d (public bodies %(public_body)d, research "
            "%(research)d, NGOs %(ngo)d, private %(private)d, other %(other)d)"
        )
        % {"total": figures.institutions.total, **figures.institutions.by_kind},
        ngettext("%(n)d country", "%(n)d countries", figures.countries) % {"n": figures.countries},
        _("New participants: %(new)d, returning: %(returning)d")
        % {"new": figures.new_participants, "returning": figures.returning_participants},
        _("Organisations still in review: %(n)d") % {"n": figures.pending_review},
    ]
    if figures.represented_by == "attendees":
        lines.append(_("Represented means: at least one attendee."))
    else:
        lines.append(_("Represented means: at least one registrant."))
    return lines


class Command(BaseCommand):
    help = _(
        "Print the impact report's figures for a series (or a section, a period, or the "
        "whole network)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("series", nargs="?", default="", help=_("the series' slug"))
        parser.add_argument("--section", default="", help=_("a section's slug instead"))
        parser.add_argument(
            "--from", dest="start", default="", help=_("first session date, YYYY-MM-DD")
        )
        parser.add_argument(
            "--until", dest="end", default="", help=_("last session date, YYYY-MM-DD")
        )
        parser.add_argument(
            "--represented",
            default="registrants",
            choices=REPRESENTED_BY,
            help=_("who makes an organisation represented (default: registrants)"),
        )
        parser.add_argument(
            "--json", action="store_true", help=_("print the JSON object the API returns")
        )
        parser.add_argument(
            "--paragraph",
            choices=[code for code, _name in settings.LANGUAGES],
            help=_("print the report's paragraph in this language instead"),
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            scope = scope_get(
                series=options["series"].strip(),
                section=options["section"].strip(),
                start=_date(options["start"]) if options["start"] else None,
                end=_date(options["end"]) if options["end"] else None,
            )
        except Http404 as exc:
            raise CommandError(str(exc), returncode=EXIT_BAD_INPUT) from exc
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages), returncode=EXIT_BAD_INPUT) from exc
        if options["paragraph"]:
            document = report_document(scope=scope, represented_by=options["represented"])
            self.stdout.write(narrative(document, options["paragraph"]))
            return
        figures = report_figures(scope=scope, represented_by=options["represented"])
        if options["json"]:
            self.stdout.write(json.dumps(report_as_json(figures), ensure_ascii=False, indent=2))
        else:
            self.stdout.write("\n".join(_summary(figures)))
