"""``convene gazetteer``: build the gazetteer cache now (at install or deploy time), so that no
request ever waits for it. Pure Python: no database needed."""

from __future__ import annotations

import argparse
import sys
import time

from convene.resolution.gazetteer import build, cache_path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="convene gazetteer",
        description="Build the GeoNames gazetteer cache used by organisation resolution.",
    )
    parser.add_argument(
        "--if-missing", action="store_true", help="do nothing when the cache already exists"
    )
    args = parser.parse_args(argv)
    target = cache_path()
    if args.if_missing and target.exists():
        sys.stdout.write(f"gazetteer cache present: {target}\n")
        return 0
    started = time.perf_counter()
    path = build(target)
    sys.stdout.write(
        f"gazetteer cache written to {path} in {time.perf_counter() - started:.1f} s\n"
    )
    return 0
