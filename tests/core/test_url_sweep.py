"""The URL sweep: every route of the URL conf (walked from ``get_resolver()``, so a new page
is swept without anyone adding it to a list) gets GET and POST, as nobody, as a member user and
as staff, with bad query-string and form values (NUL, an unpaired surrogate, invalid UTF-8, a
100,000-character string, a script). No answer may be a 5xx (issue #16).

Path converters are filled with a row that exists when one can be guessed from the segment
before them (``sessions/<slug>`` → a session's slug, ``people/<int:pk>`` → a person's pk),
otherwise with a value that matches nothing (99999999, or a bad string). Form field names come
from the page itself (a staff GET, ``name="..."`` in its HTML) plus a few common query names.
"""

from __future__ import annotations

import re
import traceback
from collections.abc import Iterator
from typing import Any
from urllib.parse import quote

import pytest
from django.apps import apps
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.resolvers import RegexPattern, RoutePattern

from convene.announcements.services import announcement_create
from convene.core.services import api_token_create
from tests.knowledge.practices import practice
from tests.knowledge.proposal_helpers import open_round, proposal
from tests.network import Network, matrix_network  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db

SCRIPT = "<script>alert('x')</script>"
#: Already percent-encoded, as they go in a URL or a form body.
PAYLOADS = {
    "nul": "a%00b",
    "surrogate": "%ED%A0%80",
    "bad_utf8": "%FF%FE",
    "long": "x" * 100_000,
    "script": quote(SCRIPT, safe=""),
}
#: A value for a path segment: a bad one that still matches ``slug`` and ``str``.
BAD_SEGMENT = "zz-" + "x" * 300
#: Query names many list pages read, sent whatever the page's own form says.
COMMON_NAMES = ["q", "page", "sort", "next", "session", "series", "status", "figure", "format"]

#: Which model a path converter names, from the segment just before it.
SEGMENT_MODELS = {
    "proposals": "knowledge.Proposal",
    "rounds": "knowledge.ProposalRound",
    "proposal-rounds": "knowledge.ProposalRound",
    "cities": "directory.Organisation",
    "organisations": "directory.Organisation",
    "documents": "knowledge.Document",
    "practices": "knowledge.Practice",
    "imports": "attendance.AttendanceImport",
    "attendees": "attendance.Attendance",
    "organiser-domains": "attendance.OrganiserDomain",
    "memberships": "directory.Membership",
    "people": "directory.Person",
    "review": "directory.Organisation",
    "snapshots": "reports.ReportSnapshot",
    "registration-imports": "registrations.RegistrationImport",
    "registrations": "registrations.Registration",
    "series": "programme.Series",
    "sessions": "programme.Session",
    "topics": "programme.Topic",
    "sections": "sections.Section",
    "network": "sections.Section",
    "announcements": "announcements.Announcement",
}

REQUESTS: list[str] = []  # every request made, counted for the closing note


def _routes() -> list[str]:
    """Every route as a template: the path with ``{int:name}``-style holes."""
    found: list[str] = []

    def walk(patterns: list, prefix: str) -> None:
        for p in patterns:
            if isinstance(p, URLResolver):
                walk(p.url_patterns, prefix + _template(p.pattern))
            elif isinstance(p, URLPattern):
                found.append(prefix + _template(p.pattern))

    walk(get_resolver().url_patterns, "/")
    # Static files are not routes of the app (served by the web server, not Django): none are
    # in the URL conf; nothing else is left out. Django admin is swept with the rest.
    return sorted(set(found))


def _template(pattern: RoutePattern | RegexPattern | object) -> str:
    text = str(pattern)
    if isinstance(pattern, RegexPattern):
        # The admin's and the reports' regexes: take the first alternative of each group.
        text = text.lstrip("^").rstrip("$").replace(r"\.", ".")
        text = re.sub(
            r"\(\?P<(\w+)>([^)]*)\)",
            lambda m: (
                f"<int:{m[1]}>"
                if m[2].startswith("[0-9]") or m[2] == r"\d+"
                else m[2].split("|")[0]
            ),
            text,
        )
        text = re.sub(r"\(\?:([^)|]*)[^)]*\)", r"\1", text)
    return text


ROUTES = _routes()


def _value(converter: str, segment: str) -> str:
    label = SEGMENT_MODELS.get(segment)
    if label and converter in {"int", "slug", "str", ""}:
        model = apps.get_model(label)
        field = "pk" if converter == "int" or not _has_slug(model) else "slug"
        row = model._default_manager.order_by("pk").values_list(field, flat=True).first()
        if row is not None:
            return str(row)
    return "99999999" if converter == "int" else BAD_SEGMENT


def _has_slug(model: type) -> bool:
    return any(f.name == "slug" for f in model._meta.get_fields())


def fill(template: str) -> str:
    out = []
    for part in re.split(r"(<[^>]+>)", template):
        if part.startswith("<"):
            converter = part[1:-1].split(":")[0] if ":" in part else ""
            before = "".join(out).rstrip("/").rsplit("/", 1)[-1]
            out.append(_value(converter, before))
        else:
            out.append(part)
    return "".join(out)


@pytest.fixture(scope="module", autouse=True)
def report_counts(request: pytest.FixtureRequest) -> Iterator[None]:
    yield
    reporter = request.config.pluginmanager.get_plugin("terminalreporter")
    capture = request.config.pluginmanager.get_plugin("capturemanager")
    if reporter is not None and capture is not None and REQUESTS:
        with capture.global_and_fixture_disabled():
            reporter.write_line(f"\nURL sweep: {len(ROUTES)} routes, {len(REQUESTS)} requests")


@pytest.fixture(scope="module")
def swept_network(
    matrix_network: Network,  # noqa: F811
    django_db_blocker: Any,
) -> Network:
    """The roles' network plus a row for the detail pages it lacks (so that their pk is real):
    a proposal round and a proposal, a practice, a draft announcement. Rolled back with it."""
    with django_db_blocker.unblock():
        proposal(open_round())
        practice()
        announcement_create(
            actor=None,
            series=matrix_network.sessions["public"].series,
            subject={"en": "Spring exchanges", "fr": "Échanges de printemps"},
            body={"en": "Three sessions.", "fr": "Trois séances."},
            groups=["everyone"],
        )
    return matrix_network


def _clients(network: Network) -> dict[str, Client]:
    """Fresh browsers for each route: a POST to sign-out must not sign out the next route."""
    _token, raw = api_token_create(actor=None, user=network.users["staff"])
    staff = network.client("staff")
    staff.defaults["HTTP_AUTHORIZATION"] = f"Bearer {raw}"
    clients = {"anonymous": Client(), "member": network.client("member"), "staff": staff}
    for client in clients.values():
        client.raise_request_exception = False  # a 500 is recorded, with its exception
    return clients


def _field_names(html: str) -> list[str]:
    names = set(re.findall(r'name="([^"]{1,80})"', html)) - {"csrfmiddlewaretoken"}
    return sorted(names | set(COMMON_NAMES))


def _cause(response: object) -> str:
    """The exception and the last frame of the project (or of Django) it came from."""
    exc_info = getattr(response, "exc_info", None)
    if not exc_info:
        return str(getattr(response, "status_code", "?"))
    frames = traceback.extract_tb(exc_info[2])
    ours = [f for f in frames if "/convene/" in f.filename] or frames
    where = f"{ours[-1].filename.rsplit('/src/', 1)[-1]}:{ours[-1].lineno}"
    return f"{exc_info[1]!r:.200} at {where}"


def _full_sweep(role: str, path: str) -> bool:
    """Staff get every payload on the app's pages, anonymous visitors on every page outside
    /staff/ and /admin/. Elsewhere (members everywhere; anonymous on staff pages, refused
    before any input is read; staff on Django's admin, whose 145 routes share their code) one
    mixed body per method keeps the sweep well under two minutes."""
    if path.startswith("/admin/"):
        return False
    return role == "staff" or (role == "anonymous" and not path.startswith("/staff/"))


def _bodies(names: list[str], *, every_payload: bool) -> Iterator[tuple[str, str]]:
    """Bodies that set every name: one per payload (the long one in groups small enough to stay
    under Django's 2.5 MB body limit, beyond which every answer is the same 400), or a single
    body where the names take the payloads in turn."""
    if not every_payload:
        values = list(PAYLOADS.values())
        yield (
            "mixed",
            "&".join(f"{quote(n, safe='')}={values[i % len(values)]}" for i, n in enumerate(names)),
        )
        return
    for label, payload in PAYLOADS.items():
        size = 20 if label == "long" else len(names)
        for start in range(0, len(names), size):
            group = names[start : start + size]
            yield label, "&".join(f"{quote(n, safe='')}={payload}" for n in group)


@pytest.mark.parametrize("route", ROUTES)
def test_no_route_answers_a_server_error(swept_network: Network, route: str) -> None:
    clients = _clients(swept_network)
    path = fill(route)
    first = clients["staff"].get(path)
    REQUESTS.append(path)
    assert first.status_code < 500, (path, first.content[:300])
    html = first.content.decode("utf-8", "replace") if first.status_code == 200 else ""
    names = _field_names(html)
    failures = []
    for role, client in clients.items():
        for label, body in _bodies(names, every_payload=_full_sweep(role, path)):
            for method in ("GET", "POST"):
                if method == "GET":
                    response = client.get(f"{path}?{body}")
                else:
                    response = client.generic(
                        "POST",
                        path,
                        body.encode("ascii"),
                        content_type="application/x-www-form-urlencoded",
                    )
                REQUESTS.append(path)
                if response.status_code >= 500:
                    failures.append(f"{method} {role} {label}: {_cause(response)}")
    assert not failures, (path, failures)
