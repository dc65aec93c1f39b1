"""What a report covers (a series, a section, a period or the whole network) and the
sessions that are in it."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from dataclasses import dataclass
from functools import cached_property

from django.core.exceptions import ValidationError
from django.db.models import Case, DateField, Q, QuerySet, When
from django.db.models.functions import TruncDate
from django.db.models.lookups import GreaterThanOrEqual, LessThanOrEqual
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from convene.core.errors import FieldNotFound
from convene.programme.models import Series, Session, SessionStatus
from convene.sections.models import Section


@dataclass(frozen=True)
class Scope:
    """What a report covers: one series, one section (with its subsections), a period of
    session dates (either end may be open), or, with nothing set, the whole network."""

    series: Series | None = None
    section: Section | None = None
    start: dt.date | None = None
    end: dt.date | None = None

    def __post_init__(self) -> None:
        chosen = [self.series is not None, self.section is not None, self.is_period]
        if sum(chosen) > 1:
            raise ValidationError(
                {"scope": _("Choose one of a series, a section or a period, not several.")}
            )
        if self.start and self.end and self.start > self.end:
            raise ValidationError({"until": _("The period ends before it starts.")})

    @cached_property
    def section_ids(self) -> list[int]:
        """The section and all its descendants (read once, on first use)."""
        return _section_ids(self.section) if self.section is not None else []

    @property
    def is_period(self) -> bool:
        return self.start is not None or self.end is not None

    @property
    def kind(self) -> str:
        if self.series is not None:
            return "series"
        if self.section is not None:
            return "section"
        return "period" if self.is_period else "network"

    def describe(self) -> str:
        if self.series is not None:
            return _("Series “%(title)s”") % {"title": self.series.title}
        if self.section is not None:
            return _("Section “%(name)s” and its subsections") % {"name": str(self.section.name)}
        start = date_format(self.start) if self.start else ""
        end = date_format(self.end) if self.end else ""
        if self.start and self.end:
            return _("Sessions from %(start)s to %(end)s") % {"start": start, "end": end}
        if self.start:
            return _("Sessions from %(start)s") % {"start": start}
        if self.end:
            return _("Sessions until %(end)s") % {"end": end}
        return _("The whole network")


def scope_get(
    *,
    series: str = "",
    section: str = "",
    start: dt.date | None = None,
    end: dt.date | None = None,
) -> Scope:
    """The scope named by request or command parameters (slugs and dates).

    Raises ``FieldNotFound`` for an unknown slug and ``ValidationError`` for a bad combination.
    """
    if sum([bool(series), bool(section), start is not None or end is not None]) > 1:
        raise ValidationError(
            {"scope": _("Choose one of a series, a section or a period, not several.")}
        )
    if series:
        found = Series.objects.filter(slug=series).first()
        if found is None:
            raise FieldNotFound("series", _("No series %(slug)s.") % {"slug": series})
        return Scope(series=found)
    if section:
        found_section = Section.objects.filter(slug=section).first()
        if found_section is None:
            raise FieldNotFound("section", _("No section %(slug)s.") % {"slug": section})
        return Scope(section=found_section)
    return Scope(start=start, end=end)


def session_zones() -> list[str]:
    """The time zones sessions are held in (one query, a handful of rows)."""
    return sorted(Session.objects.order_by().values_list("timezone", flat=True).distinct())


def local_day(zones: list[str], prefix: str = "") -> Case:
    """SQL for the session's date in its own time zone (``prefix`` leads to the session).

    One ``WHEN`` per time zone in use: portable to SQLite and PostgreSQL, exact at midnight.
    """
    whens = [
        When(
            **{f"{prefix}timezone": zone},
            then=TruncDate(f"{prefix}starts_at", tzinfo=zoneinfo.ZoneInfo(zone)),
        )
        for zone in zones
    ]
    return Case(*whens, default=None, output_field=DateField())


def _section_ids(section: Section) -> list[int]:
    """The section and all its descendants (one query over the section tree, which is small)."""
    children: dict[int | None, list[int]] = {}
    for pk, parent_id in Section.objects.order_by().values_list("pk", "parent_id"):
        children.setdefault(parent_id, []).append(pk)
    ids: list[int] = []
    stack = [section.pk]
    while stack:
        pk = stack.pop()
        if pk in ids:
            continue
        ids.append(pk)
        stack.extend(children.get(pk, []))
    return ids


def in_scope(scope: Scope, zones: list[str], prefix: str = "") -> Q:
    """Published sessions in the scope (drafts and cancelled sessions never count); ``prefix``
    leads to the session (``"session__"`` from a registration or an attendance row)."""
    condition = Q(**{f"{prefix}status": SessionStatus.PUBLISHED})
    if scope.series is not None:
        return condition & Q(**{f"{prefix}series": scope.series})
    if scope.section is not None:
        return condition & Q(**{f"{prefix}series__section_id__in": scope.section_ids})
    if scope.start is not None:
        condition &= Q(GreaterThanOrEqual(local_day(zones, prefix), scope.start))
    if scope.end is not None:
        condition &= Q(LessThanOrEqual(local_day(zones, prefix), scope.end))
    return condition


def scope_sessions(scope: Scope, zones: list[str]) -> QuerySet[Session]:
    """The sessions in the scope (``in_scope``)."""
    return Session.objects.filter(in_scope(scope, zones))
