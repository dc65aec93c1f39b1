"""``convene token create EMAIL``: an API token for a staff account, printed on the last line."""

from __future__ import annotations

from argparse import ArgumentParser
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from convene.core.models import ApiToken, User
from convene.core.services import api_token_create, api_token_revoke


class Command(BaseCommand):
    help = "Manage API tokens of staff accounts."

    def add_arguments(self, parser: ArgumentParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
        create = sub.add_parser("create", help="create a token; it is printed on the last line")
        create.add_argument("email", help="a staff account's email")
        create.add_argument("--label", default="", help="what the token is for")
        revoke = sub.add_parser("revoke", help="revoke a token by its prefix")
        revoke.add_argument("prefix", help="the token's first 12 characters")
        sub.add_parser("list", help="list tokens (prefixes only)")

    def handle(self, *args: Any, **options: Any) -> None:
        action = options["action"]
        if action == "create":
            user = User.objects.filter(email__iexact=options["email"].strip()).first()
            if user is None:
                raise CommandError(f"No account with email {options['email']}.", returncode=2)
            try:
                token, raw = api_token_create(actor=None, user=user, label=options["label"])
            except ValidationError as exc:
                raise CommandError(" ".join(exc.messages), returncode=2) from exc
            self.stdout.write(f"Token {token.prefix}… for {user.email}; it is shown only once:")
            self.stdout.write(raw)
        elif action == "revoke":
            found = ApiToken.objects.filter(prefix=options["prefix"], revoked_at__isnull=True)
            active = found.first()
            if active is None:
                raise CommandError(f"No active token {options['prefix']}.", returncode=2)
            api_token_revoke(actor=None, token=active)
            self.stdout.write(f"Revoked {active.prefix}…")
        else:
            for token in ApiToken.objects.select_related("user").order_by("created_at"):
                state = "revoked" if token.revoked_at else "active"
                self.stdout.write(f"{token.prefix}…  {token.user.email}  {state}  {token.label}")
