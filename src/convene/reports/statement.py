"""The one SQL statement behind the report's people and organisation figures.

``report_figures`` (``selectors.py``) reads the sessions and the topics with the ORM; the rest
(registrants, members, new and returning participants, languages, attendees, organisations by
kind and the members among them, countries, organisations waiting for review, and the top
organisations) comes from this statement. It applies the rules that ``rows.py`` states row by
row (and that ``explain.py`` shows), once per person and then once per organisation instead of
once per row; the tests check that both agree.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Mapping
from contextlib import nullcontext
from dataclasses import dataclass
from typing import Any

from django.db import connection, transaction
from django.db.models import QuerySet

from convene.attendance.models import Role
from convene.programme.models import Session, SessionStatus
from convene.registrations.models import ACTIVE_STATUSES
from convene.reports.definitions import UNSETTLED_STATUSES, RepresentedBy


@dataclass(frozen=True)
class OrganisationCount:
    """An organisation counted in a report: the people who represent it, and whether it was a
    member on the date of at least one of their sessions."""

    pk: int
    name: str
    kind: str
    country: str
    people: int
    member: bool


@dataclass(frozen=True)
class PeopleFigures:
    #: (figure, key) -> its three numbers (0 for none); see ``people_statement``.
    figures: Mapping[tuple[str, str | None], tuple[int, int, int]]
    #: The organisations counted, most people first (as many as were asked for).
    organisations: tuple[OrganisationCount, ...]


def _placeholders(values: tuple[str, ...]) -> str:
    return "(" + ", ".join(["%s"] * len(values)) + ")"


def _in_list(column: str, table: str) -> str:
    """SQL: ``column`` is the id of a row of ``table``, kept out of the planners' reach.

    As a plain condition, PostgreSQL would join the list again for every row of a correlated
    subquery, and SQLite would walk the list as index ranges; wrapped in a ``CASE``,
    PostgreSQL hashes it once (a "hashed SubPlan") and SQLite probes it."""
    return f"(CASE WHEN {column} IN (SELECT id FROM {table}) THEN 1 ELSE 0 END) = 1"  # noqa: S608


def _covers(period: str, session: str) -> tuple[str, list[Any]]:
    """SQL: the membership period ``period`` covers the local date of the session ``session``
    (both ends inclusive; see ``scope.local_day``)."""
    if connection.vendor == "postgresql":
        day = f"({session}.starts_at AT TIME ZONE {session}.timezone)::date"
        return (
            f"{period}.member_from <= {day} AND "
            f"({period}.member_until IS NULL OR {day} <= {period}.member_until)"
        ), []
    # SQLite has no time zones: Django's function converts in Python, slowly. The local date
    # is the UTC date, the day before or the day after, so the UTC date settles every session
    # more than a day away from a membership boundary, and only the others are converted.
    before = f"date({session}.starts_at, '-1 day')"
    after = f"date({session}.starts_at, '+1 day')"
    local = f"django_datetime_cast_date({session}.starts_at, {session}.timezone, %s)"
    return (
        f"(CASE WHEN {before} >= {period}.member_from THEN 1"
        f" WHEN {after} < {period}.member_from THEN 0"
        f" ELSE {local} >= {period}.member_from END) = 1"
        f" AND ({period}.member_until IS NULL OR"
        f" (CASE WHEN {after} <= {period}.member_until THEN 1"
        f" WHEN {before} > {period}.member_until THEN 0"
        f" ELSE {local} <= {period}.member_until END) = 1)"
    ), [connection.timezone_name] * 2


def people_statement(
    *,
    sessions: QuerySet[Session],
    represented_by: RepresentedBy,
    scope_start: dt.datetime | None,
    organisations: int | None = 0,
) -> tuple[str, list[Any]]:
    """The one statement behind the people and organisation figures, with its parameters.

    The same rules as ``registration_rows``, ``audience_rows``, ``with_organisation``,
    ``returning_q`` and ``unsettled_q``, computed once per person and then once per
    organisation instead of once per row:

    - ``registrations_ids`` / ``audience_ids``: the registrants (and the audience's people) of
      the sessions in scope;
    - ``registrations`` (and ``audience`` with the switch): each of those people once, with
      their organisation, country, language, the name typed while waiting for review, whether
      they are a member (a membership period of their organisation, its parent or its
      grandparent covers the date of one of their sessions in scope: ``chain`` lists the
      organisations under a membership, so only their people are looked at) and, for
      registrants, whether they are returning;
    - ``represented_groups``, ``counted`` and ``roots``: the represented people by
      organisation, then the organisation counted (the highest of it, its parent and its
      grandparent), its kind and the country counted, then each organisation counted once,
      with its people and whether it was a member.

    It returns rows of (figure, key, a, b, c, name, country): ``registrants`` (count, members,
    returning), ``language`` (code, count), ``pending`` (count), ``kind`` (kind, organisations,
    members), ``country`` (code, people) and ``attendees`` (people, unmatched keys); then, with
    ``organisations`` (a number, or ``None`` for all of them), ``organisation`` rows (kind, id,
    people, member, name, country), the most people first, then by name.
    """
    materialized = "MATERIALIZED" if _materialized_ok() else ""
    parts: list[str] = []
    params: list[Any] = []

    def add(sql: str, *values: Any) -> None:
        parts.append(sql)
        params.extend(values)

    scope_sql, scope_params = sessions.order_by().values("pk").query.sql_with_params()
    add(f"WITH scope_sessions (id) AS {materialized} ({scope_sql}), ", *scope_params)
    if scope_start is not None:
        add(
            f"earlier_sessions AS {materialized} (SELECT s.id FROM programme_session s "  # noqa: S608
            "WHERE s.status = %s AND s.starts_at < %s), ",
            SessionStatus.PUBLISHED,
            connection.ops.adapt_datetimefield_value(scope_start),
        )
    add(
        f"chain AS {materialized} ("  # noqa: S608
        "SELECT m.organisation_id FROM directory_membership m "
        "UNION SELECT o.id FROM directory_membership m CROSS JOIN directory_organisation o "
        "WHERE o.parent_id = m.organisation_id "
        "UNION SELECT o.id FROM directory_membership m CROSS JOIN directory_organisation p "
        "CROSS JOIN directory_organisation o "
        "WHERE p.parent_id = m.organisation_id AND o.parent_id = p.id), "
    )
    sources: dict[str, tuple[str, str, list[Any]]] = {
        "registrations": (
            "registrations_registration",
            f"x.status IN {_placeholders(ACTIVE_STATUSES)}",
            list(ACTIVE_STATUSES),
        ),
        "audience": (
            "attendance_attendance",
            "x.attended = %s AND x.role = %s AND x.person_id IS NOT NULL",
            [True, Role.ATTENDEE],
        ),
    }
    for source, (table, condition, values) in sources.items():
        add(
            f"{source}_ids AS {materialized} (SELECT x.person_id FROM {table} x "  # noqa: S608
            f"WHERE {condition} AND x.session_id IN (SELECT id FROM scope_sessions) "
            "GROUP BY x.person_id), ",
            *values,
        )
        if source == "audience" and represented_by == "registrants":
            break
        covers, covers_params = _covers("m", "s")
        member = (
            "CASE WHEN p.organisation_id IN "  # noqa: S608
            "(SELECT organisation_id FROM chain) THEN COALESCE(("
            f"SELECT 1 FROM {table} x CROSS JOIN programme_session s "
            f"CROSS JOIN directory_membership m WHERE x.person_id = p.id AND {condition} "
            f"AND {_in_list('x.session_id', 'scope_sessions')} AND s.id = x.session_id "
            "AND m.organisation_id IN (p.organisation_id, "
            "(SELECT u.parent_id FROM directory_organisation u WHERE u.id = p.organisation_id), "
            "(SELECT v.parent_id FROM directory_organisation u CROSS JOIN directory_organisation v "
            f"WHERE u.id = p.organisation_id AND v.id = u.parent_id)) AND {covers} LIMIT 1), 0) "
            "ELSE 0 END"
        )
        returning, returning_params = "0", []
        if source == "registrations" and scope_start is not None:
            # Nobody can be returning when no session came before the scope (the whole
            # network, the first series): then no registration is looked up at all.
            returning = (
                "CASE WHEN EXISTS (SELECT 1 FROM earlier_sessions) THEN "  # noqa: S608
                "COALESCE((SELECT 1 FROM registrations_registration r "
                "WHERE r.person_id = p.id "
                f"AND r.status IN {_placeholders(ACTIVE_STATUSES)} "
                f"AND {_in_list('r.session_id', 'earlier_sessions')} LIMIT 1), 0) ELSE 0 END"
            )
            returning_params = list(ACTIVE_STATUSES)
        add(
            f"{source} AS {materialized} (SELECT p.id, p.organisation_id, p.country, "  # noqa: S608
            "p.preferred_language AS language, CASE WHEN p.resolution_status IN "
            f"{_placeholders(UNSETTLED_STATUSES)} AND p.organisation_text <> '' "
            f"THEN LOWER(p.organisation_text) END AS waiting, {member} AS is_member, "
            f"{returning} AS is_returning FROM {source}_ids i CROSS JOIN directory_person p "
            "WHERE p.id = i.person_id), ",
            *UNSETTLED_STATUSES,
            *values,
            *covers_params,
            *returning_params,
        )
    represented = "registrations" if represented_by == "registrants" else "audience"
    add(
        f"represented_groups AS {materialized} (SELECT organisation_id, country, "  # noqa: S608
        f"COUNT(*) AS people, MAX(is_member) AS is_member FROM {represented} "
        "GROUP BY organisation_id, country), "
        f"counted AS {materialized} (SELECT g.people, g.is_member, "
        "COALESCE(o1.parent_id, o.parent_id, g.organisation_id) AS root, "
        "COALESCE(o2.kind, o1.kind, o.kind) AS kind, "
        "COALESCE(NULLIF(COALESCE(o2.country, o1.country, o.country), ''), "
        "NULLIF(g.country, '')) AS country FROM represented_groups g "
        "LEFT JOIN directory_organisation o ON o.id = g.organisation_id "
        "LEFT JOIN directory_organisation o1 ON o1.id = o.parent_id "
        "LEFT JOIN directory_organisation o2 ON o2.id = o1.parent_id), "
    )
    add(
        f"roots AS {materialized} (SELECT root, kind, SUM(people) AS people, "  # noqa: S608
        "MAX(is_member) AS is_member FROM counted WHERE root IS NOT NULL GROUP BY root, kind) "
    )
    add(
        "SELECT 'registrants', NULL, COUNT(*), SUM(is_member), SUM(is_returning), NULL, NULL "  # noqa: S608
        "FROM registrations "
        "UNION ALL SELECT 'language', language, COUNT(*), NULL, NULL, NULL, NULL "
        "FROM registrations GROUP BY language "
        "UNION ALL SELECT 'pending', NULL, COUNT(DISTINCT waiting), NULL, NULL, NULL, NULL "
        f"FROM {represented} "
        "UNION ALL SELECT 'kind', kind, COUNT(*), SUM(is_member), NULL, NULL, NULL FROM roots "
        "GROUP BY kind "
        "UNION ALL SELECT 'country', country, SUM(people), NULL, NULL, NULL, NULL FROM counted "
        "WHERE country IS NOT NULL GROUP BY country "
        "UNION ALL SELECT 'attendees', NULL, (SELECT COUNT(*) FROM audience_ids), "
        # Written out as in the partial index report_attendance_unmatched (Attendance.Meta),
        # so both databases read the keys from it.
        "(SELECT COUNT(DISTINCT x.key) FROM attendance_attendance x WHERE x.person_id IS NULL "
        f"AND x.attended AND x.role = '{Role.ATTENDEE.value}' "
        "AND x.session_id IN (SELECT id FROM scope_sessions)), NULL, NULL, NULL"
    )
    if organisations != 0:
        # The organisations' names are read for the first ``organisations`` only (and any
        # tied with the last of them), not for every organisation counted.
        first, limit, bounds = "", "", []
        if organisations is not None:
            first = (
                "WHERE r.people >= COALESCE((SELECT people FROM roots ORDER BY people DESC "
                "LIMIT 1 OFFSET %s), 0) "
            )
            limit = " LIMIT %s"
            bounds = [organisations - 1, organisations]
        add(
            " UNION ALL SELECT * FROM (SELECT 'organisation', r.kind, r.root, r.people, "  # noqa: S608
            "r.is_member, o.name, o.country FROM roots r "
            f"JOIN directory_organisation o ON o.id = r.root {first}"
            f"ORDER BY r.people DESC, o.name, r.root{limit}) top_roots "
            # Only the organisations' rows need an order: the most people first.
            "ORDER BY 1, 4 DESC, 6, 3",
            *bounds,
        )
    return "".join(parts), params


def _materialized_ok() -> bool:
    """``AS MATERIALIZED`` is understood (SQLite 3.35 and later, PostgreSQL 12 and later)."""
    return connection.vendor != "sqlite" or sqlite3.sqlite_version_info >= (3, 35)


def people_figures(
    *,
    sessions: QuerySet[Session],
    represented_by: RepresentedBy,
    scope_start: dt.datetime | None,
    organisations: int | None,
) -> PeopleFigures:
    """Run ``people_statement``."""
    sql, params = people_statement(
        sessions=sessions,
        represented_by=represented_by,
        scope_start=scope_start,
        organisations=organisations,
    )
    postgresql = connection.vendor == "postgresql"
    # PostgreSQL would compile this statement (JIT) for longer than it takes to run: switch
    # that off until the end of the transaction (this statement's own, unless one is open).
    with transaction.atomic(savepoint=False) if postgresql else nullcontext():
        with connection.cursor() as cursor:
            if postgresql:
                cursor.execute("SET LOCAL jit = off")
            cursor.execute(sql, params)
            rows = cursor.fetchall()
    figures: dict[tuple[str, str | None], tuple[int, int, int]] = {}
    top: list[OrganisationCount] = []
    for figure, key, a, b, c, name, country in rows:
        if figure == "organisation":
            top.append(
                # PostgreSQL sums to NUMERIC: the numbers come back as Decimal.
                OrganisationCount(
                    pk=int(a),
                    name=name,
                    kind=key,
                    country=country or "",
                    people=int(b),
                    member=bool(c),
                )
            )
        else:
            figures[(figure, key)] = (int(a or 0), int(b or 0), int(c or 0))
    return PeopleFigures(figures=figures, organisations=tuple(top))
