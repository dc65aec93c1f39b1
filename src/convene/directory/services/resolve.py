"""Applying the resolution engine's answers to people: at registration, again for people
pending, and when staff settle the review queue (the decision is learnt as an alias and a
domain). The engine itself is ``convene.directory.resolution``."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from convene.core.audit import audit_entry, audit_record_many
from convene.core.models import User
from convene.directory.models import (
    Organisation,
    OrganisationAlias,
    OrganisationDomain,
    Person,
    ResolutionStatus,
)
from convene.directory.resolution import directory_changed, forget_engine, resolve_text
from convene.resolution import types as engine_types
from convene.resolution.domains import domain_of, inspect_domain
from convene.resolution.translit import romanise


def _add_alias(organisation: Organisation, name: str) -> bool:
    """Add ``name`` as an alias unless it is the name or an alias already (any case)."""
    name = " ".join(name.split())[:300]
    if not name or name.casefold() == organisation.name.casefold():
        return False
    _alias, created = OrganisationAlias.objects.get_or_create(
        organisation=organisation, name__iexact=name, defaults={"name": name}
    )
    return created


def _new_organisation(result: engine_types.Resolution, text: str) -> Organisation:
    """The organisation the directory lacked, under the engine's readable name ("Comune di
    Torino" for "Polizia Municipale di Torino"): one per cluster key, so "Stadt Köln" and
    "City of Cologne" typed by two people become one organisation. What each registrant
    typed is kept as an alias, so the next one who types it is matched; a name in Greek or
    Cyrillic gets its official Latin spelling as an alias too."""
    cluster = result.cluster or ""
    existing = Organisation.objects.filter(resolution_cluster=cluster).first() if cluster else None
    if existing is not None:
        if _add_alias(existing, text):
            directory_changed()
        return existing
    name = " ".join((result.name or text).split())[:300]
    organisation, created = Organisation.objects.get_or_create(
        name__iexact=name,
        country=result.country or "",
        defaults={
            "name": name,
            "kind": result.kind or "other",
            "resolution_cluster": cluster,
        },
    )
    changed = _add_alias(organisation, text)
    latin = romanise(name)
    if latin != name:
        changed = _add_alias(organisation, latin) or changed
    if created or changed:
        directory_changed()
    return organisation


def resolution_apply(
    person: Person, result: engine_types.Resolution | None = None
) -> engine_types.Resolution:
    """Resolve the person's typed organisation and set the fields, without saving.

    ``result`` is the engine's answer when the caller computed it already (outside its write
    transaction, to keep that short).

    ``matched`` links the directory organisation; ``new`` links (or creates) the organisation
    for its cluster when the country is known, else it waits for review; ``review`` waits for
    staff; ``none`` links nothing.
    """
    if result is None:
        result = resolve_text(
            text=person.organisation_text, email=person.email, country=person.country
        )
    status = result.status
    organisation: Organisation | None = None
    if status == "matched" and result.org_id is not None:
        # The engine is rebuilt whenever an organisation is deleted or merged, so its ids exist;
        # set the key without loading the row (hot path of every registration).
        person.organisation_id = int(result.org_id)
        person.resolution_status = status
        person.resolution_confidence = result.confidence
        person.resolution_explanation = result.explanation[:500]
        return result
    if status == "new":
        if person.organisation_text.strip() and not engine_types.held_for_review(result):
            organisation = _new_organisation(result, person.organisation_text)
        else:
            status = "review"
    person.organisation = organisation
    person.resolution_status = status
    person.resolution_confidence = result.confidence
    person.resolution_explanation = result.explanation[:500]
    return result


def person_resolve(*, person: Person, actor: User | None = None) -> Person:
    """Resolve a stored person again and save the answer, with an audit entry."""
    result = resolution_apply(person)
    person.save(
        update_fields=[
            "organisation",
            "resolution_status",
            "resolution_confidence",
            "resolution_explanation",
            "updated_at",
        ]
    )
    audit_record_many(
        [
            audit_entry(
                actor=actor,
                code="directory.person.resolved",
                obj=person,
                details={
                    "status": person.resolution_status,
                    "organisation": person.organisation_id,
                    "confidence": result.confidence,
                    "explanation": result.explanation,
                },
            )
        ]
    )
    return person


def learnable_domain(email: str) -> str:
    """The email's domain when it can teach the directory something (not webmail)."""
    domain = domain_of(email)
    if not domain or inspect_domain(domain).webmail:
        return ""
    return domain


def review_decide(
    *,
    actor: User,
    person: Person,
    organisation: Organisation | None,
) -> int:
    """Staff settle a review: ``organisation`` (existing or just created) or None for "no
    organisation". The decision applies to everyone waiting with the same text, and is learnt:
    the text becomes an alias and the email domain (if not webmail, not taken) a domain of the
    organisation, so the same text never needs review again. Returns the people settled."""
    text = " ".join(person.organisation_text.split())
    with transaction.atomic():
        same = Person.objects.select_for_update().filter(
            resolution_status__in=[ResolutionStatus.REVIEW, ResolutionStatus.PENDING],
            organisation_text__iexact=person.organisation_text,
        )
        people = list(same) or [person]
        if person.pk not in {p.pk for p in people}:
            people.append(person)
        learnt: dict[str, object] = {}
        if organisation is not None:
            if text and text.casefold() != organisation.name.casefold():
                _alias, created = OrganisationAlias.objects.get_or_create(
                    organisation=organisation, name__iexact=text, defaults={"name": text}
                )
                if created:
                    learnt["alias"] = text
            domains = {learnable_domain(p.email) for p in people} - {""}
            owned = set(
                OrganisationDomain.objects.filter(domain__in=domains).values_list(
                    "domain", flat=True
                )
            )
            new_domains = sorted(domains - owned)
            OrganisationDomain.objects.bulk_create(
                OrganisationDomain(organisation=organisation, domain=d) for d in new_domains
            )
            if new_domains:
                learnt["domains"] = new_domains
        status = ResolutionStatus.STAFF if organisation is not None else ResolutionStatus.NONE
        Person.objects.filter(pk__in=[p.pk for p in people]).update(
            organisation=organisation,
            resolution_status=status,
            resolution_confidence=1.0,
            resolution_explanation=f"staff: {actor.email}",
            updated_at=timezone.now(),
        )
        audit_record_many(
            [
                audit_entry(
                    actor=actor,
                    code="directory.review.decided",
                    obj=organisation or person,
                    details={
                        "text": text,
                        "people": [p.pk for p in people],
                        "organisation": organisation.pk if organisation else None,
                        **learnt,
                    },
                )
            ]
        )
        directory_changed()
    return len(people)


def people_resolve_pending(*, actor: User | None = None) -> dict[str, int]:
    """Re-run resolution for everyone pending or in review (after the directory changed)."""
    forget_engine()
    counts: dict[str, int] = {}
    ids = list(
        Person.objects.filter(
            resolution_status__in=[ResolutionStatus.PENDING, ResolutionStatus.REVIEW]
        ).values_list("pk", flat=True)
    )
    for pk in ids:
        with transaction.atomic():
            person = Person.objects.select_for_update().filter(pk=pk).first()
            if person is None or person.resolution_status not in (
                ResolutionStatus.PENDING,
                ResolutionStatus.REVIEW,
            ):
                continue
            person_resolve(person=person, actor=actor)
            counts[person.resolution_status] = counts.get(person.resolution_status, 0) + 1
    return counts
