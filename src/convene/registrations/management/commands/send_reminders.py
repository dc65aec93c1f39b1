"""``convene send-reminders``: send the reminders that are due, for cron."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from convene.registrations.services.reminders import reminders_send


class Command(BaseCommand):
    help = _(
        "Send the reminders that are due: 24 hours and 1 hour before each session, to every "
        "confirmed registrant, in their language. Each reminder goes out at most once, even "
        "when several copies of this command or workers run at the same time, so it is safe "
        "to run from cron every few minutes (convene tick also does this)."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        sent = reminders_send()
        if options["verbosity"] >= 1:
            self.stdout.write(
                ngettext("Sent %(count)d reminder.", "Sent %(count)d reminders.", sent)
                % {"count": sent}
            )
