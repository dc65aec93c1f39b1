"""schemathesis against the API's own OpenAPI document, through the WSGI application.

Every operation is called with examples generated from its schema, valid ones and invalid ones,
once without a token and once with a staff token. Each answer must: not be a 5xx, have a status
and content type the document lists for the operation, match the documented response schema,
and, for a 4xx, be JSON with a ``detail``. Examples are bounded (``EXAMPLES`` per operation and
token), so the whole file stays under a minute per database.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from django.utils import timezone
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from convene.core.services import api_token_create, staff_create
from convene.programme.services import series_create, session_create

EXAMPLES = 25

schema = schemathesis.openapi.from_wsgi("/api/openapi.json", get_wsgi_application())

#: Requests made and statuses seen, per token variant (printed at the end of the module).
SEEN: Counter[str] = Counter()


def error_has_detail(ctx: Any, response: Any, case: Any) -> None:
    """A 4xx answers JSON with a non-empty ``detail``."""
    if 400 <= response.status_code < 500:
        types = [v for k, v in response.headers.items() if k.lower() == "content-type"]
        assert types and str(types[0][0]).startswith("application/json"), f"not JSON: {types}"
        body = response.json()
        assert isinstance(body, dict) and body.get("detail"), f"no detail in {body!r}"


CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
    error_has_detail,
]


@pytest.fixture(scope="module", autouse=True)
def report_counts(request: pytest.FixtureRequest) -> Iterator[None]:
    yield
    reporter = request.config.pluginmanager.get_plugin("terminalreporter")
    capture = request.config.pluginmanager.get_plugin("capturemanager")
    if reporter is not None and capture is not None and SEEN:
        statuses = ", ".join(f"{k}: {v}" for k, v in sorted(SEEN.items()))
        with capture.global_and_fixture_disabled():
            reporter.write_line(f"\nschemathesis requests: {SEEN.total()} ({statuses})")


@pytest.fixture
def keep_connection() -> Iterator[None]:
    """The WSGI application closes the database connection after each request; the test's
    transaction must survive it (Django's test client does the same)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def world(db: None, keep_connection: None) -> dict[str, str]:
    """A staff token and one series with a past and a future session, so that generated slugs
    sometimes hit something (schemathesis mostly sends random ones)."""
    staff, _password = staff_create(actor=None, email="fuzz@network.example", password="pw-1")
    _token, raw = api_token_create(actor=None, user=staff)
    series = series_create(actor=None, slug="s", title="Series")
    now = timezone.now()
    for slug, start in (("past", now - dt.timedelta(days=2)), ("next", now + dt.timedelta(days=9))):
        session_create(
            actor=None,
            series=series,
            slug=slug,
            title=slug,
            starts_at=start,
            ends_at=start + dt.timedelta(hours=1),
            status="published",
        )
    return {"token": raw}


@pytest.fixture(params=["anonymous", "staff"])
def headers(request: pytest.FixtureRequest, world: dict[str, str]) -> dict[str, str]:
    if request.param == "staff":
        return {"Authorization": f"Bearer {world['token']}"}
    return {}


@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
)
def test_api_answers_every_generated_request(case: Any, headers: dict[str, str]) -> None:
    response = case.call(headers=headers)
    SEEN[f"{'staff' if headers else 'anonymous'} {response.status_code}"] += 1
    case.validate_response(response, checks=CHECKS, headers=headers)
