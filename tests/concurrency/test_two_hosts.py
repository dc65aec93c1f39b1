"""Two Convene servers, one PostgreSQL and one Redis: the set-up of several hosts behind a load
balancer (issue #16).

Two gunicorn servers, separate processes as on separate hosts, serve the test database. Sixty
parallel registrations for ten seats go through both: exactly ten seats are taken and the rest are
waitlisted, with no server error. Then one email registers eight times across both servers: the
per-email limit (five per ten minutes) holds across them, because the count is in Redis, not in
each worker's memory, and only five confirmation mails reach that mailbox.

PostgreSQL only: on SQLite the servers would share a file, not the set-up this proves. Redis is
needed; a missing Redis skips the test locally and fails it in CI (CI=true).
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import quote, urlsplit

import pytest
from django.db import connection
from django.utils import timezone

from convene.registrations.models import Registration, seat_taken_q
from tests import factories as f

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.live]

REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/0")
SEATS = 10
REQUESTS = 60


def _require_postgres_and_redis() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: several hosts share one PostgreSQL, never a SQLite file")
    parts = urlsplit(REDIS_URL)
    try:
        socket.create_connection((parts.hostname, parts.port or 6379), timeout=3).close()
    except OSError as exc:
        message = f"needs Redis at {REDIS_URL} (set TEST_REDIS_URL): {exc}"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)


def _database_url() -> str:
    s = connection.settings_dict
    user = quote(s.get("USER") or "", safe="")
    password = quote(s.get("PASSWORD") or "", safe="")
    auth = f"{user}:{password}@" if password else (f"{user}@" if user else "")
    return f"postgres://{auth}{s.get('HOST') or '127.0.0.1'}:{s.get('PORT') or 5432}/{s['NAME']}"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait_healthy(url: str, process: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"server exited: {log.read_text()[-2000:]}")
        try:
            with urllib.request.urlopen(f"{url}/healthz", timeout=2) as response:  # noqa: S310
                if response.status == 200:
                    return
        except (urllib.error.URLError, OSError):
            time.sleep(0.3)
    pytest.fail(f"server at {url} did not start: {log.read_text()[-2000:]}")


@pytest.fixture
def two_servers(tmp_path: Path) -> Iterator[tuple[list[str], Path]]:
    _require_postgres_and_redis()
    outbox = tmp_path / "outbox"
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("CONVENE_", "DJANGO_"))},
        "CONVENE_ENV": "test",
        "CONVENE_VAR_DIR": str(tmp_path / "var"),
        "DATABASE_URL": _database_url(),
        "CACHE_URL": REDIS_URL,  # RATE_LIMIT_STORE follows: the cache, i.e. Redis
        "TASKS_BACKEND": "immediate",
        "OUTBOX_DIR": str(outbox),
        "CONN_MAX_AGE": "0",
    }
    processes: list[subprocess.Popen] = []
    urls: list[str] = []
    try:
        for index in range(2):
            port = _free_port()
            log = tmp_path / f"server{index}.log"
            with log.open("wb") as handle:
                processes.append(
                    subprocess.Popen(  # noqa: S603
                        [
                            sys.executable,
                            "-m",
                            "gunicorn",
                            "convene.wsgi:application",
                            "--bind",
                            f"127.0.0.1:{port}",
                            "--workers",
                            "1",
                            "--threads",
                            "8",
                            "--backlog",
                            "128",
                        ],
                        env=env,
                        stdout=handle,
                        stderr=subprocess.STDOUT,
                    )
                )
            urls.append(f"http://127.0.0.1:{port}")
            _wait_healthy(urls[-1], processes[-1], log)
        yield urls, outbox
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()


def _register(url: str, body: dict) -> tuple[int, dict]:
    request = urllib.request.Request(  # noqa: S310
        f"{url}/api/registrations",
        data=json.dumps(body).encode(),
        headers={"Content-Type": "application/json"},
        method="POST",
    )
    try:
        with urllib.request.urlopen(request, timeout=180) as response:  # noqa: S310
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        raw = error.read()
        try:
            return error.code, json.loads(raw or b"{}")
        except ValueError:
            return error.code, {"raw": raw[:300].decode("utf-8", "replace")}


def test_sixty_registrations_for_ten_seats_through_two_servers(two_servers):
    urls, outbox = two_servers
    run = uuid.uuid4().hex[:8]  # Redis is shared with other runs: keys of our own
    series = f.series()
    session = f.session(series, capacity=SEATS)
    # Warm each server up (its first request loads the organisation-resolution engine).
    warm = f.session(series, capacity=100)
    for index, url in enumerate(urls):
        code, _ = _register(
            url,
            {
                "series": series.slug,
                "sessions": [warm.slug],
                "name": "Warm Up",
                "email": f"warm{index}-{run}@city.example",
                "consent": True,
            },
        )
        assert code == 201
    jobs = [
        (
            urls[n % 2],
            {
                "series": series.slug,
                "sessions": [session.slug],
                "name": f"Registrant {n}",
                "email": f"r{n}-{run}@city.example",
                "consent": True,
            },
        )
        for n in range(REQUESTS)
    ]
    started = time.monotonic()
    with ThreadPoolExecutor(max_workers=REQUESTS) as pool:
        results = list(pool.map(lambda job: _register(*job), jobs))
    print(f"60 registrations through two servers: {time.monotonic() - started:.1f} s")  # noqa: T201

    codes = [code for code, _ in results]
    assert [c for c in codes if c >= 500] == [], results
    assert codes == [201] * REQUESTS, results
    statuses = [body["registrations"][0]["status"] for _, body in results]
    assert statuses.count("pending") == SEATS
    assert statuses.count("waitlisted") == REQUESTS - SEATS
    taken = Registration.objects.filter(session=session).filter(seat_taken_q(timezone.now()))
    assert taken.count() == SEATS
    assert Registration.objects.filter(session=session, status="waitlisted").count() == 50

    # One mailbox, eight attempts across both servers at once: five pass, wherever they land.
    roomy = f.session(series, capacity=100)
    victim = f"victim-{run}@city.example"
    body = {
        "series": series.slug,
        "sessions": [roomy.slug],
        "name": "Someone Else",
        "email": victim,
        "consent": True,
    }
    with ThreadPoolExecutor(max_workers=8) as pool:
        attempts = list(pool.map(lambda n: _register(urls[n % 2], body), range(8)))
    codes = sorted(code for code, _ in attempts)
    assert codes == [201] * 5 + [429] * 3, attempts
    mails_to_victim = [
        p for p in outbox.glob("*.eml") if f"To: {victim}" in p.read_text(errors="replace")
    ]
    assert len(mails_to_victim) == 5
