"""The ``convene`` command.

Pure commands (``resolve``, ``attendance-parse``) run without Django or a database. Everything
else is a Django management command, so ``convene migrate``, ``convene serve --help`` and any
``manage.py`` command work the same way.
"""

from __future__ import annotations

import importlib
import os
import sys

# Commands that need no database: name -> "module:function" taking argv and returning a status.
PURE_COMMANDS = {
    "resolve": "convene.resolution.cli:main",
    "attendance-parse": "convene.attendance.cli:main",
    "gazetteer": "convene.resolution.build_cli:main",
}

OVERVIEW = """usage: convene COMMAND [options]

Convene: web-conference series, registration, attendance and impact reports.

Common commands (each has --help):
  serve              serve the site with gunicorn (--port N, default 8000)
  migrate            create or update the database tables
  createstaff EMAIL  create a staff account and print its generated password
  token create EMAIL create an API token for a staff account (printed on the last line)
  worker             run background jobs
  check              check the configuration (add --deploy for production)
  demo-setup         prepare the demo: database, static files, staff account
  resolve            resolve organisation names from CSV files (no database needed)
  gazetteer          build the place-name cache that resolution uses (at deploy time)
  attendance parse FILE          print the people and minutes of an export (no database)
  attendance import SLUG FILE    import an export into a session's attendance
  attendance undo IMPORT_ID      undo an attendance import

Any Django manage.py command also works: convene help lists them all.
"""


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if not args or args[0] in {"-h", "--help"}:
        sys.stdout.write(OVERVIEW)
        return 0
    if args[0] == "attendance" and len(args) > 1 and args[1] in {"parse", "import", "undo"}:
        # The documented spelling: ``convene attendance parse|import|undo …``.
        args = [f"attendance-{args[1]}", *args[2:]]
    if args[0] in PURE_COMMANDS:
        module_name, _, function = PURE_COMMANDS[args[0]].partition(":")
        module = importlib.import_module(module_name)
        return int(getattr(module, function)(args[1:]) or 0)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "convene.settings")
    from django.core.management import execute_from_command_line

    # Django names commands after modules (demo_setup); the CLI also takes demo-setup.
    execute_from_command_line(["convene", args[0].replace("-", "_"), *args[1:]])
    return 0


if __name__ == "__main__":
    sys.exit(main())
