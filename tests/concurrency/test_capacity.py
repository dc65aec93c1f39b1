"""Capacity under real concurrency, in the spirit of pretix's concurrency tests.

First we show that the race exists: a naive "count the seats, then insert" run from many
threads at once oversells on PostgreSQL. Then 50 parallel HTTP requests against a live server
for a session with 10 seats take exactly 10 seats and waitlist the rest, because the service
counts inside a transaction that holds a row lock on the session.
"""

from __future__ import annotations

import json
import threading
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.core.servers.basehttp import ThreadedWSGIServer, WSGIRequestHandler
from django.core.wsgi import get_wsgi_application
from django.db import connection, connections, transaction
from django.utils import timezone

from convene.directory.models import Person
from convene.registrations.models import (
    Registration,
    RegistrationRequest,
    RegistrationStatus,
    seat_taken_q,
)
from tests import factories as f

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.live]

SEATS = 10
REQUESTS = 50


def _postgres_only() -> None:
    if connection.vendor != "postgresql":
        pytest.skip(
            "on SQLite every transaction is IMMEDIATE, so writers queue and even the naive "
            "version cannot oversell; the race needs PostgreSQL's concurrent writers to show"
        )


def _naive_take_seat(session_id: int, n: int, barrier: threading.Barrier) -> None:
    """What the service must not do: count, then insert, without locking the session."""
    try:
        person = Person.objects.create(email=f"naive{n}@x.example", name=f"N{n}")
        barrier.wait(timeout=10)
        with transaction.atomic():
            taken = Registration.objects.filter(seat_taken_q(timezone.now()), session_id=session_id)
            if taken.count() < SEATS:
                time.sleep(0.05)  # the window any real request has between read and write
                request = RegistrationRequest.objects.create(
                    person=person, series_id=_series_of(session_id)
                )
                Registration.objects.create(
                    session_id=session_id,
                    person=person,
                    request=request,
                    status=RegistrationStatus.CONFIRMED,
                )
    finally:
        connections.close_all()


def _series_of(session_id: int) -> int:
    from convene.programme.models import Session

    return Session.objects.values_list("series_id", flat=True).get(pk=session_id)


def test_without_the_lock_the_race_oversells():
    _postgres_only()
    session = f.session(f.series(), capacity=SEATS)
    barrier = threading.Barrier(REQUESTS)
    threads = [
        threading.Thread(target=_naive_take_seat, args=(session.pk, n, barrier))
        for n in range(REQUESTS)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    taken = Registration.objects.filter(session=session).count()
    assert taken > SEATS, f"expected the naive version to oversell, it took {taken} seats"


def _register(url: str, body: dict) -> tuple[int, dict]:
    request = urllib.request.Request(  # noqa: S310 (an http URL on loopback)
        url,
        data=json.dumps(body).encode(),
        headers={"Content-Type": "application/json"},
        method="POST",
    )
    try:
        with urllib.request.urlopen(request, timeout=60) as response:  # noqa: S310 (loopback)
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read() or b"{}")


class _QuietHandler(WSGIRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


class _Server(ThreadedWSGIServer):
    """Django's threaded development server with a listen backlog that takes 50 connects at once
    (the standard library's default of 5 resets the rest)."""

    request_queue_size = 128


@pytest.fixture
def live_url():
    """A live server in this process: each request runs in its own thread with its own database
    connection, so requests really overlap in the database."""
    server = _Server(("127.0.0.1", 0), _QuietHandler)
    server.set_app(get_wsgi_application())
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()
    connections.close_all()


def test_fifty_parallel_requests_for_ten_seats(live_url, settings):
    settings.RATE_LIMITS = dict.fromkeys(settings.RATE_LIMITS, (10_000, 600))
    series = f.series()
    session = f.session(series, capacity=SEATS)
    url = f"{live_url}/api/registrations"
    bodies = [
        {
            "series": series.slug,
            "sessions": [session.slug],
            "name": f"Registrant {n}",
            "email": f"registrant{n}@city.example",
            "consent": True,
        }
        for n in range(REQUESTS)
    ]
    with ThreadPoolExecutor(max_workers=REQUESTS) as pool:
        results = list(pool.map(lambda body: _register(url, body), bodies))

    assert [code for code, _ in results] == [201] * REQUESTS, results
    statuses = [body["registrations"][0]["status"] for _, body in results]
    assert statuses.count("pending") == SEATS
    assert statuses.count("waitlisted") == REQUESTS - SEATS
    assert (
        Registration.objects.filter(session=session).filter(seat_taken_q(timezone.now())).count()
        == SEATS
    )
    assert Registration.objects.filter(session=session).count() == REQUESTS
