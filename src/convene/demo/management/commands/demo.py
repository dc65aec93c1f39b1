"""``convene demo``: everything ``make demo`` needs before it serves, and the demo network.

Migrates, collects static files, creates the demo staff account, then, into an empty
database, generates the raw files of the demo (``convene.demo.generate``) and loads them
through the pipelines staff use (``convene.demo.load``). A second run keeps the data and the
staff password; ``--reset`` empties the database and loads again.
"""

from __future__ import annotations

import os
import secrets
import sys
import time
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection
from django.db.migrations.loader import MigrationLoader

from convene.core.services import staff_create
from convene.demo.generate import generate
from convene.demo.load import load, review_left
from convene.demo.people_links import demo_people, demo_sign_in_lines
from convene.directory.models import Organisation
from convene.programme.models import Series
from convene.resolution.build_cli import main as build_gazetteer

DEMO_EMAIL = "staff@convene.localhost"
DEFAULT_SEED = 2020


class Command(BaseCommand):
    help = (
        "Prepare the demo: migrate, collect static files, create the demo staff account, and "
        "load the demo network into an empty database."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--reset", action="store_true", help="empty the database first")
        parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="generator seed")
        parser.add_argument(
            "--no-data", action="store_true", help="prepare only: load no demo network"
        )
        parser.add_argument("--files", type=Path, help="where to write the generated files")

    def handle(self, *args: Any, **options: Any) -> None:
        _refuse_a_database_from_before_the_squash()
        if options["reset"]:
            call_command("flush", interactive=False, verbosity=0)
        call_command("migrate", interactive=False, verbosity=0)
        call_command("collectstatic", interactive=False, verbosity=0)
        build_gazetteer(["--if-missing"])
        password = _staff_password()
        staff, _password = staff_create(
            actor=None, email=DEMO_EMAIL, name="Demo staff", password=password
        )
        if not options["no_data"]:
            if Organisation.objects.exists() or Series.objects.exists():
                self.stdout.write("The database holds data already: demo not loaded again.")
            else:
                self._load(staff, options["seed"], options["files"])
        self.stdout.write(f"Database: {settings.DATABASES['default']['NAME']}")
        self.stdout.write(f"Staff sign-in: {DEMO_EMAIL}")
        self.stdout.write(f"Password:      {password}")
        if not options["no_data"]:
            for line in demo_sign_in_lines():
                self.stdout.write(line)

    def _load(self, staff: Any, seed: int, files: Path | None) -> None:
        started, cpu = time.monotonic(), time.process_time()
        folder = files or settings.VAR_DIR / "demo" / f"seed-{seed}"
        steps = 20

        def progress(message: str, state: dict[str, int] = {"n": 0}) -> None:  # noqa: B006
            state["n"] += 1
            done = min(state["n"], steps)
            bar = "#" * (20 * done // steps)
            sys.stderr.write(f"\r[{bar:<20}] {done:2d}/{steps} {message:<24}")
            sys.stderr.flush()

        progress("generating files")
        generate(seed, folder)
        report = load(directory=folder, actor=staff, progress=progress)
        demo_people(actor=staff)
        sys.stderr.write("\n")
        self.stdout.write(
            f"Demo loaded from {folder} in {time.monotonic() - started:.1f} s "
            f"({time.process_time() - cpu:.1f} s of CPU): "
            f"{report.members.get('create', 0)} organisations from the member list, "
            f"{report.registrations.get('people_new', 0)} people and "
            f"{report.registrations.get('create', 0)} registrations imported, "
            f"{report.registrations.get('review', 0)} people waiting for review, settled in "
            f"{len(report.decisions)} staff decisions; {len(review_left())} left in review."
        )
        platform = report.platform
        self.stdout.write(
            f"Platform: section {platform.section} (members), {platform.practices} practices, "
            f"{platform.proposals} topic proposals with {platform.supports} supports from "
            f"{platform.member_users} member users, {platform.minutes} minutes."
        )
        self.stdout.write(
            "Seconds per step: " + ", ".join(f"{k} {v:.1f}" for k, v in report.seconds.items())
        )
        self.stdout.write(
            "CPU seconds per step: "
            + ", ".join(f"{k} {v:.1f}" for k, v in report.cpu_seconds.items())
        )


def _staff_password() -> str:
    """The demo staff password, kept in var/ so that a second run (or ``--reset``) keeps it."""
    password_file = settings.VAR_DIR / "demo-staff-password"
    if password_file.exists():
        return password_file.read_text(encoding="utf-8").strip()
    password = secrets.token_urlsafe(12)
    fd = os.open(password_file, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(password)
    return password


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
