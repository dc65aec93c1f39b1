"""Benchmark (issues 6 and 13): the impact report over a large network, on SQLite and PostgreSQL.

Generates a network of 100,000 organisations, 300,000 people, 10,000 sessions and 1,000,000
registrations with attendance, then times the whole report (``report_document``: the figures,
the sessions and the top organisations, as the page shows them; the ORM querysets of
``convene.reports.rows``) for one large series and for the whole network. Target: at most 1 s
for either scope. It also times one hand-written SQL query that computes the same headline
figures (``HEADLINE_SQL`` below) and reports the ratio of the report to it (target: at most 2),
after checking that both give the same numbers. It reports the ratio to a second yardstick
too: the same query with the returning participants added (``RETURNING_SQL``), a figure the
report computes and the headline leaves out (checked against the report's as well).

It measures two sizes in one run: the million registrations (scale 1) and a realistic network
of 50,000 (scale 0.05); ``BENCH_REPORT_SCALE`` (a number) measures that one scale only. Every
count is multiplied by the scale. Metric names start with the database and the scale.

SQLite always; PostgreSQL too when ``BENCH_POSTGRES_URL`` is set (that database is flushed and
loaded with the same rows, copied from the SQLite file). The generated SQLite file is cached
under ``var/bench/``, keyed by ``GENERATOR_VERSION`` and the scale, so repeat runs skip the
generation; migrations are applied to it on every run.

Each timing is the median of ``BENCH_REPORT_REPEAT`` (default 5) runs after a warm-up run; the
report and the hand-written queries run in turn, round after round, and each ratio is the median
of the ratios within a round (the machine's load changes less within a round). One JSON object
per line on stdout, as ``make bench`` expects; progress goes to stderr.

Run from the repo root: ``.venv/bin/python benchmarks/bench_report.py``.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

#: Change whenever the generated data changes, so a cached database is not reused.
GENERATOR_VERSION = 4
#: The scales measured by one run; a child process measures the one in BENCH_REPORT_SCALE.
SCALES = (1.0, 0.05)
SCALE = float(os.environ.get("BENCH_REPORT_SCALE", "1.0"))
REPEAT = int(os.environ.get("BENCH_REPORT_REPEAT", "5"))
SEED = 6
TARGET_SECONDS = 1.0
TARGET_RATIO = 2.0

ORGANISATIONS = round(100_000 * SCALE)
PEOPLE = round(300_000 * SCALE)
SESSIONS = round(10_000 * SCALE)
REGISTRATIONS = round(1_000_000 * SCALE)
LARGE_SERIES_SESSIONS = max(4, round(80 * min(1.0, SCALE * 4)))
LARGE_SERIES_REGISTRATIONS = round(120_000 * SCALE)
SERIES_SESSIONS = 16  # sessions per ordinary series
LARGE_SERIES = "large-series"

ACTIVE = ("pending", "confirmed", "waitlisted")
AUTHORITY_KINDS = ("local_authority", "regional_authority")
INSTITUTION_KINDS = ("public_body", "research", "ngo", "private", "other")
#: (kind, share of root organisations)
KINDS = (
    ("local_authority", 0.46),
    ("regional_authority", 0.06),
    ("public_body", 0.14),
    ("research", 0.10),
    ("ngo", 0.12),
    ("private", 0.09),
    ("other", 0.03),
)
#: European countries, the larger networks first (weights are rough).
COUNTRIES = (
    ("FR", 14),
    ("BE", 10),
    ("DE", 10),
    ("ES", 9),
    ("IT", 9),
    ("PT", 5),
    ("NL", 5),
    ("LU", 2),
    ("AT", 3),
    ("CH", 3),
    ("PL", 4),
    ("CZ", 2),
    ("SE", 3),
    ("FI", 2),
    ("DK", 2),
    ("IE", 2),
    ("GB", 4),
    ("GR", 3),
    ("HR", 1),
    ("SI", 1),
    ("HU", 2),
    ("RO", 2),
    ("BG", 1),
    ("CY", 1),
    ("MT", 1),
    ("NO", 1),
)
#: Time zones sessions are held in, with the UTC hours they start at (a 23:30 UTC session in
#: Helsinki or Athens falls on the next local day).
ZONES = (
    ("Europe/Brussels", (8, 9, 12, 13, 14)),
    ("Europe/Paris", (9, 13, 15)),
    ("Europe/Lisbon", (10, 14, 16)),
    ("Europe/Helsinki", (7, 12, 22)),
    ("Europe/Athens", (8, 21, 23)),
    ("America/Montreal", (0, 13, 17)),
)
TABLES = (
    "sections_section",
    "directory_organisation",
    "directory_membership",
    "directory_person",
    "programme_series",
    "programme_session",
    "programme_session_topics",
    "registrations_registrationrequest",
    "registrations_registration",
    "attendance_attendance",
)

# The hand-written query: the headline figures of the report in one statement, written as one
# would by hand for this schema, independently of the report's code (a cross-check too):
#
# - ``scope_sessions``: the published sessions in the scope;
# - ``registrants``: each person with a registration that counts (confirmed, or confirmed on
#   the waitlist: definitions version 2) for one of them;
# - ``people``: each registrant with the organisation counted (the highest of their
#   organisation, its parent and its grandparent), its kind, and whether a membership period of
#   one of those three covers the local date of a session they registered for (looked up only
#   for people whose organisation has a membership somewhere above it);
# - ``audience``: per session with attendance recorded, the rows attended as attendee.
#
# It returns registrations, registrants, the audience's mean, minimum and maximum, the local
# and regional authorities represented and the members among them, and the institutions
# represented and the members among them: the sentence of DESIGN.md. ``{day}`` is the
# database's own conversion to the session's local date.
HEADLINE_SQL = """
WITH scope_sessions (id) AS MATERIALIZED (
    SELECT s.id FROM programme_session s WHERE s.status = 'published' {series_filter}
),
registrants AS MATERIALIZED (
    SELECT r.person_id FROM registrations_registration r
    WHERE (r.status = 'confirmed' OR (r.status = 'waitlisted' AND r.confirmed_at IS NOT NULL))
      AND r.session_id IN (SELECT id FROM scope_sessions)
    GROUP BY r.person_id
),
under_members AS MATERIALIZED (
    SELECT m.organisation_id AS id FROM directory_membership m
    UNION SELECT o.id FROM directory_organisation o
        JOIN directory_membership m ON m.organisation_id = o.parent_id
    UNION SELECT o.id FROM directory_organisation o
        JOIN directory_organisation o1 ON o1.id = o.parent_id
        JOIN directory_membership m ON m.organisation_id = o1.parent_id
),
people AS MATERIALIZED (
    SELECT COALESCE(o1.parent_id, o.parent_id, p.organisation_id) AS root,
           COALESCE(o2.kind, o1.kind, o.kind) AS kind,
           CASE WHEN p.organisation_id IN (SELECT id FROM under_members) THEN COALESCE((
               SELECT 1 FROM registrations_registration r
               JOIN programme_session s ON s.id = r.session_id
               JOIN directory_membership m
                 ON m.organisation_id IN (p.organisation_id, o.parent_id, o1.parent_id)
               WHERE r.person_id = p.id
                 AND (r.status = 'confirmed'
                      OR (r.status = 'waitlisted' AND r.confirmed_at IS NOT NULL))
                 AND (CASE WHEN r.session_id IN (SELECT id FROM scope_sessions)
                      THEN 1 ELSE 0 END) = 1
                 AND m.member_from <= {day}
                 AND (m.member_until IS NULL OR {day} <= m.member_until)
               LIMIT 1), 0) ELSE 0 END AS member
    FROM registrants x
    JOIN directory_person p ON p.id = x.person_id
    LEFT JOIN directory_organisation o ON o.id = p.organisation_id
    LEFT JOIN directory_organisation o1 ON o1.id = o.parent_id
    LEFT JOIN directory_organisation o2 ON o2.id = o1.parent_id
),
roots AS MATERIALIZED (
    SELECT root, kind, MAX(member) AS member FROM people
    WHERE root IS NOT NULL GROUP BY root, kind
),
audience AS MATERIALIZED (
    SELECT a.session_id,
           SUM(CASE WHEN a.attended AND a.role = 'attendee' THEN 1 ELSE 0 END) AS n
    FROM attendance_attendance a
    WHERE a.session_id IN (SELECT id FROM scope_sessions)
    GROUP BY a.session_id
)
SELECT
    (SELECT COUNT(*) FROM registrations_registration r
        WHERE (r.status = 'confirmed' OR (r.status = 'waitlisted' AND r.confirmed_at IS NOT NULL))
          AND r.session_id IN (SELECT id FROM scope_sessions)),
    (SELECT COUNT(*) FROM people),
    (SELECT AVG(n) FROM audience),
    (SELECT MIN(n) FROM audience),
    (SELECT MAX(n) FROM audience),
    (SELECT COUNT(*) FROM roots WHERE kind IN ('local_authority', 'regional_authority')),
    (SELECT COALESCE(SUM(member), 0) FROM roots
        WHERE kind IN ('local_authority', 'regional_authority')),
    (SELECT COUNT(*) FROM roots
        WHERE kind IN ('public_body', 'research', 'ngo', 'private', 'other')),
    (SELECT COALESCE(SUM(member), 0) FROM roots
        WHERE kind IN ('public_body', 'research', 'ngo', 'private', 'other')){returning}
"""
# The returning participants (a registration that counts, for a published session
# that started before the scope's first session): a figure the report computes that the
# headline leaves out. Timed as a second yardstick, the headline with this column added, so that
# the report is also compared with a hand-written query doing the same lookups.
RETURNING_SQL = """,
    (SELECT COUNT(*) FROM registrants x WHERE EXISTS (
        SELECT 1 FROM registrations_registration r
        JOIN programme_session s ON s.id = r.session_id
        WHERE r.person_id = x.person_id
          AND (r.status = 'confirmed' OR (r.status = 'waitlisted' AND r.confirmed_at IS NOT NULL))
          AND s.status = 'published'
          AND s.starts_at < (SELECT MIN(s1.starts_at) FROM programme_session s1
                             WHERE s1.id IN (SELECT id FROM scope_sessions))))
"""
HEADLINE_KEYS = (
    "registrations",
    "registrants",
    "audience.mean",
    "audience.min",
    "audience.max",
    "local_authorities.represented",
    "local_authorities.members",
    "institutions.total",
    "institutions.members",
)


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def emit(
    metric: str, value: float, unit: str, target: str = "", ok: bool | None = None, **extra: Any
) -> None:
    row = {
        "benchmark": "report",
        "metric": metric,
        "value": round(value, 3) if isinstance(value, float) else value,
        "unit": unit,
        "target": target,
        "ok": ok,
    }
    row.update(extra)
    print(json.dumps(row), flush=True)


# --- Generation --------------------------------------------------------------------------------


def utc(value: dt.datetime) -> str:
    """A UTC datetime as Django stores it in SQLite."""
    return value.strftime("%Y-%m-%d %H:%M:%S")


def weighted(rnd: random.Random, pairs: Sequence[tuple[str, float]], n: int) -> list[str]:
    return rnd.choices([p[0] for p in pairs], weights=[p[1] for p in pairs], k=n)


def skewed(rnd: random.Random, n: int, power: float) -> int:
    """An index in ``range(n)``, the low ones far more often (big cities, regular attendees)."""
    return min(n - 1, int(n * rnd.random() ** power))


def generate(raw: Any) -> dict[str, int]:
    """Fill the (migrated, empty) SQLite database behind the DB-API connection ``raw``."""
    rnd = random.Random(SEED)
    now = utc(dt.datetime(2026, 1, 15, 9, 0, tzinfo=dt.UTC))
    sizes: dict[str, int] = {}

    def insert(table: str, columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
        marks = ", ".join("?" * len(columns))
        names = ", ".join(columns)
        raw.executemany(f"INSERT INTO {table} ({names}) VALUES ({marks})", rows)  # noqa: S608
        sizes[table] = sizes.get(table, 0) + len(rows)

    # Sections (a small tree) and the topic taxonomy the migrations installed.
    sections = [
        (1, "Urban security", "Sécurité urbaine", "urban-security", "public", None),
        (2, "Polarisation", "Polarisation", "polarisation", "inherit", 1),
        (3, "Crisis management", "Gestion de crise", "crisis-management", "inherit", 1),
        (4, "Drugs", "Drogues", "drugs", "members", None),
        (5, "Nightlife", "Vie nocturne", "nightlife", "inherit", 4),
    ]
    insert("sections_section", ("id", "name", "name_fr", "slug", "access", "parent_id"), sections)
    topic_ids = [row[0] for row in raw.execute("SELECT id FROM programme_topic ORDER BY id")]

    # Organisations: roots of every kind, then departments of authorities (and a few
    # departments of departments, so the counted organisation is sometimes two levels up).
    roots = round(ORGANISATIONS * 0.85)
    organisations: list[tuple[Any, ...]] = []
    authority_roots: list[int] = []
    departments: list[int] = []
    root_kinds = weighted(rnd, KINDS, roots)
    root_countries = weighted(rnd, COUNTRIES, roots)
    country_of: dict[int, str] = {}
    for i in range(ORGANISATIONS):
        pk = i + 1
        if i < roots:
            kind, country, parent = root_kinds[i], root_countries[i], None
            if kind in AUTHORITY_KINDS:
                authority_roots.append(pk)
        else:
            if departments and rnd.random() < 0.08:
                parent = rnd.choice(departments)
            else:
                parent = authority_roots[skewed(rnd, len(authority_roots), 2.0)]
            kind = rnd.choice(("public_body", "public_body", "other", "local_authority"))
            country = country_of[parent] if rnd.random() < 0.97 else ""
            departments.append(pk)
        country_of[pk] = country
        created = utc(dt.datetime(2015, 1, 1, tzinfo=dt.UTC) + dt.timedelta(minutes=i))
        name = f"{kind.replace('_', ' ').title()} {pk}"
        organisations.append((pk, name, kind, country, None, created, created, "", parent))
    insert(
        "directory_organisation",
        (
            "id",
            "name",
            "kind",
            "country",
            "geonames_id",
            "created_at",
            "updated_at",
            "resolution_cluster",
            "parent_id",
        ),
        organisations,
    )

    # Membership periods for a share of the authorities (and a few institutions): most open,
    # some ended, some ended and renewed.
    memberships: list[tuple[Any, ...]] = []
    candidates = authority_roots[: len(authority_roots) // 3]
    for pk in candidates:
        if rnd.random() > 0.25:
            continue
        start = dt.date(2008, 1, 1) + dt.timedelta(days=rnd.randrange(0, 15 * 365))
        end = None
        if rnd.random() < 0.3:
            end = start + dt.timedelta(days=rnd.randrange(200, 6 * 365))
        memberships.append((len(memberships) + 1, start.isoformat(), end and end.isoformat(), pk))
        if end is not None and rnd.random() < 0.4:
            again = end + dt.timedelta(days=rnd.randrange(100, 900))
            memberships.append((len(memberships) + 1, again.isoformat(), None, pk))
    for _n in range(len(memberships) // 50):  # a few institutions are members too
        pk = rnd.randrange(1, roots + 1)
        start = dt.date(2012, 1, 1) + dt.timedelta(days=rnd.randrange(0, 3000))
        memberships.append((len(memberships) + 1, start.isoformat(), None, pk))
    insert(
        "directory_membership",
        ("id", "member_from", "member_until", "organisation_id", "note"),
        [(*m, "") for m in memberships],
    )

    # People: most with an organisation; some waiting for staff review or not resolved yet,
    # with the organisation they typed; some with none.
    people: list[tuple[Any, ...]] = []
    for i in range(PEOPLE):
        pk = i + 1
        draw = rnd.random()
        organisation = None
        text = ""
        if draw < 0.85:
            organisation = skewed(rnd, ORGANISATIONS, 1.6) + 1
            status = rnd.choice(("matched", "matched", "matched", "new", "staff"))
            text = f"Organisation {organisation}"
        elif draw < 0.92:
            status, text = "review", f"Ville inconnue {rnd.randrange(0, PEOPLE // 20 + 1)}"
        elif draw < 0.95:
            status, text = "pending", f"Stadt Unbekannt {rnd.randrange(0, PEOPLE // 20 + 1)}"
        else:
            status = "none" if rnd.random() < 0.7 else "review"
        country = country_of[organisation] if organisation else ""
        if not country and rnd.random() < 0.8:
            country = weighted(rnd, COUNTRIES, 1)[0]
        language = "fr" if rnd.random() < 0.3 else "en"
        created = utc(dt.datetime(2016, 1, 1, tzinfo=dt.UTC) + dt.timedelta(minutes=i))
        people.append(
            (
                pk,
                f"p{pk}@org{organisation or 0}.example",
                f"Person {pk}",
                text,
                "",
                country,
                language,
                created,
                created,
                organisation,
                None,
                "",
                status,
            )
        )
    insert(
        "directory_person",
        (
            "id",
            "email",
            "name",
            "organisation_text",
            "job_title",
            "country",
            "preferred_language",
            "created_at",
            "updated_at",
            "organisation_id",
            "resolution_confidence",
            "resolution_explanation",
            "resolution_status",
        ),
        people,
    )
    del people

    # Series and sessions: one large series, then ordinary ones of 16 sessions, from 2016 to
    # mid-2026, in several time zones; a few drafts and cancelled sessions.
    series_rows: list[tuple[Any, ...]] = []
    sessions: list[tuple[Any, ...]] = []
    session_series: list[int] = []
    session_start: list[dt.datetime] = []
    session_status: list[str] = []

    def add_series(slug: str, title: str, section: int | None) -> int:
        pk = len(series_rows) + 1
        created = utc(dt.datetime(2015, 6, 1, tzinfo=dt.UTC))
        series_rows.append(
            (pk, title, slug, "", '["en", "fr"]', "Europe/Brussels", None, None, "open", 7, 10)
            + (None, created, section)
        )
        return pk

    def add_session(series: int, starts: dt.datetime, status: str) -> None:
        pk = len(sessions) + 1
        zone = ZONES[pk % len(ZONES)][0]
        ends = starts + dt.timedelta(minutes=rnd.choice((60, 90, 120)))
        sessions.append(
            (pk, f"Session {pk}", f"session-{pk}", "", utc(starts), utc(ends), zone, '["en"]')
            + ("[]", None, "zoom", "", status, "", None, uuid.UUID(int=pk).hex, 0)
            + (utc(starts - dt.timedelta(days=60)), series)
        )
        session_series.append(series)
        session_start.append(starts)
        session_status.append(status)

    large = add_series(LARGE_SERIES, "Large series", 2)
    first = dt.datetime(2021, 1, 12, tzinfo=dt.UTC)
    for n in range(LARGE_SERIES_SESSIONS):
        zone, hours = ZONES[(len(sessions) + 1) % len(ZONES)]
        starts = first + dt.timedelta(days=9 * n, hours=rnd.choice(hours), minutes=30)
        add_session(large, starts, "published" if n % 25 != 24 else "cancelled")
    span = (dt.datetime(2026, 6, 30, tzinfo=dt.UTC) - dt.datetime(2016, 1, 1, tzinfo=dt.UTC)).days
    series = 0
    while len(sessions) < SESSIONS:
        if (len(sessions) - LARGE_SERIES_SESSIONS) % SERIES_SESSIONS == 0:
            series = add_series(
                f"series-{len(series_rows) + 1}",
                f"Series {len(series_rows) + 1}",
                rnd.choice((None, None, 1, 2, 3, 4, 5)),
            )
            series_first = dt.datetime(2016, 1, 4, tzinfo=dt.UTC) + dt.timedelta(
                days=rnd.randrange(0, span - 200)
            )
            step = rnd.choice((7, 10, 14))
        nth = (len(sessions) - LARGE_SERIES_SESSIONS) % SERIES_SESSIONS
        zone, hours = ZONES[(len(sessions) + 1) % len(ZONES)]
        starts = series_first + dt.timedelta(days=step * nth, hours=rnd.choice(hours))
        draw = rnd.random()
        status = "published" if draw < 0.95 else ("draft" if draw < 0.98 else "cancelled")
        add_session(series, starts, status)
    insert(
        "programme_series",
        (
            "id",
            "title",
            "slug",
            "description",
            "languages",
            "timezone",
            "registration_opens_at",
            "registration_closes_at",
            "audience_policy",
            "members_first_release_days",
            "attendance_min_minutes",
            "attendance_min_percent",
            "created_at",
            "section_id",
        ),
        series_rows,
    )
    insert(
        "programme_session",
        (
            "id",
            "title",
            "slug",
            "abstract",
            "starts_at",
            "ends_at",
            "timezone",
            "languages",
            "interpretation",
            "capacity",
            "video_platform",
            "join_url",
            "status",
            "audience_policy",
            "members_first_release_at",
            "uid",
            "sequence",
            "created_at",
            "series_id",
        ),
        sessions,
    )
    session_topics: list[tuple[int, int, int]] = []
    for session in range(1, len(session_start) + 1):
        for topic in rnd.sample(topic_ids, rnd.choice((0, 1, 1, 2, 2, 3))):
            session_topics.append((len(session_topics) + 1, session, topic))
    insert("programme_session_topics", ("id", "session_id", "topic_id"), session_topics)

    # Registrations: the large series draws on a pool of regulars; other sessions on everyone,
    # regulars far more often. Statuses mixed: cancelled and lapsed ones do not count.
    per_session: list[int] = []
    ordinary = len(session_start) - LARGE_SERIES_SESSIONS
    mean = (REGISTRATIONS - LARGE_SERIES_REGISTRATIONS) / max(1, ordinary)
    for session in range(len(session_start)):
        if session < LARGE_SERIES_SESSIONS:
            per_session.append(LARGE_SERIES_REGISTRATIONS // LARGE_SERIES_SESSIONS)
        else:
            per_session.append(max(1, round(mean * rnd.uniform(0.2, 1.8))))
    regulars = max(1000, PEOPLE // 8)
    requests: dict[tuple[int, int], int] = {}
    request_rows: list[tuple[Any, ...]] = []
    registrations: list[tuple[Any, ...]] = []
    statuses = (("confirmed", 85), ("pending", 3), ("waitlisted", 2), ("cancelled", 7))
    statuses += (("lapsed", 3),)
    by_session: list[list[tuple[int, int, str]]] = []
    for session, count in enumerate(per_session, start=1):
        chosen: set[int] = set()
        pool = regulars if session <= LARGE_SERIES_SESSIONS else PEOPLE
        count = min(count, pool // 2)
        while len(chosen) < count:
            chosen.add(skewed(rnd, pool, 1.8) + 1)
        starts = session_start[session - 1]
        rows: list[tuple[int, int, str]] = []
        for person, status in zip(
            sorted(chosen), weighted(rnd, statuses, len(chosen)), strict=True
        ):
            key = (person, session_series[session - 1])
            if key not in requests:
                requests[key] = len(requests) + 1
                made = utc(starts - dt.timedelta(days=rnd.randrange(1, 40)))
                request_rows.append(
                    (requests[key], f"q{requests[key]}", "en", "2026-01", made, 0, made, made) + key
                )
            pk = len(registrations) + 1
            created = utc(starts - dt.timedelta(days=rnd.randrange(1, 30)))
            registrations.append(
                (
                    pk,
                    status,
                    None,
                    f"j{pk}",
                    None,
                    created,
                    created if status in ("confirmed", "waitlisted") else None,
                )
                + (created if status == "cancelled" else None, "form", person, session)
                + (requests[key],)
            )
            rows.append((pk, person, status))
        by_session.append(rows)
    insert(
        "registrations_registrationrequest",
        (
            "id",
            "token",
            "language",
            "consent_version",
            "consented_at",
            "directory_opt_in",
            "created_at",
            "confirmed_at",
            "person_id",
            "series_id",
        ),
        request_rows,
    )
    del request_rows, requests
    insert(
        "registrations_registration",
        (
            "id",
            "status",
            "hold_until",
            "join_token",
            "waitlisted_at",
            "created_at",
            "confirmed_at",
            "cancelled_at",
            "source",
            "person_id",
            "session_id",
            "request_id",
        ),
        registrations,
    )
    del registrations

    # Attendance for most published sessions that have taken place: registrants who attended,
    # some who connected too briefly, a host or two, people who never registered, and unmatched
    # guests (some of whom come back to several sessions under the same merge key).
    attendance: list[tuple[Any, ...]] = []
    guests = max(50, PEOPLE // 100)

    def attend(
        session: int, key: str, person: int | None, registration: int | None, **kw: Any
    ) -> None:
        pk = len(attendance) + 1
        minutes = kw.get("minutes", 55.0)
        attendance.append(
            (pk, key, "[]", kw.get("name", key), "", kw.get("role", "attendee"), minutes, 1)
            + (None, None, 1 if kw.get("attended", True) else 0, kw.get("method", "email"))
            + (1.0, now, now, person, registration, session)
        )

    for session, rows in enumerate(by_session, start=1):
        if session_status[session - 1] != "published" or utc(session_start[session - 1]) > now:
            continue
        if rnd.random() < 0.1:
            continue  # attendance not imported yet
        seen: set[int] = set()
        for host in range(rnd.choice((1, 1, 2))):
            attend(session, f"email:host{host}@network.example", None, None, role="host")
        for registration, person, status in rows:
            if status not in ACTIVE:
                continue
            draw = rnd.random()
            if draw < 0.55:
                attend(session, f"person:{person}", person, registration)
            elif draw < 0.65:
                attend(session, f"person:{person}", person, registration, minutes=4, attended=0)
            else:
                continue
            seen.add(person)
        for _n in range(max(1, len(rows) // 50)):
            person = rnd.randrange(1, PEOPLE + 1)
            if person not in seen:
                seen.add(person)
                attend(session, f"person:{person}", person, None, method="name")
        for n in {rnd.randrange(0, guests) for _n in range(max(1, len(rows) // 30))}:
            key = f"email:guest{n}@elsewhere.example" if n % 3 else f"name:guest {n}"
            attend(session, key, None, None, method="unmatched")
    insert(
        "attendance_attendance",
        (
            "id",
            "key",
            "source_keys",
            "name",
            "email",
            "role",
            "minutes",
            "connections",
            "first_join",
            "last_leave",
            "attended",
            "match_method",
            "match_score",
            "created_at",
            "updated_at",
            "person_id",
            "registration_id",
            "session_id",
        ),
        attendance,
    )
    return sizes


# --- Loading into PostgreSQL ----------------------------------------------------------------


def copy_to_postgres(source: Path) -> None:
    """Empty the PostgreSQL database and copy every generated table into it (COPY)."""
    import sqlite3

    from django.apps import apps
    from django.core.management import call_command
    from django.core.management.color import no_style
    from django.db import connection, transaction

    call_command("flush", interactive=False, verbosity=0)
    lite = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    tables = ["programme_topic", *TABLES]
    with transaction.atomic(), connection.cursor() as cursor:
        # Load without the secondary indexes and the foreign-key triggers (the rows come from
        # a database that already checked them), then build each index once.
        cursor.execute("SET LOCAL session_replication_role = replica")
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes i WHERE tablename = ANY(%s) "
            "AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)",
            [tables],
        )
        indexes = cursor.fetchall()
        for name, _definition in indexes:
            cursor.execute(f'DROP INDEX "{name}"')
        cursor.execute("TRUNCATE programme_topic CASCADE")
        for table in tables:
            columns = [row[1] for row in lite.execute(f"PRAGMA table_info({table})")]
            names = ", ".join(f'"{c}"' for c in columns)
            with cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                for row in lite.execute(f"SELECT {names} FROM {table}"):  # noqa: S608
                    copy.write_row(row)
        for _name, definition in indexes:
            cursor.execute(definition)
        models = [m for m in apps.get_models() if m._meta.db_table in TABLES]
        models += [apps.get_model("programme", "Topic")]
        for statement in connection.ops.sequence_reset_sql(no_style(), models):
            cursor.execute(statement)
    lite.close()
    with connection.cursor() as cursor:
        # As autovacuum would: statistics, and the visibility map that index-only scans use.
        cursor.execute("VACUUM ANALYZE")


# --- Measuring --------------------------------------------------------------------------------


def interleaved(
    functions: dict[str, Callable[[], Any]], repeat: int = REPEAT
) -> tuple[dict[str, list[float]], dict[str, Any]]:
    """Wall times of ``repeat`` rounds, each running every function once in turn (after one
    untimed round), and the last results. On a shared machine the load changes from second to
    second; a ratio taken within one round compares runs made under the same load."""
    results = {name: function() for name, function in functions.items()}
    times: dict[str, list[float]] = {name: [] for name in functions}
    for _n in range(repeat):
        for name, function in functions.items():
            began = time.perf_counter()
            results[name] = function()
            times[name].append(time.perf_counter() - began)
    return times, results


def ratio(times: dict[str, list[float]], top: str, bottom: str) -> float:
    """The median over the rounds of ``top``'s time over ``bottom``'s."""
    return statistics.median(t / b for t, b in zip(times[top], times[bottom], strict=True))


def headline(series_id: int | None, returning: bool = False) -> tuple[Any, ...]:
    """The headline figures by hand (``HEADLINE_SQL``); with ``returning``, the returning
    participants too (``RETURNING_SQL``), as one more value at the end."""
    from django.db import connection

    postgresql = connection.vendor == "postgresql"
    if postgresql:
        day = "(s.starts_at AT TIME ZONE s.timezone)::date"
    else:
        day = "django_datetime_cast_date(s.starts_at, s.timezone, 'UTC')"
    sql = HEADLINE_SQL.format(
        day=day,
        series_filter="AND s.series_id = %s" if series_id is not None else "",
        returning=RETURNING_SQL if returning else "",
    )
    # JIT is off for Convene's PostgreSQL connections (settings.py), for this query too.
    with connection.cursor() as cursor:
        cursor.execute(sql, [series_id] if series_id is not None else [])
        return tuple(cursor.fetchone())


def report_headline(figures: Any) -> tuple[Any, ...]:
    audience = figures.audience
    return (
        figures.registrations,
        figures.registrants,
        audience.mean,
        audience.min,
        audience.max,
        figures.local_authorities.total,
        figures.local_authorities.members,
        figures.institutions.total,
        figures.institutions.members,
    )


def agree(report: tuple[Any, ...], sql: tuple[Any, ...]) -> list[str]:
    """Headline figures on which the report and the hand-written query differ."""
    wrong = []
    for key, mine, theirs in zip(HEADLINE_KEYS, report, sql, strict=True):
        if key == "audience.mean":
            same = (mine is None and theirs is None) or (
                mine is not None and theirs is not None and abs(mine - float(theirs)) < 0.006
            )
        else:
            same = mine == theirs
        if not same:
            wrong.append(f"{key}: report {mine}, SQL {theirs}")
    return wrong


def measure(label: str) -> None:
    from django.db import connection

    from convene.programme.models import Series
    from convene.reports.document import report_document
    from convene.reports.scope import Scope
    from convene.reports.selectors import report_figures

    sizes = {}
    with connection.cursor() as cursor:
        for table in TABLES:
            cursor.execute(f"SELECT COUNT(*) FROM {table}")  # noqa: S608
            sizes[table] = cursor.fetchone()[0]
    log(f"{label}: {json.dumps(sizes)}")
    for table, what in (
        ("directory_organisation", "organisations"),
        ("directory_person", "people"),
        ("programme_session", "sessions"),
        ("registrations_registration", "registrations"),
        ("attendance_attendance", "attendance rows"),
    ):
        emit(f"{label}: {what}", sizes[table], "rows")

    large = Series.objects.get(slug=LARGE_SERIES)
    for name, scope, series_id in (
        ("large series", Scope(series=large), large.pk),
        ("network", Scope(), None),
    ):
        # The whole report (what the page shows: figures, sessions, top organisations), its
        # figures alone, and the hand-written query without and with the returning participants
        # (the second yardstick), in turn, round after round.
        times, results = interleaved(
            {
                "whole": lambda s=scope: report_document(scope=s),  # type: ignore[misc]
                "figures": lambda s=scope: report_figures(scope=s),  # type: ignore[misc]
                "sql": lambda i=series_id: headline(i),  # type: ignore[misc]
                "full": lambda i=series_id: headline(i, returning=True),  # type: ignore[misc]
            }
        )
        figures, sql, full = results["figures"], results["sql"], results["full"]
        log(f"{label}, {name}: top organisations {results['whole'].organisations[:3]}")
        wrong = agree(report_headline(figures), sql)
        if full[-1] != figures.returning_participants:
            wrong.append(
                f"participants.returning: report {figures.returning_participants}, SQL {full[-1]}"
            )
        for line in wrong:
            log(f"{label}, {name}: MISMATCH {line}")
        log(f"{label}, {name}: headline {dict(zip(HEADLINE_KEYS, sql, strict=True))}")
        whole = statistics.median(times["whole"])
        emit(f"{label}, {name}: report figures", statistics.median(times["figures"]), "s")
        emit(
            f"{label}, {name}: whole report",
            whole,
            "s",
            f"<= {TARGET_SECONDS:g}",
            whole <= TARGET_SECONDS,
        )
        emit(f"{label}, {name}: hand-written SQL", statistics.median(times["sql"]), "s")
        emit(
            f"{label}, {name}: hand-written SQL with returning",
            statistics.median(times["full"]),
            "s",
        )
        emit(f"{label}, {name}: report figures / SQL", ratio(times, "figures", "sql"), "x")
        for bottom, what in (("sql", "SQL"), ("full", "SQL with returning")):
            within = ratio(times, "whole", bottom)
            emit(
                f"{label}, {name}: report / {what}",
                within,
                "x",
                f"<= {TARGET_RATIO:g}",
                within <= TARGET_RATIO,
            )
        emit(
            f"{label}, {name}: headline figures agree with SQL",
            0 if wrong else 1,
            "bool",
            "= 1",
            not wrong,
        )


# --- Orchestration ----------------------------------------------------------------------------


def cache_path(scale: float) -> Path:
    return ROOT / "var" / "bench" / f"report-g{GENERATOR_VERSION}-s{scale:g}.sqlite3"


def child_env(database_url: str, var_dir: str, scale: float) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("CONVENE_", "DJANGO_"))}
    env.update(CONVENE_VAR_DIR=var_dir, CONVENE_ENV="local", DATABASE_URL=database_url)
    env["BENCH_REPORT_SCALE"] = f"{scale:g}"
    env["DJANGO_SETTINGS_MODULE"] = "convene.settings"
    return env


def run_child(step: str, scale: float, database_url: str, var_dir: str, *args: str) -> None:
    subprocess.run(
        [sys.executable, __file__, step, *args],
        env=child_env(database_url, var_dir, scale),
        cwd=ROOT,
        check=True,
    )


def setup_django() -> None:
    import django

    django.setup()


def migrate() -> None:
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def analyse() -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def child(step: str, args: list[str]) -> None:
    setup_django()
    from django.db import connection

    if step == "--generate":
        began = time.perf_counter()
        migrate()
        connection.ensure_connection()
        raw = connection.connection
        # Load without a journal and without the indexes, then build each index once.
        raw.execute("PRAGMA journal_mode=OFF")
        raw.execute("PRAGMA synchronous=OFF")
        raw.execute("PRAGMA cache_size=-400000")
        marks = ", ".join("?" * len(TABLES))
        indexes = raw.execute(
            f"SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "  # noqa: S608
            f"AND tbl_name IN ({marks})",
            TABLES,
        ).fetchall()
        for name, _sql in indexes:
            raw.execute(f'DROP INDEX "{name}"')
        sizes = generate(raw)
        for _name, sql in indexes:
            raw.execute(sql)
        raw.commit()
        analyse()
        raw.execute("PRAGMA journal_mode=WAL")
        log(f"generated {json.dumps(sizes)}")
        emit(f"sqlite x{SCALE:g}: generation", time.perf_counter() - began, "s")
    elif step == "--measure-sqlite":
        migrate()
        analyse()
        measure(f"sqlite x{SCALE:g}")
    elif step == "--measure-postgres":
        began = time.perf_counter()
        migrate()
        copy_to_postgres(Path(args[0]))
        emit(
            f"postgresql x{SCALE:g}: load (COPY from the SQLite file)",
            time.perf_counter() - began,
            "s",
        )
        measure(f"postgresql x{SCALE:g}")
    connection.close()


def main() -> None:
    scales = (SCALE,) if os.environ.get("BENCH_REPORT_SCALE") else SCALES
    for scale in scales:
        path = cache_path(scale)
        with tempfile.TemporaryDirectory(prefix="convene-bench-report-") as var_dir:
            if not path.exists():
                path.parent.mkdir(parents=True, exist_ok=True)
                partial = path.with_suffix(f".{os.getpid()}.tmp")
                log(f"generating {path.name} (scale {scale:g}) …")
                run_child("--generate", scale, f"sqlite:///{partial}", var_dir)
                partial.rename(path)
            else:
                log(f"using the cached {path}")
            run_child("--measure-sqlite", scale, f"sqlite:///{path}", var_dir)
            if os.environ.get("BENCH_POSTGRES_URL"):
                postgres = os.environ["BENCH_POSTGRES_URL"]
                run_child("--measure-postgres", scale, postgres, var_dir, str(path))


STEPS = ("--generate", "--measure-sqlite", "--measure-postgres")


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] in STEPS:
        child(sys.argv[1], sys.argv[2:])
    else:
        main()
