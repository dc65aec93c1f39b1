"""Benchmark (issue 20): how long ``convene demo`` takes to load the demo network into an empty
SQLite database: generating the raw files, then the member-list, registration and attendance
imports, the review queue and the upcoming series. Target: at most 60 s on two cores. The
CPU time of the load is reported too: on a machine shared with other work, the wall time
mostly measures the others.

It runs the command in a fresh interpreter with its own var/ folder (the gazetteer is built
once beforehand and copied in, so the figure is the load, not the gazetteer), and reads the
command's own timing. One JSON object per line on stdout, as ``make bench`` expects.

Measured on SQLite on the shared two-core machine (load average 4 to 5 from other work), the
code before and after issue 20's changes in turn, four times each: the load took 38.8, 56.0,
50.8 and 41.6 s (25.9, 33.8, 32.3 and 29.3 s of CPU) before the registration import wrote in
bulk and the minutes notices worked out their readers at once, and 26.1, 24.9, 29.5 and 28.1 s
(15.7, 16.2, 17.3 and 18.2 s of CPU) after; rendering and writing the 2,283 minutes mails is
now the largest step.

Run from the repo root: ``.venv/bin/python benchmarks/bench_demo.py``.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CONVENE = Path(sys.executable).parent / "convene"
TARGET_SECONDS = 60.0


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("CONVENE_", "DJANGO_"))}
        env.pop("DATABASE_URL", None)
        env.update(CONVENE_VAR_DIR=tmp, TASKS_BACKEND="immediate")
        cached = ROOT / "var" / "resolution"
        if cached.is_dir():
            shutil.copytree(cached, Path(tmp) / "resolution")
        began = time.perf_counter()
        result = subprocess.run(  # noqa: S603
            [str(CONVENE), "demo"], env=env, capture_output=True, text=True, check=True
        )
        whole = time.perf_counter() - began
    loaded = re.search(r"Demo loaded from .*? in ([0-9.]+) s \(([0-9.]+) s of CPU\)", result.stdout)
    steps = re.search(r"Seconds per step: (.*)", result.stdout)
    said = [
        line
        for line in result.stdout.splitlines()
        if line.startswith(("Demo loaded", "CPU seconds per step"))
    ]
    print(*said, steps.group(0) if steps else result.stdout, sep="\n", file=sys.stderr)
    load = float(loaded.group(1)) if loaded else whole
    cpu = float(loaded.group(2)) if loaded else whole
    for metric, value, target in (
        ("load into SQLite (generate and import)", load, f"<= {TARGET_SECONDS:.0f} s"),
        ("CPU time of the load (one core)", cpu, ""),
        ("whole command (migrate, static, load)", whole, ""),
    ):
        print(
            json.dumps(
                {
                    "benchmark": "demo",
                    "metric": metric,
                    "value": round(value, 1),
                    "unit": "s",
                    "target": target,
                    "ok": value <= TARGET_SECONDS if target else None,
                }
            )
        )


if __name__ == "__main__":
    main()
