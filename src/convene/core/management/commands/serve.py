"""``convene serve``: the site under gunicorn, the same server production uses."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from argparse import ArgumentParser
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.core.wsgi import get_wsgi_application
from gunicorn.app.base import BaseApplication
from gunicorn.arbiter import Arbiter


class _GracefulArbiter(Arbiter):
    """Ctrl-C stops like SIGTERM: workers finish the requests in flight, then exit."""

    def handle_int(self) -> None:
        raise StopIteration


def _worker_signals(worker: Any) -> None:
    """A terminal's Ctrl-C reaches every process of the group; only the master acts on it.
    On the master's SIGTERM a worker finishes its request, then wakes from its wait at once
    (by writing to its own pipe) instead of sleeping out the select timeout."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)

    def on_term(signum: int, frame: Any) -> None:
        worker.alive = False
        os.write(worker.PIPE[1], b".")

    signal.signal(signal.SIGTERM, on_term)


class _Gunicorn(BaseApplication):
    def __init__(self, options: dict[str, Any]) -> None:
        self.options = options
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            if key in self.cfg.settings:  # older gunicorn lacks some settings
                self.cfg.set(key, value)

    def load(self) -> Any:
        # Django is set up already (this is a management command): the WSGI app, as wsgi.py's.
        return get_wsgi_application()

    def run(self) -> None:
        _GracefulArbiter(self).run()


class Command(BaseCommand):
    help = "Serve Convene with gunicorn. Ctrl-C stops it cleanly."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--port",
            type=int,
            default=int(os.environ.get("PORT", "8000")),
            help="TCP port (default: $PORT or 8000)",
        )
        parser.add_argument(
            "--host", default=os.environ.get("HOST", "127.0.0.1"), help="address to bind"
        )
        parser.add_argument(
            "--workers",
            type=int,
            default=int(os.environ.get("WEB_CONCURRENCY", "2")),
            help="worker processes (default: $WEB_CONCURRENCY or 2)",
        )
        parser.add_argument(
            "--with-jobs",
            action="store_true",
            help="also run the background jobs beside the server, and stop them with it: "
            "'convene worker' (the task queue) and 'convene tick --every 60' (the periodic "
            "jobs). For a demo or a one-host install; elsewhere run them as their own services.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        port = options["port"]
        if not 0 < port < 65536:
            raise CommandError(f"--port must be between 1 and 65535, not {port}.", returncode=2)
        self._ensure_static()
        self.stdout.write(f"Convene is serving at http://{options['host']}:{port}/ (Ctrl-C stops)")
        with _jobs(enabled=options["with_jobs"], stdout=self.stdout):
            self._serve(options, port)

    def _serve(self, options: dict[str, Any], port: int) -> None:
        _Gunicorn(
            {
                "bind": f"{options['host']}:{port}",
                "workers": options["workers"],
                "accesslog": "-",
                "errorlog": "-",
                "graceful_timeout": 10,
                "control_socket_disable": True,
                "post_worker_init": _worker_signals,
                "forwarded_allow_ips": os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1"),
            }
        ).run()

    def _ensure_static(self) -> None:
        """Collect static files when the manifest storage has none yet."""
        backend = str(settings.STORAGES["staticfiles"]["BACKEND"])
        manifest = settings.STATIC_ROOT / "staticfiles.json"
        if "Manifest" in backend and not manifest.exists():
            call_command("collectstatic", interactive=False, verbosity=0)


def _job_commands() -> list[list[str]]:
    """The background processes of ``--with-jobs``: the task worker (unless tasks run at once,
    in the request) and the periodic jobs every minute."""
    convene = [sys.executable, "-m", "convene"]
    commands = [[*convene, "tick", "--every", "60", "-v", "0"]]
    if "DatabaseBackend" in str(settings.TASKS["default"]["BACKEND"]):
        commands.insert(0, [*convene, "worker"])
    return commands


@contextmanager
def _jobs(*, enabled: bool, stdout: Any) -> Iterator[None]:
    """Start the job processes, and stop them when the server stops (however it stops)."""
    processes: list[subprocess.Popen[bytes]] = []
    if enabled:
        for command in _job_commands():
            processes.append(subprocess.Popen(command))  # noqa: S603 (our own command)
            stdout.write(f"Started: convene {' '.join(command[3:])} (pid {processes[-1].pid})")
    try:
        yield
    finally:
        for process in processes:
            if process.poll() is None:
                process.terminate()
        for process in processes:
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
