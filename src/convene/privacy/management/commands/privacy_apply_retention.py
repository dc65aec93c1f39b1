"""``convene privacy apply-retention [--dry-run]``: anonymise inactive participants and delete
old raw files now (the daily job does it too); --dry-run only reports what it would do."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils.translation import gettext as _

from convene.privacy.services.retention import RetentionPlan, retention_apply, retention_plan


class Command(BaseCommand):
    help = _(
        "Apply retention now: anonymise participants with no activity for "
        "PRIVACY_RETENTION_MONTHS months, and delete raw attendance and registration files "
        "older than PRIVACY_RAW_FILE_DAYS days. With --dry-run, only say what it would do."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--dry-run", action="store_true", help=_("report what would be done, change nothing")
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["dry_run"]:
            self._report(retention_plan(), _("Would anonymise"), _("would delete"))
        else:
            self._report(retention_apply(), _("Anonymised"), _("deleted"))

    def _report(self, plan: RetentionPlan, people_verb: str, files_verb: str) -> None:
        figures = plan.as_dict()
        self.stdout.write(
            _(
                "%(people_verb)s %(people)d people inactive since %(since)s; %(files_verb)s "
                "%(attendance)d attendance files and %(registration)d registration files "
                "uploaded before %(before)s."
            )
            % {
                "people_verb": people_verb,
                "people": figures["people"],
                "since": figures["people_inactive_since"] or _("(retention of people is off)"),
                "files_verb": files_verb,
                "attendance": figures["attendance_files"],
                "registration": figures["registration_files"],
                "before": figures["files_uploaded_before"],
            }
        )
