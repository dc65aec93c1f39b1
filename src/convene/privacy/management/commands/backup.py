"""``convene backup PATH``: a consistent copy of the database and the uploaded files."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from convene.core.commandline import EXIT_BAD_INPUT
from convene.privacy.backup import BackupError, backup_create
from convene.privacy.backup.service import read_manifest


class Command(BaseCommand):
    help = _(
        "Write a backup into PATH (a new or empty folder): a consistent copy of the database, "
        "the uploaded files, and a manifest with row counts and checksums."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", help=_("the folder to write the backup into"))

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            manifest_path = backup_create(path=Path(options["path"]))
        except BackupError as exc:
            raise CommandError(str(exc), returncode=EXIT_BAD_INPUT) from exc
        manifest = read_manifest(manifest_path.parent)
        self.stdout.write(
            _("Backup written to %(path)s: %(rows)d rows in %(tables)d tables, %(files)d files.")
            % {
                "path": manifest_path.parent,
                "rows": sum(manifest["tables"].values()),
                "tables": len(manifest["tables"]),
                "files": len(manifest["files"]),
            }
        )
