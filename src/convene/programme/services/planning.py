"""Programme planning from the staff pages: change a series, publish and unpublish, duplicate,
set a session's topics and speakers. Cancelling a session mails its registrants, so the staff
pages cancel through ``convene.registrations.services.session_cancel_notify``."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from convene.core.audit import audit_record
from convene.core.models import User
from convene.core.translated import translations, translations_clean
from convene.directory.models import Person
from convene.programme.models import AudiencePolicy, Series, Session, SessionStatus, Speaker, Topic
from convene.programme.services.base import (
    _check_languages,
    _check_slug,
    _check_title,
    _check_zone,
    session_update,
)

_SERIES_CHANGEABLE = {
    "title",
    "description",
    "audience_policy",
    "timezone",
    "languages",
    "registration_opens_at",
    "registration_closes_at",
    "members_first_release_days",
    "section",
}


@transaction.atomic
def series_update(*, actor: User | None, series: Series, **changes: object) -> Series:
    """Change a series' own fields (its sessions keep their own times and zones)."""
    unknown = set(changes) - _SERIES_CHANGEABLE
    if unknown:
        raise ValidationError(
            _("Unknown fields: %(fields)s") % {"fields": ", ".join(sorted(unknown))}
        )
    if "title" in changes:
        changes["title"] = _check_title(changes["title"])
    if "description" in changes:
        changes["description"] = translations_clean(
            changes["description"],
            field="description",
            required=False,
        )
    if "audience_policy" in changes and changes["audience_policy"] not in AudiencePolicy.values:
        raise ValidationError({"audience_policy": _("Unknown audience policy.")})
    if "timezone" in changes:
        _check_zone(str(changes["timezone"]))
    if "languages" in changes:
        changes["languages"] = _check_languages(changes["languages"])  # type: ignore[arg-type]
    series = Series.objects.select_for_update().get(pk=series.pk)
    changed = [name for name, value in changes.items() if getattr(series, name) != value]
    for name in changed:
        setattr(series, name, changes[name])
    opens, closes = series.registration_opens_at, series.registration_closes_at
    if opens is not None and closes is not None and closes <= opens:
        raise ValidationError(
            {"registration_closes_at": _("Registration must close after it opens.")}
        )
    if changed:
        series.save(update_fields=changed)
        audit_record(
            actor=actor, code="programme.series.updated", obj=series, details={"fields": changed}
        )
    return series


def _sessions_in(series: Series, status: str) -> list[Session]:
    return list(Session.objects.filter(series=series, status=status).order_by("starts_at", "pk"))


@transaction.atomic
def series_publish(*, actor: User | None, series: Series) -> int:
    """Publish every draft session of ``series``; the number published."""
    drafts = _sessions_in(series, SessionStatus.DRAFT)
    for session in drafts:
        session_update(actor=actor, session=session, status=SessionStatus.PUBLISHED)
    audit_record(
        actor=actor, code="programme.series.published", obj=series, details={"n": len(drafts)}
    )
    return len(drafts)


@transaction.atomic
def series_unpublish(*, actor: User | None, series: Series) -> int:
    """Take every published session of ``series`` back to draft (off the public programme)."""
    published = _sessions_in(series, SessionStatus.PUBLISHED)
    for session in published:
        session_update(actor=actor, session=session, status=SessionStatus.DRAFT)
    audit_record(
        actor=actor,
        code="programme.series.unpublished",
        obj=series,
        details={"n": len(published)},
    )
    return len(published)


def session_publish(*, actor: User | None, session: Session) -> Session:
    if session.status == SessionStatus.CANCELLED:
        raise ValidationError(_("A cancelled session cannot be published again."))
    return session_update(actor=actor, session=session, status=SessionStatus.PUBLISHED)


def session_unpublish(*, actor: User | None, session: Session) -> Session:
    if session.status == SessionStatus.CANCELLED:
        raise ValidationError(_("A cancelled session stays cancelled."))
    return session_update(actor=actor, session=session, status=SessionStatus.DRAFT)


def _free_slug(base: str, taken: set[str]) -> str:
    base = base[:90].strip("-") or "session"
    slug, n = base, 2
    while slug in taken:
        slug = f"{base}-{n}"
        n += 1
    taken.add(slug)
    return slug


def _copy_session(
    *, source: Session, series: Series, slug: str, shift: dt.timedelta, actor: User | None
) -> Session:
    copy = Session.objects.create(
        series=series,
        slug=slug,
        title=translations(source.title),
        abstract=translations(source.abstract),
        starts_at=source.starts_at + shift,
        ends_at=source.ends_at + shift,
        timezone=source.timezone,
        languages=list(source.languages),
        interpretation=list(source.interpretation),
        capacity=source.capacity,
        video_platform=source.video_platform,
        audience_policy=source.audience_policy,
        status=SessionStatus.DRAFT,
    )
    copy.topics.set(source.topics.all())
    Speaker.objects.bulk_create(
        Speaker(
            session=copy,
            person_id=speaker.person_id,
            role=speaker.role,
            affiliation=speaker.affiliation,
            order=speaker.order,
        )
        for speaker in source.speakers.all()
    )
    audit_record(
        actor=actor, code="programme.session.created", obj=copy, details={"from": source.pk}
    )
    return copy


@transaction.atomic
def session_duplicate(
    *, actor: User | None, session: Session, days: int = 7, slug: str = ""
) -> Session:
    """A draft copy of ``session`` in the same series, ``days`` later, with its topics and
    speakers but without its join link (each session gets its own meeting)."""
    taken = set(Session.objects.values_list("slug", flat=True))
    if slug:
        _check_slug(slug)
        if slug in taken:
            raise ValidationError({"slug": _("A session with this slug already exists.")})
    else:
        slug = _free_slug(session.slug, taken)
    return _copy_session(
        source=session, series=session.series, slug=slug, shift=dt.timedelta(days=days), actor=actor
    )


@transaction.atomic
def series_duplicate(*, actor: User | None, series: Series, slug: str, days: int = 0) -> Series:
    """A new series like ``series`` under ``slug``, its sessions copied as drafts ``days``
    later (slugs made unique), ready to be edited and published."""
    _check_slug(slug)
    if Series.objects.filter(slug=slug).exists():
        raise ValidationError({"slug": _("A series with this slug already exists.")})
    copy = Series.objects.create(
        slug=slug,
        title=translations(series.title),
        description=translations(series.description),
        section=series.section,
        languages=list(series.languages),
        timezone=series.timezone,
        audience_policy=series.audience_policy,
        members_first_release_days=series.members_first_release_days,
        attendance_min_minutes=series.attendance_min_minutes,
        attendance_min_percent=series.attendance_min_percent,
    )
    audit_record(
        actor=actor, code="programme.series.created", obj=copy, details={"from": series.pk}
    )
    taken = set(Session.objects.values_list("slug", flat=True))
    shift = dt.timedelta(days=days)
    for source in Session.objects.filter(series=series).prefetch_related("topics", "speakers"):
        _copy_session(
            source=source,
            series=copy,
            slug=_free_slug(f"{source.slug}-{slug}", taken),
            shift=shift,
            actor=actor,
        )
    return copy


@dataclass(frozen=True)
class SpeakerLine:
    person: Person
    role: str = ""
    affiliation: str = ""


@transaction.atomic
def session_topics_speakers_set(
    *,
    actor: User | None,
    session: Session,
    topics: Sequence[Topic],
    speakers: Sequence[SpeakerLine],
) -> None:
    """Replace a session's topics and speakers (in the given order). A person speaks once."""
    seen: set[int] = set()
    for line in speakers:
        if line.person.pk in seen:
            raise ValidationError(
                {"speakers": _("%(name)s is listed twice.") % {"name": line.person.name}}
            )
        seen.add(line.person.pk)
    before_topics = set(session.topics.values_list("pk", flat=True))
    before_speakers = list(
        session.speakers.order_by("order", "pk").values_list("person_id", "role", "affiliation")
    )
    after_speakers = [(s.person.pk, s.role.strip(), s.affiliation.strip()) for s in speakers]
    changed = []
    if before_topics != {t.pk for t in topics}:
        session.topics.set(topics)
        changed.append("topics")
    if before_speakers != after_speakers:
        session.speakers.all().delete()
        Speaker.objects.bulk_create(
            Speaker(session=session, person_id=pk, role=role, affiliation=affiliation, order=i)
            for i, (pk, role, affiliation) in enumerate(after_speakers)
        )
        changed.append("speakers")
    if changed:
        audit_record(
            actor=actor,
            code="programme.session.updated",
            obj=session,
            details={"fields": changed},
        )
