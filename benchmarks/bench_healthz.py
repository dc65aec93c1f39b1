"""The serving ceiling: requests per second of /healthz under gunicorn, with the workers the
other benchmarks use (``_server.WORKERS``).

Later benchmarks divide their throughput by this figure, measured in the same run.
Prints one JSON object per line (see run.py).
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _loadgen import run_load  # noqa: E402
from _server import gunicorn  # noqa: E402

DURATION = float(os.environ.get("BENCH_SECONDS", "5"))


def emit(metric: str, value: float, unit: str, target: str = "", ok: bool | None = None) -> None:
    row = {
        "benchmark": "healthz",
        "metric": metric,
        "value": round(value, 2),
        "unit": unit,
        "target": target,
        "ok": ok,
    }
    print(json.dumps(row), flush=True)


def main() -> None:
    databases = [("sqlite", None)]
    if os.environ.get("BENCH_POSTGRES_URL"):
        databases.append(("postgresql", os.environ["BENCH_POSTGRES_URL"]))
    for label, url in databases:
        with gunicorn(database_url=url) as (base, _env):
            result = run_load(base + "/healthz", concurrency=16, duration=DURATION, warmup=1.0)
        emit(f"{label}: requests/s (ceiling)", result.rps, "req/s")
        emit(f"{label}: p50 latency", result.p50, "ms")
        emit(f"{label}: p99 latency", result.p99, "ms")
        emit(f"{label}: errors", result.errors, "requests", "= 0", result.errors == 0)


if __name__ == "__main__":
    main()
