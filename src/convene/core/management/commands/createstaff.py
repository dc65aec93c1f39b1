"""``convene createstaff EMAIL``: a staff account with a generated password; asks nothing."""

from __future__ import annotations

import secrets
from argparse import ArgumentParser
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from convene.core.services import staff_create


class Command(BaseCommand):
    help = "Create a staff account (or make an account staff) and print the generated password."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("email", help="the account's email address, used to sign in")
        parser.add_argument("--name", default="", help="display name")
        parser.add_argument(
            "--reset-password",
            action="store_true",
            help="for an existing account, set and print a new generated password",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        password = secrets.token_urlsafe(12) if options["reset_password"] else None
        try:
            user, password = staff_create(
                actor=None, email=options["email"], name=options["name"], password=password
            )
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages), returncode=2) from exc
        self.stdout.write(f"email: {user.email}")
        if password is None:
            self.stdout.write("password: unchanged (use --reset-password for a new one)")
        else:
            self.stdout.write(f"password: {password}")
