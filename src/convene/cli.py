"""The ``convene`` command.

Commands are words separated by spaces: ``convene attendance parse FILE``, ``convene demo``.
``convene WORD WORD …`` runs the Django management command ``word_word`` when there is one (so a
command added later as ``orgs_import`` is ``convene orgs import`` with no change here), and
otherwise ``word`` with the second word as its argument (``convene token create``). The
hyphenated names of earlier releases (``demo-setup``, ``attendance-parse``) still work.

Pure commands (``resolve``, ``attendance parse``, ``gazetteer``) run without Django or a
database. Everything else is a Django management command, so ``convene migrate``, ``convene
serve --help`` and any ``manage.py`` command work the same way.

Whatever the command: a file that cannot be read is one line and exit status 2, and output
piped into ``head`` ends quietly.
"""

from __future__ import annotations

import importlib
import os
import sys
from collections.abc import Callable

# Commands that need no database: name -> "module:function" taking argv and returning a status.
PURE_COMMANDS = {
    "resolve": "convene.resolution.cli:main",
    "attendance parse": "convene.attendance.cli:main",
    "gazetteer": "convene.resolution.build_cli:main",
}

# Names of earlier releases, kept as aliases for one release.
ALIASES = {
    "demo-setup": "demo",
    "demo_setup": "demo",
    "attendance-parse": "attendance parse",
}

EXIT_BAD_INPUT = 2

OVERVIEW_HEAD = """usage: convene COMMAND [options]

Convene: web-conference series, registration, attendance and impact reports.

Commands (each has --help):
"""

OVERVIEW_TAIL = """
Any Django manage.py command also works: convene help lists them all.
"""

# Commands from outside Convene's apps worth listing, and the pure ones (no Django to ask).
LISTED = {
    "migrate": "create or update the database tables",
    "check": "check the configuration (add --deploy for production)",
    "resolve": "resolve organisation names from CSV files (no database needed)",
    "gazetteer": "build the place-name cache that resolution uses (at deploy time)",
    "attendance parse": "print the people and minutes of an export (no database needed)",
}
# Words a command's usage shows after its name, where its help does not say.
USAGE = {
    "attendance import": "SESSION FILE",
    "attendance parse": "FILE",
    "attendance undo": "IMPORT_ID",
    "createstaff": "EMAIL",
    "token": "create EMAIL",
    "orgs": "resolve-pending",
    "privacy export": "EMAIL PATH",
    "privacy erase": "EMAIL --yes",
    "privacy apply retention": "[--dry-run]",
}


def _project_commands() -> dict[str, str]:
    """Convene's own management commands, by their spaced name, with the first line of help."""
    from django.core.management import get_commands, load_command_class

    found = {}
    for name, app in get_commands().items():
        if not app.startswith("convene.") or name in ALIASES:
            continue
        try:
            help_text = str(load_command_class(app, name).help)
        except Exception:  # a broken command still gets listed
            help_text = ""
        found[name.replace("_", " ")] = _summary(help_text)
    return found


def _summary(help_text: str, width: int = 64) -> str:
    """The first sentence of a command's help, shortened to ``width`` at a word."""
    first = " ".join(help_text.split()).split(". ")[0].split(" (")[0].rstrip(".")
    if len(first) > width:
        first = first[:width].rsplit(" ", 1)[0].rstrip(",;:") + "…"
    return first[:1].lower() + first[1:]


def overview() -> str:
    try:
        _setup_django()
        own = _project_commands()
    except Exception as exc:  # the overview must print even when the settings are broken
        own = {"(more)": f"not listed: the settings do not load ({type(exc).__name__})"}
    commands = {**LISTED, **own}
    lines = []
    for name in sorted(commands):
        label = f"{name} {USAGE.get(name, '')}".strip()
        lines.append(f"  {label:<31} {commands[name]}\n")
    return OVERVIEW_HEAD + "".join(lines) + OVERVIEW_TAIL


def _setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "convene.settings")
    import django

    django.setup()


def _django_name(args: list[str]) -> list[str]:
    """``[word, word, …]`` as the Django command line: ``word_word`` when that command exists."""
    from django.core.management import get_commands

    commands = get_commands()
    if len(args) > 1 and not args[1].startswith("-"):
        joined = f"{args[0]}_{args[1]}".replace("-", "_")
        if joined in commands:
            return [joined, *args[2:]]
    return [args[0].replace("-", "_"), *args[1:]]


def _dispatch(args: list[str]) -> int:
    if args[0] in ALIASES:
        args = [*ALIASES[args[0]].split(), *args[1:]]
    for length in (2, 1):
        name = " ".join(args[:length])
        if len(args) >= length and name in PURE_COMMANDS:
            module_name, _, function = PURE_COMMANDS[name].partition(":")
            module = importlib.import_module(module_name)
            main_function: Callable[[list[str]], int] = getattr(module, function)
            return int(main_function(args[length:]) or 0)
    _setup_django()
    from django.core.management import execute_from_command_line

    execute_from_command_line(["convene", *_django_name(args)])
    return 0


def _quiet_broken_pipe() -> int:
    """The reader (``head``) has gone: stop without a traceback, and without the one Python
    prints when it flushes stdout at exit."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    return 0


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    try:
        if not args or args[0] in {"-h", "--help"}:
            sys.stdout.write(overview())
            sys.stdout.flush()
            return 0
        status = _dispatch(args)
        sys.stdout.flush()
        return status
    except BrokenPipeError:
        return _quiet_broken_pipe()
    except OSError as exc:
        # A file a command did not check: one line, never "[Errno 2] …".
        where = f"{exc.filename}: " if exc.filename else ""
        sys.stderr.write(f"convene {args[0]}: {where}{(exc.strerror or str(exc)).lower()}\n")
        return EXIT_BAD_INPUT


if __name__ == "__main__":
    sys.exit(main())
