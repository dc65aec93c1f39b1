"""``convene resolve``: resolve a CSV of registrants against a directory CSV, no database.

    convene resolve --directory DIRECTORY.csv INPUT.csv --output OUTPUT.csv

Ends with a one-line summary on stdout ("Resolved 120 rows into out.csv: 80 matched, …").
Exit status 0 on success; 2 on bad input or usage, with one line on stderr naming the
file, the line and the problem. Never a traceback: the engine's own error is the only one
this command expects, and anything else is reported in one line too.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

from convene.resolution.types import Resolution, ResolutionError

__all__ = ["main"]

USAGE = "convene resolve --directory DIRECTORY.csv INPUT.csv --output OUTPUT.csv"


class _UsageError(Exception):
    pass


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        raise _UsageError(message)


def _parser() -> _Parser:
    parser = _Parser(prog="convene resolve", usage=USAGE, description=__doc__.split("\n")[0])
    parser.add_argument("--directory", required=True, type=Path, metavar="DIRECTORY.csv")
    parser.add_argument("input", type=Path, metavar="INPUT.csv")
    parser.add_argument("--output", required=True, type=Path, metavar="OUTPUT.csv")
    return parser


def _fail(message: str) -> None:
    """One line on stderr: the whole error report of the command."""
    sys.stderr.write(f"convene resolve: {message}\n")


def main(argv: list[str] | None = None) -> int:
    """Run the batch command; returns the exit status (0, or 2 on bad input)."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    if args_list[:1] == ["resolve"]:
        args_list = args_list[1:]
    try:
        args = _parser().parse_args(args_list)
    except _UsageError as exc:
        _fail(f"{exc} (usage: {USAGE})")
        return 2
    except SystemExit as exc:  # --help has been printed
        return int(exc.code or 0)
    try:
        from convene.resolution.csvio import read_directory, read_input, write_output
        from convene.resolution.engine import Resolver

        directory = read_directory(args.directory)
        rows = read_input(args.input)
        resolver = Resolver(directory)
        results = resolver.resolve_many(rows)
        write_output(args.output, results)
    except ResolutionError as exc:
        _fail(str(exc).replace("\n", " "))
        return 2
    except Exception as exc:  # the contract is one line, never a traceback
        _fail(f"internal error: {type(exc).__name__}: {exc}".replace("\n", " "))
        return 1
    sys.stdout.write(summary(results, output=args.output) + "\n")
    return 0


def summary(results: list[Resolution], *, output: Path) -> str:
    """One line for the end of a run: how many rows, and how many of each outcome."""
    counts = Counter(result.status for result in results)
    parts = ", ".join(f"{counts[status]} {status}" for status in sorted(counts)) or "nothing"
    rows = "row" if len(results) == 1 else "rows"
    return f"Resolved {len(results)} {rows} into {output}: {parts}."


if __name__ == "__main__":
    raise SystemExit(main())
