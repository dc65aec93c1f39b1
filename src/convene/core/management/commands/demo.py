"""``convene demo``: everything ``make demo`` needs before it serves.

Idempotent: a second run migrates what is new, keeps the data and the staff password.
"""

from __future__ import annotations

import os
import secrets
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.db.migrations.loader import MigrationLoader

from convene.core.services import staff_create
from convene.resolution.build_cli import main as build_gazetteer

DEMO_EMAIL = "staff@convene.localhost"


class Command(BaseCommand):
    help = "Prepare the demo: migrate, collect static files, create the demo staff account."

    def handle(self, *args: Any, **options: Any) -> None:
        _refuse_a_database_from_before_the_squash()
        call_command("migrate", interactive=False, verbosity=0)
        call_command("collectstatic", interactive=False, verbosity=0)
        build_gazetteer(["--if-missing"])
        password_file = settings.VAR_DIR / "demo-staff-password"
        if password_file.exists():
            password = password_file.read_text(encoding="utf-8").strip()
        else:
            password = secrets.token_urlsafe(12)
            fd = os.open(password_file, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(password)
        staff_create(actor=None, email=DEMO_EMAIL, name="Demo staff", password=password)
        # Demo data arrives with the demo issue; an empty network is a valid start.
        self.stdout.write(f"Database: {settings.DATABASES['default']['NAME']}")
        self.stdout.write(f"Staff sign-in: {DEMO_EMAIL}")
        self.stdout.write(f"Password:      {password}")


def _refuse_a_database_from_before_the_squash() -> None:
    """A database migrated by a development version whose migrations were squashed before the
    first release records migrations that no longer exist; migrating it would half-work."""
    loader = MigrationLoader(connection, ignore_no_migrations=True)
    ours = {name for name in loader.migrated_apps if name in _CONVENE_APPS}
    unknown = sorted(
        f"{app}.{name}"
        for app, name in loader.applied_migrations
        if app in ours and (app, name) not in loader.disk_migrations
    )
    if unknown:
        raise CommandError(
            f"{settings.DATABASES['default']['NAME']} was made by an older development version "
            f"of Convene ({unknown[0]}); move it away and run make demo again.",
            returncode=2,
        )


_CONVENE_APPS = {
    "core",
    "directory",
    "sections",
    "programme",
    "registrations",
    "attendance",
    "reports",
    "knowledge",
}
