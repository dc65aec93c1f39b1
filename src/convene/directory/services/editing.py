"""Staff edits of the directory: an organisation's fields, its aliases and domains, and its
membership periods (edit, end, remove). Each write is audited and rebuilds the engine."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from convene.core.audit import audit_record
from convene.core.models import User
from convene.directory.models import (
    Membership,
    Organisation,
    OrganisationAlias,
    OrganisationDomain,
)
from convene.directory.resolution import directory_changed
from convene.directory.services.organisations import (
    MembershipPeriod,
    _check_domains_free,
    _check_periods,
    _clean_organisation,
)


class _Keep:
    """The parent argument's default: leave the parent as it is."""


KEEP = _Keep()


def _check_parent(organisation: Organisation, parent: Organisation | None) -> None:
    """A parent must not be the organisation itself or one of its descendants (no loops)."""
    seen: set[int] = set()
    current = parent
    while current is not None and current.pk not in seen:
        if current.pk == organisation.pk:
            raise ValidationError(
                {"parent": _("An organisation cannot belong to itself or to one of its own.")}
            )
        seen.add(current.pk)
        current = (
            Organisation.objects.filter(pk=current.parent_id).first() if current.parent_id else None
        )


@transaction.atomic
def organisation_update(
    *,
    actor: User | None,
    organisation: Organisation,
    name: str,
    kind: str,
    country: str,
    aliases: Iterable[str] | None = None,
    domains: Iterable[str] | None = None,
    parent: Organisation | None | _Keep = KEEP,
) -> Organisation:
    """Change an organisation's name, kind and country, and (when given) replace its aliases
    and domains and set its parent (``None`` for none). Returns the organisation; audited with
    what changed."""
    locked = Organisation.objects.select_for_update().get(pk=organisation.pk)
    if not isinstance(parent, _Keep):
        _check_parent(locked, parent)
    old_aliases = list(locked.aliases.values_list("name", flat=True))
    old_domains = list(locked.domains.values_list("domain", flat=True))
    name, country, clean_aliases, clean_domains = _clean_organisation(
        name=name,
        kind=kind,
        country=country,
        aliases=old_aliases if aliases is None else aliases,
        domains=old_domains if domains is None else domains,
    )
    if (
        Organisation.objects.filter(name__iexact=name, country=country)
        .exclude(pk=locked.pk)
        .exists()
    ):
        raise ValidationError(
            {"name": _("An organisation with this name already exists in this country.")}
        )
    _check_domains_free(clean_domains, locked)
    changes: dict[str, object] = {}
    for field, value in (("name", name), ("kind", kind), ("country", country)):
        if getattr(locked, field) != value:
            changes[field] = [getattr(locked, field), value]
            setattr(locked, field, value)
    if not isinstance(parent, _Keep) and locked.parent_id != (parent.pk if parent else None):
        changes["parent"] = [locked.parent_id, parent.pk if parent else None]
        locked.parent = parent
    if changes:
        try:
            with transaction.atomic():
                locked.save(update_fields=[*changes, "updated_at"])
        except IntegrityError as exc:
            raise ValidationError(
                {"name": _("An organisation with this name already exists in this country.")}
            ) from exc
    if {a.casefold() for a in clean_aliases} != {a.casefold() for a in old_aliases}:
        OrganisationAlias.objects.filter(organisation=locked).delete()
        OrganisationAlias.objects.bulk_create(
            OrganisationAlias(organisation=locked, name=a) for a in clean_aliases
        )
        changes["aliases"] = [old_aliases, clean_aliases]
    if set(clean_domains) != set(old_domains):
        OrganisationDomain.objects.filter(organisation=locked).exclude(
            domain__in=clean_domains
        ).delete()
        OrganisationDomain.objects.bulk_create(
            OrganisationDomain(organisation=locked, domain=d)
            for d in clean_domains
            if d not in old_domains
        )
        changes["domains"] = [old_domains, clean_domains]
    if changes:
        directory_changed()
        audit_record(
            actor=actor, code="directory.organisation.updated", obj=locked, details=changes
        )
    return locked


def _period_of(membership: Membership) -> MembershipPeriod:
    return MembershipPeriod(membership.member_from, membership.member_until, membership.note)


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


@transaction.atomic
def membership_update(
    *, actor: User | None, membership: Membership, period: MembershipPeriod
) -> Membership:
    """Change a membership period; it must still not overlap the organisation's others."""
    Organisation.objects.select_for_update().get(pk=membership.organisation_id)
    others = [
        _period_of(m)
        for m in Membership.objects.filter(organisation_id=membership.organisation_id).exclude(
            pk=membership.pk
        )
    ]
    _check_periods([*others, period])
    before = [_iso(membership.member_from), _iso(membership.member_until), membership.note]
    after = [_iso(period.member_from), _iso(period.member_until), period.note]
    if before == after:
        return membership
    membership.member_from = period.member_from
    membership.member_until = period.member_until
    membership.note = period.note
    membership.save(update_fields=["member_from", "member_until", "note"])
    directory_changed()
    audit_record(
        actor=actor,
        code="directory.membership.updated",
        obj=membership.organisation,
        details={"membership": membership.pk, "before": before, "after": after},
    )
    return membership


def membership_end(*, actor: User | None, membership: Membership, on: dt.date) -> Membership:
    """End an open (or later-ending) membership on day ``on`` (its last day, inclusive)."""
    if on < membership.member_from:
        raise ValidationError({"member_until": _("A membership cannot end before it starts.")})
    return membership_update(
        actor=actor,
        membership=membership,
        period=MembershipPeriod(membership.member_from, on, membership.note),
    )


@transaction.atomic
def membership_remove(*, actor: User | None, membership: Membership) -> None:
    """Delete a membership period typed by mistake (ending it is ``membership_end``)."""
    organisation = membership.organisation
    details = {
        "from": _iso(membership.member_from),
        "until": _iso(membership.member_until),
    }
    membership.delete()
    directory_changed()
    audit_record(
        actor=actor, code="directory.membership.removed", obj=organisation, details=details
    )
