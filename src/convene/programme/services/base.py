"""Programme writes: series and sessions. Changing a session bumps its calendar SEQUENCE."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from collections.abc import Iterable, Sequence

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from convene.core.access import Access
from convene.core.audit import audit_record
from convene.core.models import User
from convene.core.translated import Translated, translations_clean
from convene.core.validators import validate_day
from convene.directory.models import Person
from convene.programme.models import (
    TITLE_MAX_LENGTH,
    AudiencePolicy,
    Series,
    Session,
    SessionStatus,
    Speaker,
    Topic,
    VideoPlatform,
)
from convene.sections.models import Section

_ZONES: set[str] | None = None


def _check_zone(value: str, field: str = "timezone") -> str:
    global _ZONES
    if _ZONES is None:
        _ZONES = zoneinfo.available_timezones()
    if value not in _ZONES:
        raise ValidationError({field: _("%(zone)s is not a time zone.") % {"zone": value}})
    return value


def _check_slug(value: str) -> str:
    if not value or slugify(value) != value:
        raise ValidationError({"slug": _("Use lower-case letters, digits and hyphens only.")})
    return value


def _check_languages(codes: Iterable[str], field: str = "languages") -> list[str]:
    import pycountry

    clean = []
    for code in codes:
        code = code.strip().lower()
        if pycountry.languages.get(alpha_2=code) is None:
            raise ValidationError({field: _("%(code)s is not a language code.") % {"code": code}})
        if code not in clean:
            clean.append(code)
    return clean


@transaction.atomic
def series_create(
    *,
    actor: User | None,
    slug: str,
    title: Translated,
    description: Translated = "",
    audience_policy: str = AudiencePolicy.OPEN,
    timezone: str = "Europe/Brussels",
    languages: Sequence[str] = (),
    registration_opens_at: dt.datetime | None = None,
    registration_closes_at: dt.datetime | None = None,
    section: Section | None = None,
) -> Series:
    _check_slug(slug)
    titles = _check_title(title)
    descriptions = translations_clean(description, field="description", required=False)
    if audience_policy not in AudiencePolicy.values:
        raise ValidationError({"audience_policy": _("Unknown audience policy.")})
    _check_zone(timezone)
    validate_day(registration_opens_at, "registration_opens_at")
    validate_day(registration_closes_at, "registration_closes_at")
    if Series.objects.filter(slug=slug).exists():
        raise ValidationError({"slug": _("A series with this slug already exists.")})
    try:
        with transaction.atomic():
            series = Series.objects.create(
                slug=slug,
                title=titles,
                description=descriptions,
                audience_policy=audience_policy,
                timezone=timezone,
                languages=_check_languages(languages),
                registration_opens_at=registration_opens_at,
                registration_closes_at=registration_closes_at,
                section=section,
            )
    except IntegrityError as exc:
        raise ValidationError({"slug": _("A series with this slug already exists.")}) from exc
    audit_record(actor=actor, code="programme.series.created", obj=series)
    return series


@transaction.atomic
def series_section_set(*, actor: User | None, series: Series, section: Section | None) -> Series:
    """Put a series (and so its sessions, which inherit its section's access) in a section."""
    series.section = section
    series.save(update_fields=["section"])
    audit_record(
        actor=actor,
        code="programme.series.sectioned",
        obj=series,
        details={"section_id": section.pk if section else None},
    )
    return series


def _check_title(value: Translated) -> dict[str, str]:
    """A title in the content languages, English required (a plain string is English)."""
    return translations_clean(value, field="title", required=True, max_length=TITLE_MAX_LENGTH)


def _check_times(starts_at: dt.datetime, ends_at: dt.datetime) -> None:
    if starts_at.tzinfo is None or ends_at.tzinfo is None:
        raise ValidationError({"starts_at": _("Give times with their UTC offset.")})
    validate_day(starts_at, "starts_at")
    validate_day(ends_at, "ends_at")
    if ends_at <= starts_at:
        raise ValidationError({"ends_at": _("A session must end after it starts.")})


@transaction.atomic
def session_create(
    *,
    actor: User | None,
    series: Series,
    slug: str,
    title: Translated,
    starts_at: dt.datetime,
    ends_at: dt.datetime,
    timezone: str | None = None,
    capacity: int | None = None,
    status: str = SessionStatus.DRAFT,
    abstract: Translated = "",
    languages: Sequence[str] = (),
    interpretation: Sequence[str] = (),
    topics: Sequence[Topic] = (),
    video_platform: str = "",
    join_url: str = "",
    audience_policy: str = "",
    access: str = Access.INHERIT,
) -> Session:
    _check_slug(slug)
    titles = _check_title(title)
    abstracts = translations_clean(abstract, field="abstract", required=False)
    _check_times(starts_at, ends_at)
    zone = _check_zone(timezone or series.timezone)
    if capacity is not None and capacity < 0:
        raise ValidationError({"capacity": _("Capacity cannot be negative.")})
    if status not in (SessionStatus.DRAFT, SessionStatus.PUBLISHED):
        raise ValidationError({"status": _("A new session is a draft or published.")})
    if video_platform and video_platform not in VideoPlatform.values:
        raise ValidationError({"video_platform": _("Unknown video platform.")})
    if audience_policy and audience_policy not in AudiencePolicy.values:
        raise ValidationError({"audience_policy": _("Unknown audience policy.")})
    if Session.objects.filter(slug=slug).exists():
        raise ValidationError({"slug": _("A session with this slug already exists.")})
    session = Session(
        series=series,
        slug=slug,
        title=titles,
        starts_at=starts_at,
        ends_at=ends_at,
        timezone=zone,
        capacity=capacity,
        status=status,
        abstract=abstracts,
        languages=_check_languages(languages or series.languages),
        interpretation=_check_languages(interpretation, "interpretation"),
        video_platform=video_platform,
        join_url=join_url,
        audience_policy=audience_policy,
        access=access,
    )
    session.full_clean(exclude=["series", "topics"])
    try:
        with transaction.atomic():
            session.save()
    except IntegrityError as exc:
        raise ValidationError({"slug": _("A session with this slug already exists.")}) from exc
    session.topics.set(topics)
    audit_record(actor=actor, code="programme.session.created", obj=session)
    return session


_CHANGEABLE = {
    "title",
    "abstract",
    "starts_at",
    "ends_at",
    "timezone",
    "capacity",
    "status",
    "languages",
    "interpretation",
    "video_platform",
    "join_url",
    "audience_policy",
    "members_first_release_at",
    "access",
}


#: Changes that registrants' calendars must hear about (registrations mails them: see
#: ``convene.registrations.services.sessions``).
CALENDAR_FIELDS = {"title", "starts_at", "ends_at", "timezone", "status", "join_url"}


@transaction.atomic
def session_update(*, actor: User | None, session: Session, **changes: object) -> Session:
    """Change a session; any change bumps SEQUENCE so calendars update. Staff paths call
    ``registrations.services.session_update_notify``, which also mails the registrants."""
    unknown = set(changes) - _CHANGEABLE
    if unknown:
        raise ValidationError(
            _("Unknown fields: %(fields)s") % {"fields": ", ".join(sorted(unknown))}
        )
    if "title" in changes:
        changes["title"] = _check_title(changes["title"])
    if "abstract" in changes:
        changes["abstract"] = translations_clean(
            changes["abstract"],
            field="abstract",
            required=False,
        )
    session = Session.objects.select_for_update().get(pk=session.pk)
    changed = [f for f, v in changes.items() if getattr(session, f) != v]
    for field in changed:
        setattr(session, field, changes[field])
    _check_times(session.starts_at, session.ends_at)
    _check_zone(session.timezone)
    if not changed:
        return session
    session.sequence += 1
    session.full_clean(exclude=["series", "topics"])
    session.save(update_fields=[*changed, "sequence"])
    audit_record(
        actor=actor, code="programme.session.updated", obj=session, details={"fields": changed}
    )
    return session


def session_cancel(*, actor: User | None, session: Session) -> Session:
    return session_update(actor=actor, session=session, status=SessionStatus.CANCELLED)


@transaction.atomic
def speaker_add(
    *, actor: User | None, session: Session, person: Person, role: str = "", affiliation: str = ""
) -> Speaker:
    speaker, _created = Speaker.objects.update_or_create(
        session=session, person=person, defaults={"role": role, "affiliation": affiliation}
    )
    audit_record(
        actor=actor, code="programme.speaker.added", obj=session, details={"person": person.pk}
    )
    return speaker
