"""``convene orgs resolve-pending``: re-run organisation resolution after the directory changed."""

from __future__ import annotations

from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from convene.directory.services import people_resolve_pending


class Command(BaseCommand):
    help = _("Directory maintenance.")

    def add_arguments(self, parser: ArgumentParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
        sub.add_parser(
            "resolve-pending",
            help=_(
                "resolve again everyone whose organisation is pending or waiting for review, "
                "for example after staff added organisations, aliases or domains"
            ),
        )

    def handle(self, *args: Any, **options: Any) -> None:
        counts = people_resolve_pending()
        total = sum(counts.values())
        summary = ", ".join(f"{status}: {n}" for status, n in sorted(counts.items())) or "-"
        message = ngettext(
            "Resolved %(total)d person again (%(summary)s).",
            "Resolved %(total)d people again (%(summary)s).",
            total,
        )
        self.stdout.write(message % {"total": total, "summary": summary})
