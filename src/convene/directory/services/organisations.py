"""Writes to the directory. Views, the API, the admin and the CLI all come through here."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from convene.core.audit import audit_record
from convene.core.countries import is_country_code
from convene.core.models import User
from convene.core.validators import validate_day
from convene.directory.models import (
    Membership,
    Organisation,
    OrganisationAlias,
    OrganisationDomain,
    OrganisationKind,
    Person,
    ResolutionStatus,
)
from convene.directory.resolution import directory_changed
from convene.directory.selectors import person_email_is
from convene.directory.services.resolve import resolution_apply, review_decide
from convene.directory.signals import organisation_merging

_DOMAIN_RE = re.compile(r"^(?=.{1,253}$)(?!-)[a-z0-9-]{1,63}(?<!-)(\.(?!-)[a-z0-9-]{1,63}(?<!-))+$")


@dataclass(frozen=True)
class MembershipPeriod:
    member_from: dt.date
    member_until: dt.date | None = None
    note: str = ""


def _clean_domain(value: str) -> str:
    domain = value.strip().lower().lstrip("@")
    try:
        domain = domain.encode("idna").decode("ascii")
    except UnicodeError as exc:
        raise ValidationError(
            {"domains": _("%(domain)s is not a domain name.") % {"domain": value}}
        ) from exc
    if not _DOMAIN_RE.match(domain):
        raise ValidationError(
            {"domains": _("%(domain)s is not a domain name.") % {"domain": value}}
        )
    return domain


def _clean_organisation(
    *, name: str, kind: str, country: str, aliases: Iterable[str], domains: Iterable[str]
) -> tuple[str, str, list[str], list[str]]:
    errors: dict[str, str] = {}
    name = " ".join(name.split())
    if not name:
        errors["name"] = _("Give the organisation's name.")
    if kind not in OrganisationKind.values:
        errors["kind"] = _("Unknown kind %(kind)s; use one of %(kinds)s.") % {
            "kind": kind,
            "kinds": ", ".join(OrganisationKind.values),
        }
    country = country.strip().upper()
    if not is_country_code(country):
        errors["country"] = _("%(country)s is not an ISO 3166-1 alpha-2 country code.") % {
            "country": country
        }
    if errors:
        raise ValidationError(errors)
    clean_aliases: list[str] = []
    for alias in aliases:
        alias = " ".join(alias.split())
        if (
            alias
            and alias.casefold() != name.casefold()
            and alias.casefold() not in {a.casefold() for a in clean_aliases}
        ):
            clean_aliases.append(alias)
    clean_domains = sorted({_clean_domain(d) for d in domains if d.strip()})
    return name, country, clean_aliases, clean_domains


def _check_periods(periods: Sequence[MembershipPeriod]) -> None:
    ordered = sorted(periods, key=lambda p: p.member_from)
    for period in ordered:
        validate_day(period.member_from, "memberships")
        validate_day(period.member_until, "memberships")
        if period.member_until is not None and period.member_until < period.member_from:
            raise ValidationError({"memberships": _("A membership cannot end before it starts.")})
    for earlier, later in zip(ordered, ordered[1:], strict=False):
        if earlier.member_until is None or earlier.member_until >= later.member_from:
            raise ValidationError({"memberships": _("Membership periods must not overlap.")})


def _check_domains_free(domains: Sequence[str], organisation: Organisation | None) -> None:
    taken = OrganisationDomain.objects.filter(domain__in=domains)
    if organisation is not None:
        taken = taken.exclude(organisation=organisation)
    clash = taken.select_related("organisation").first()
    if clash is not None:
        raise ValidationError(
            {
                "domains": _("%(domain)s already belongs to %(organisation)s.")
                % {"domain": clash.domain, "organisation": clash.organisation.name}
            }
        )


@transaction.atomic
def organisation_create(
    *,
    actor: User | None,
    name: str,
    kind: str,
    country: str,
    aliases: Iterable[str] = (),
    domains: Iterable[str] = (),
    memberships: Sequence[MembershipPeriod] = (),
    parent: Organisation | None = None,
    geonames_id: int | None = None,
) -> Organisation:
    name, country, clean_aliases, clean_domains = _clean_organisation(
        name=name, kind=kind, country=country, aliases=aliases, domains=domains
    )
    _check_periods(memberships)
    _check_domains_free(clean_domains, None)
    if Organisation.objects.filter(name__iexact=name, country=country).exists():
        raise ValidationError(
            {"name": _("An organisation with this name already exists in this country.")}
        )
    try:
        with transaction.atomic():
            organisation = Organisation.objects.create(
                name=name, kind=kind, country=country, parent=parent, geonames_id=geonames_id
            )
    except IntegrityError as exc:  # a concurrent create of the same name won the race
        raise ValidationError(
            {"name": _("An organisation with this name already exists in this country.")}
        ) from exc
    OrganisationAlias.objects.bulk_create(
        OrganisationAlias(organisation=organisation, name=alias) for alias in clean_aliases
    )
    OrganisationDomain.objects.bulk_create(
        OrganisationDomain(organisation=organisation, domain=domain) for domain in clean_domains
    )
    Membership.objects.bulk_create(
        Membership(
            organisation=organisation,
            member_from=p.member_from,
            member_until=p.member_until,
            note=p.note,
        )
        for p in memberships
    )
    directory_changed()
    audit_record(
        actor=actor,
        code="directory.organisation.created",
        obj=organisation,
        details={
            "kind": kind,
            "country": country,
            "aliases": clean_aliases,
            "domains": clean_domains,
            "memberships": [
                [p.member_from.isoformat(), p.member_until.isoformat() if p.member_until else None]
                for p in memberships
            ],
        },
    )
    return organisation


@transaction.atomic
def organisation_alias_add(
    *, actor: User | None, organisation: Organisation, alias: str
) -> OrganisationAlias | None:
    """Add ``alias`` unless the organisation already has that name or alias (then None)."""
    alias = " ".join(alias.split())
    if not alias or alias.casefold() == organisation.name.casefold():
        return None
    if organisation.aliases.filter(name__iexact=alias).exists():
        return None
    created = OrganisationAlias.objects.create(organisation=organisation, name=alias)
    directory_changed()
    audit_record(
        actor=actor, code="directory.alias.added", obj=organisation, details={"alias": alias}
    )
    return created


@transaction.atomic
def organisation_domain_add(
    *, actor: User | None, organisation: Organisation, domain: str
) -> OrganisationDomain:
    clean = _clean_domain(domain)
    _check_domains_free([clean], organisation)
    created, _created = OrganisationDomain.objects.get_or_create(
        domain=clean, defaults={"organisation": organisation}
    )
    if _created:
        directory_changed()
        audit_record(
            actor=actor, code="directory.domain.added", obj=organisation, details={"domain": clean}
        )
    return created


@transaction.atomic
def membership_add(
    *, actor: User | None, organisation: Organisation, period: MembershipPeriod
) -> Membership:
    """Add a membership period; it must not overlap the organisation's other periods."""
    Organisation.objects.select_for_update().get(pk=organisation.pk)
    existing = [
        MembershipPeriod(m.member_from, m.member_until) for m in organisation.memberships.all()
    ]
    _check_periods([*existing, period])
    directory_changed()
    membership = Membership.objects.create(
        organisation=organisation,
        member_from=period.member_from,
        member_until=period.member_until,
        note=period.note,
    )
    audit_record(
        actor=actor,
        code="directory.membership.added",
        obj=organisation,
        details={
            "from": period.member_from.isoformat(),
            "until": period.member_until.isoformat() if period.member_until else None,
        },
    )
    return membership


@transaction.atomic
def organisation_merge(
    *, actor: User | None, source: Organisation, target: Organisation
) -> Organisation:
    """Fold ``source`` into ``target``: people, children, aliases, domains and memberships move
    over, ``source``'s name becomes an alias of ``target``, and ``source`` is deleted."""
    if source.pk == target.pk:
        raise ValidationError(_("An organisation cannot be merged into itself."))
    locked = {
        o.pk: o
        for o in Organisation.objects.select_for_update().filter(pk__in=[source.pk, target.pk])
    }
    if len(locked) != 2:
        raise ValidationError(_("One of the organisations no longer exists."))
    people = Person.objects.filter(organisation=source).update(organisation=target)
    # Staff approved these people's link to the source, which is now the target.
    Person.objects.filter(organisation_approved_for=source).update(organisation_approved_for=target)
    Organisation.objects.filter(parent=source).exclude(pk=target.pk).update(parent=target)
    if target.parent_id == source.pk:
        Organisation.objects.filter(pk=target.pk).update(parent=source.parent_id)
    target_aliases = {a.casefold() for a in target.aliases.values_list("name", flat=True)}
    target_aliases.add(target.name.casefold())
    for alias in [source.name, *source.aliases.values_list("name", flat=True)]:
        if alias.casefold() not in target_aliases:
            OrganisationAlias.objects.create(organisation=target, name=alias)
            target_aliases.add(alias.casefold())
    OrganisationDomain.objects.filter(organisation=source).update(organisation=target)
    periods = [
        MembershipPeriod(m.member_from, m.member_until)
        for m in Membership.objects.filter(organisation__in=[source, target])
    ]
    Membership.objects.filter(organisation=source).update(organisation=target)
    details = {
        "source_id": source.pk,
        "source_name": source.name,
        "people_moved": people,
        "overlapping_memberships": _overlaps(periods),
    }
    organisation_merging.send(sender=Organisation, source=source, target=target)
    source.delete()
    directory_changed()
    audit_record(actor=actor, code="directory.organisation.merged", obj=target, details=details)
    return target


def _overlaps(periods: Sequence[MembershipPeriod]) -> bool:
    try:
        _check_periods(periods)
    except ValidationError:
        return True
    return False


@transaction.atomic
def person_create(
    *,
    actor: User | None,
    email: str,
    name: str,
    organisation: Organisation | None = None,
    organisation_text: str = "",
    job_title: str = "",
    country: str = "",
    preferred_language: str = "en",
) -> Person:
    email = email.strip()
    try:
        validate_email(email)
    except ValidationError as exc:
        raise ValidationError({"email": _("Enter a valid email address.")}) from exc
    local, _at, domain = email.rpartition("@")
    email = f"{local}@{domain.lower()}"
    if country and not is_country_code(country.upper()):
        raise ValidationError({"country": _("Unknown country code.")})
    if Person.objects.filter(person_email_is(email)).exists():
        raise ValidationError({"email": _("A person with this email address already exists.")})
    person = Person(
        email=email,
        name=" ".join(name.split()),
        organisation=organisation,
        organisation_text=organisation_text.strip(),
        job_title=job_title.strip(),
        country=country.upper(),
        preferred_language=preferred_language,
    )
    if organisation is not None:
        person.resolution_status = ResolutionStatus.STAFF
    elif person.organisation_text:
        resolution_apply(person)
    try:
        with transaction.atomic():
            person.save(force_insert=True)
    except IntegrityError as exc:
        raise ValidationError(
            {"email": _("A person with this email address already exists.")}
        ) from exc
    audit_record(actor=actor, code="directory.person.created", obj=person)
    return person


def review_decide_new(*, actor: User, person: Person, name: str, kind: str, country: str) -> int:
    """Staff settle a review with a new organisation: create it and decide, in one transaction
    (a refused name leaves nobody settled). Returns the people settled."""
    with transaction.atomic():
        organisation = organisation_create(actor=actor, name=name, kind=kind, country=country)
        return review_decide(actor=actor, person=person, organisation=organisation)
