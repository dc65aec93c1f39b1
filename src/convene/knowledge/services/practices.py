"""Writing practices. Every write also rewrites the practice's row of the search index
(``convene.knowledge.search``) in the same transaction, so search never shows a stale text."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from convene.core.access import Access
from convene.core.audit import audit_record
from convene.core.countries import is_country_code
from convene.core.models import User
from convene.core.translated import Translated, content_languages, translations_clean
from convene.core.validators import validate_day, validate_text_field
from convene.directory.models import Organisation, Person
from convene.knowledge import search
from convene.knowledge.models import EvidenceLevel, Practice
from convene.knowledge.models.practices import PRACTICE_TEXTS, PRACTICE_TITLE_MAX_LENGTH
from convene.programme.models import Session, Topic
from convene.sections.models import Section


@dataclasses.dataclass
class PracticeData:
    """Everything a practice holds, as a form, the API or the CLI gives it. Translated values
    are a dict by language, or a plain string for English."""

    title: Translated
    slug: str = ""
    summary: Translated = ""
    problem: Translated = ""
    actions: Translated = ""
    partners: Translated = ""
    results: Translated = ""
    evaluation: Translated = ""
    target_group: Translated = ""
    organisations: Sequence[Organisation] = ()
    country: str = ""
    topics: Sequence[Topic] = ()
    evidence_level: str = EvidenceLevel.NOT_EVALUATED
    started_on: dt.date | None = None
    ended_on: dt.date | None = None
    ongoing: bool = False
    funding: str = ""
    contact: Person | None = None
    sessions: Sequence[Session] = ()
    section: Section | None = None
    access: str = Access.INHERIT
    language: str = "en"


def _clean(data: PracticeData) -> dict[str, Any]:
    """The column values of ``data``, or a ValidationError naming each wrong field."""
    values: dict[str, Any] = {
        "title": translations_clean(
            data.title, field="title", required=True, max_length=PRACTICE_TITLE_MAX_LENGTH
        ),
        "target_group": translations_clean(
            data.target_group, field="target_group", required=False, max_length=200
        ),
    }
    for name in PRACTICE_TEXTS:
        values[name] = translations_clean(getattr(data, name), field=name, required=False)
    errors: dict[str, str] = {}
    if data.country and not is_country_code(data.country):
        errors["country"] = _("%(code)s is not a country code.") % {"code": data.country}
    if data.evidence_level not in EvidenceLevel.values:
        errors["evidence_level"] = _("Unknown evidence level.")
    if data.access not in Access.values:
        errors["access"] = _("Unknown access level.")
    if data.language not in content_languages():
        errors["language"] = _("%(code)s is not one of the content languages.") % {
            "code": data.language
        }
    if len(data.funding) > 300:
        errors["funding"] = _("At most %(max)d characters.") % {"max": 300}
    if data.ongoing and data.ended_on is not None:
        errors["ended_on"] = _("An ongoing practice has no end date.")
    elif data.started_on and data.ended_on and data.ended_on < data.started_on:
        errors["ended_on"] = _("A practice must end after it starts.")
    if errors:
        raise ValidationError(errors)
    validate_day(data.started_on, "started_on")
    validate_day(data.ended_on, "ended_on")
    validate_text_field("funding", data.funding)
    values.update(
        country=data.country,
        evidence_level=data.evidence_level,
        started_on=data.started_on,
        ended_on=data.ended_on,
        ongoing=data.ongoing,
        funding=data.funding.strip(),
        contact=data.contact,
        section=data.section,
        access=data.access,
        language=data.language,
    )
    return values


def _slug(data: PracticeData, title: dict[str, str], *, exclude: int | None = None) -> str:
    taken = Practice.objects.all()
    if exclude is not None:
        taken = taken.exclude(pk=exclude)
    if data.slug:
        if slugify(data.slug) != data.slug:
            raise ValidationError({"slug": _("Use lower-case letters, digits and hyphens only.")})
        if taken.filter(slug=data.slug).exists():
            raise ValidationError({"slug": _("A practice with this slug already exists.")})
        return data.slug
    base = slugify(title["en"])[:100].strip("-") or "practice"
    used = set(taken.filter(slug__startswith=base).values_list("slug", flat=True))
    slug, n = base, 2
    while slug in used:
        slug, n = f"{base}-{n}", n + 1
    return slug


def _set_relations(practice: Practice, data: PracticeData) -> None:
    practice.organisations.set(data.organisations)
    practice.topics.set(data.topics)
    practice.sessions.set(data.sessions)


def _save(practice: Practice, data: PracticeData, values: dict[str, Any]) -> Practice:
    creating = practice.pk is None
    try:
        with transaction.atomic():
            for name, value in values.items():
                setattr(practice, name, value)
            if creating:
                practice.save()
            else:
                practice.save(update_fields=[*values, "updated_at"])
    except IntegrityError as exc:
        raise ValidationError({"slug": _("A practice with this slug already exists.")}) from exc
    _set_relations(practice, data)
    search.index_practices([practice])
    return practice


@transaction.atomic
def practice_create(*, actor: User | None, data: PracticeData) -> Practice:
    values = _clean(data)
    values["slug"] = _slug(data, values["title"])
    practice = _save(Practice(), data, values)
    audit_record(actor=actor, code="knowledge.practice.created", obj=practice)
    return practice


@transaction.atomic
def practice_update(*, actor: User | None, practice: Practice, data: PracticeData) -> Practice:
    values = _clean(data)
    # Without a new slug, the address stays as it is.
    values["slug"] = (
        _slug(data, values["title"], exclude=practice.pk) if data.slug else practice.slug
    )
    _save(practice, data, values)
    audit_record(actor=actor, code="knowledge.practice.updated", obj=practice)
    return practice


@transaction.atomic
def practice_delete(*, actor: User | None, practice: Practice) -> None:
    audit_record(actor=actor, code="knowledge.practice.deleted", obj=practice)
    search.unindex_practices([practice.pk])
    practice.delete()


@transaction.atomic
def practices_reindex(*, practices: Iterable[Practice] | None = None) -> int:
    """Rewrite the search index of ``practices`` (all by default): after an organisation was
    renamed, as the index holds the names of the organisations involved."""
    queryset = Practice.objects.prefetch_related("organisations")
    rows = list(
        queryset if practices is None else queryset.filter(pk__in=[p.pk for p in practices])
    )
    search.index_practices(rows)
    return len(rows)
