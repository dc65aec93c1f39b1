"""``convene restore PATH``: restore a backup into an empty database, then replay erasures."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from convene.core.commandline import EXIT_BAD_INPUT
from convene.privacy.backup import BackupError, backup_restore


class Command(BaseCommand):
    help = _(
        "Restore the backup in PATH into an empty database (created, not migrated): the "
        "checksums are checked first, the row counts compared after, and the erasures made "
        "since the backup are replayed from the erasure journal."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", help=_("the backup's folder"))
        parser.add_argument(
            "--journal",
            help=_("the erasure journal to replay (default: the PRIVACY_ERASURE_JOURNAL setting)"),
        )

    def handle(self, *args: Any, **options: Any) -> None:
        journal = Path(options["journal"]) if options["journal"] else None
        if journal is not None and not journal.is_file():
            raise CommandError(
                _("%(path)s: no such erasure journal") % {"path": journal},
                returncode=EXIT_BAD_INPUT,
            )
        try:
            outcome = backup_restore(path=Path(options["path"]), journal_file=journal)
        except BackupError as exc:
            raise CommandError(str(exc), returncode=EXIT_BAD_INPUT) from exc
        for table, (expected, found) in sorted(outcome.mismatched.items()):
            self.stderr.write(
                _("%(table)s: %(found)d rows, the backup had %(expected)d")
                % {"table": table, "found": found, "expected": expected}
            )
        if outcome.mismatched:
            raise CommandError(_("The restored row counts differ from the backup's."))
        self.stdout.write(
            _(
                "Restored %(rows)d rows in %(tables)d tables and %(files)d files; "
                "%(replayed)d erasures made since the backup were replayed."
            )
            % {
                "rows": sum(outcome.counts.values()),
                "tables": len(outcome.counts),
                "files": len(outcome.manifest["files"]),
                "replayed": outcome.replayed,
            }
        )
