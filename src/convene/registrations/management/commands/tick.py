"""``convene tick``: run the periodic jobs once (for cron), or every N seconds."""

from __future__ import annotations

import time
from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.db import close_old_connections
from django.utils import timezone
from django.utils.translation import gettext as _

from convene.registrations.services.periodic import PeriodicRunError, periodic_run


class Command(BaseCommand):
    help = _(
        "Run the periodic jobs once: lapse pending registrations whose 48-hour hold ran out, "
        "move people off waitlists where seats are free, and send the reminders that are due. "
        "Run it from cron every few minutes, for example '*/5 * * * * convene tick'. Several "
        "copies may run at once. On a host without cron, use --every."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--every",
            type=int,
            metavar="SECONDS",
            help=_(
                "keep running and start the jobs every SECONDS seconds until Ctrl-C "
                "(a job that fails is reported and tried again next time)"
            ),
        )

    def handle(self, *args: Any, **options: Any) -> None:
        every: int | None = options["every"]
        verbose = options["verbosity"] >= 1
        if every is None:
            if not self._tick(verbose=verbose, stamp=False):
                raise CommandError(_("Some periodic jobs failed; see the log."), returncode=1)
            return
        if every < 1:
            raise CommandError(_("--every takes a number of seconds, 1 or more."), returncode=2)
        if verbose:
            self.stdout.write(
                _("Running the periodic jobs every %(seconds)d seconds. Press Ctrl-C to stop.")
                % {"seconds": every}
            )
        try:
            while True:
                started = time.monotonic()
                close_old_connections()  # a long-lived process must not keep a dead connection
                self._tick(verbose=verbose, stamp=True)
                close_old_connections()
                time.sleep(max(0.0, every - (time.monotonic() - started)))
        except KeyboardInterrupt:
            if verbose:
                self.stdout.write(_("Stopped."))

    def _tick(self, *, verbose: bool, stamp: bool) -> bool:
        """Run the jobs once and report; False when one failed (it is logged)."""
        prefix = f"{timezone.now():%Y-%m-%d %H:%M:%S%z} " if stamp else ""
        try:
            counts = periodic_run()
        except PeriodicRunError as exc:
            self.stderr.write(
                prefix + _("Failed: %(jobs)s (see the log).") % {"jobs": ", ".join(exc.failed)}
            )
            return False
        if verbose:
            self.stdout.write(
                prefix
                + _(
                    "Lapsed holds: %(lapsed)d. Promoted from waitlists: %(promoted)d. "
                    "Reminders sent: %(reminders)d."
                )
                % counts
            )
        return True
