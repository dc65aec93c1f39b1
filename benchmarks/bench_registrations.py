"""Registrations per second through POST /api/registrations for one session, as production
serves them: gunicorn with the workers docs/deploy.md runs (four; ``BENCH_WORKERS``) on loopback,
and the database task backend, so each registration writes its confirmation mail's job in its
own transaction and ``convene worker`` (not run here) renders and sends the mail later. Given as
a ratio to the /healthz ceiling measured on the same server.

Targets (issue 13): at least 100 registrations a second on each database, and a p99 latency
within 150 ms at 16 concurrent clients on PostgreSQL; a network's real peak is a few a second.
Checks afterwards that no seat was oversold and that every request succeeded. Runs on SQLite,
and on PostgreSQL too when BENCH_POSTGRES_URL is set. Prints one JSON object per line.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _loadgen import run_load  # noqa: E402
from _server import BIN, gunicorn  # noqa: E402

DURATION = float(os.environ.get("BENCH_SECONDS", "5"))
CAPACITY = 500  # fewer than the requests a run sends, so the waitlist is exercised too


def emit(metric: str, value: float, unit: str, target: str = "", ok: bool | None = None) -> None:
    row = {
        "benchmark": "registrations",
        "metric": metric,
        "value": round(value, 2),
        "unit": unit,
        "target": target,
        "ok": ok,
    }
    print(json.dumps(row), flush=True)


def call(base: str, path: str, body: dict | None = None, token: str = "") -> dict:
    request = urllib.request.Request(  # noqa: S310 (loopback)
        base + path,
        data=json.dumps(body).encode() if body is not None else None,
        headers={"Content-Type": "application/json", "Authorization": f"Bearer {token}"},
        method="POST" if body is not None else "GET",
    )
    with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
        return json.loads(response.read())


def staff_token(env: dict[str, str]) -> str:
    subprocess.run(
        [BIN / "convene", "createstaff", "bench@convene.example"],
        env=env,
        check=True,
        capture_output=True,
    )
    out = subprocess.run(
        [BIN / "convene", "token", "create", "bench@convene.example"],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return out.strip().splitlines()[-1]


def measure(label: str, database_url: str | None) -> None:
    extra = {
        "TASKS_BACKEND": "database",
        "RATE_REGISTER_IP": "100000000",
        "RATE_REGISTER_EMAIL": "100000000",
    }
    with gunicorn(database_url=database_url, extra_env=extra) as (base, env):
        token = staff_token(env)
        call(base, "/api/series", {"slug": "bench", "title": "Bench series"}, token)
        starts = dt.datetime.now(tz=dt.UTC) + dt.timedelta(days=7)
        call(
            base,
            "/api/series/bench/sessions",
            {
                "slug": "bench-session",
                "title": "Bench session",
                "capacity": CAPACITY,
                "status": "published",
                "starts_at": starts.isoformat(),
                "ends_at": (starts + dt.timedelta(hours=1)).isoformat(),
            },
            token,
        )
        ceiling = run_load(base + "/healthz", concurrency=16, duration=DURATION, warmup=1.0)

        def body(n: int) -> tuple[str, bytes, dict[str, str]]:
            payload = {
                "series": "bench",
                "sessions": ["bench-session"],
                "name": f"Person {n}",
                "email": f"person{n}@city{n % 97}.example",
                "organisation": "Ville de Liège",
                "country": "BE",
                "consent": True,
            }
            return "POST", json.dumps(payload).encode(), {"Content-Type": "application/json"}

        # Warm both workers (engine and directory indexes) before measuring.
        run_load(base + "/api/registrations", lambda n: body(1_000_000 + n), max_requests=40)
        result = run_load(
            base + "/api/registrations", body, concurrency=16, duration=DURATION, warmup=1.0
        )
        seats = call(base, "/api/sessions/bench-session")
    total = result.requests
    emit(f"{label}: registrations/s", result.rps, "req/s", ">= 100", result.rps >= 100)
    emit(f"{label}: ratio to /healthz ceiling", result.rps / ceiling.rps, "x")
    emit(f"{label}: /healthz ceiling", ceiling.rps, "req/s")
    emit(f"{label}: p50 latency", result.p50, "ms")
    if label == "postgresql":
        emit(f"{label}: p99 latency", result.p99, "ms", "<= 150", result.p99 <= 150)
    else:
        emit(f"{label}: p99 latency", result.p99, "ms")
    emit(f"{label}: errors", result.errors, "requests", "= 0", result.errors == 0)
    oversold = max(0, seats["seats_taken"] - CAPACITY)
    emit(f"{label}: oversold seats", oversold, "seats", "= 0", oversold == 0)
    filled = seats["seats_taken"] == min(CAPACITY, seats["seats_taken"] + seats["waitlisted"])
    emit(f"{label}: seats filled before waitlisting", 1.0 if filled else 0.0, "bool", "= 1", filled)
    print(f"{label}: {total} measured requests, seats {seats}", file=sys.stderr)


def main() -> None:
    measure("sqlite", None)
    if os.environ.get("BENCH_POSTGRES_URL"):
        measure("postgresql", os.environ["BENCH_POSTGRES_URL"])


if __name__ == "__main__":
    main()
