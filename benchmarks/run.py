"""Run every benchmarks/bench_*.py and print one table.

Each benchmark prints JSON objects, one per line: benchmark, metric, value, unit, target, ok.
Benchmarks are not tests: a missed target shows as "no" in the table, not as a failure. The run
fails only when a benchmark script itself crashes. ``BENCH=name make bench`` runs one.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main() -> int:
    only = os.environ.get("BENCH", "")
    scripts = sorted(HERE.glob("bench_*.py"))
    if only:
        scripts = [s for s in scripts if only in s.stem]
    rows: list[dict] = []
    crashed: list[str] = []
    for script in scripts:
        began = time.perf_counter()
        print(f"running {script.name} …", file=sys.stderr, flush=True)
        result = subprocess.run(  # noqa: S603
            [sys.executable, str(script)],
            capture_output=True,
            text=True,
            cwd=HERE.parent,
            check=False,
        )
        if result.returncode != 0:
            crashed.append(f"{script.name}: exit {result.returncode}\n{result.stderr[-2000:]}")
        for line in result.stdout.splitlines():
            line = line.strip()
            if line.startswith("{"):
                rows.append(json.loads(line))
        print(f"  done in {time.perf_counter() - began:.1f} s", file=sys.stderr, flush=True)
    print_table(rows)
    for message in crashed:
        print(f"\nCRASHED {message}", file=sys.stderr)
    return 1 if crashed else 0


def print_table(rows: list[dict]) -> None:
    header = ["benchmark", "metric", "value", "unit", "target", "met"]
    table = [header]
    for row in rows:
        ok = row.get("ok")
        value = row["value"]
        shown = (
            f"{value:,.3f}".rstrip("0").rstrip(".") if isinstance(value, float) else f"{value:,}"
        )
        table.append(
            [
                row["benchmark"],
                row["metric"],
                shown,
                row.get("unit", ""),
                row.get("target") or "",
                "" if ok is None else ("yes" if ok else "NO"),
            ]
        )
    widths = [max(len(str(r[i])) for r in table) for i in range(len(header))]
    for n, r in enumerate(table):
        print(
            "  ".join(
                str(c).rjust(w) if i == 2 else str(c).ljust(w)
                for i, (c, w) in enumerate(zip(r, widths, strict=True))
            )
        )
        if n == 0:
            print("  ".join("-" * w for w in widths))


if __name__ == "__main__":
    sys.exit(main())
