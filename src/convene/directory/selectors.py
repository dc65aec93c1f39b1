"""Reads of the directory."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Exists, Min, OuterRef, Q, QuerySet, Value
from django.db.models.functions import Lower
from django.db.models.lookups import Exact
from django.shortcuts import get_object_or_404

from convene.directory.models import (
    Membership,
    Organisation,
    OrganisationAlias,
    Person,
    ResolutionStatus,
)


def membership_on_q(day: dt.date, prefix: str = "") -> Q:
    """A ``Q`` for memberships that cover ``day`` (``member_until`` is inclusive).

    ``prefix`` lets other queries reuse it through a relation, e.g. ``"memberships__"``.
    """
    return Q(**{f"{prefix}member_from__lte": day}) & (
        Q(**{f"{prefix}member_until__isnull": True}) | Q(**{f"{prefix}member_until__gte": day})
    )


def organisation_is_member(*, organisation: Organisation, on: dt.date) -> bool:
    """Was ``organisation`` a member of the network on day ``on``?"""
    return Membership.objects.filter(membership_on_q(on), organisation=organisation).exists()


def organisation_list(*, member_on: dt.date | None = None) -> QuerySet[Organisation]:
    """Organisations with aliases and domains prefetched.

    With ``member_on``, each organisation carries ``is_member`` for that day (one subquery, no
    query per row).
    """
    queryset = Organisation.objects.prefetch_related("aliases", "domains", "memberships")
    if member_on is not None:
        covering = Membership.objects.filter(
            membership_on_q(member_on), organisation=OuterRef("pk")
        )
        queryset = queryset.annotate(is_member=Exists(covering))
    return queryset.order_by("name", "id")


def organisation_get(*, pk: int) -> Organisation:
    return Organisation.objects.get(pk=pk)


def person_email_is(email: str) -> Exact:
    """A filter for the person with ``email``, ignoring case, that the unique index on
    ``LOWER(email)`` serves. ``email__iexact`` cannot use that index (it compiles to ``LIKE`` on
    SQLite and to ``UPPER()`` on PostgreSQL), so it reads every person."""
    return Exact(Lower("email"), Lower(Value(email)))


def person_get_by_email(*, email: str) -> Person | None:
    """The person with ``email`` (any case), or None: one lookup in the ``LOWER(email)`` index;
    the organisation is not joined."""
    return Person.objects.filter(person_email_is(email.strip())).order_by().first()


def person_is_member_on(*, person: Person, on: dt.date) -> bool:
    """Does the person's organisation (or its parent) hold a membership on day ``on``?

    A municipal department counts as its city: membership is checked on the parent too.
    """
    organisation = person.organisation
    if organisation is None:
        return False
    ids = [organisation.pk] + ([organisation.parent_id] if organisation.parent_id else [])
    return Membership.objects.filter(membership_on_q(on), organisation_id__in=ids).exists()


def organisation_suggestions(*, text: str, limit: int = 10) -> list[str]:
    """Directory names and aliases that contain ``text`` (three characters at least)."""
    text = " ".join(text.split())
    if len(text) < 3:
        return []
    names = list(
        Organisation.objects.filter(name__icontains=text)
        .order_by("name")
        .values_list("name", flat=True)[:limit]
    )
    if len(names) < limit:
        aliases = OrganisationAlias.objects.filter(name__icontains=text).order_by("name")
        names += [
            a
            for a in aliases.values_list("name", flat=True)[: limit - len(names)]
            if a not in names
        ]
    return names


def review_groups(*, limit: int = 200) -> list[tuple[Person, int]]:
    """People waiting for review, grouped by what they typed (one decision settles a group):
    the first person of each group and how many typed the same, the largest groups first."""
    groups = (
        Person.objects.filter(resolution_status=ResolutionStatus.REVIEW)
        .annotate(text=Lower("organisation_text"))
        .values("text")
        .annotate(people=Count("pk"), first=Min("pk"))
        .order_by("-people", "text")[:limit]
    )
    firsts = Person.objects.in_bulk([g["first"] for g in groups])
    return [(firsts[g["first"]], g["people"]) for g in groups if g["first"] in firsts]


def review_others_count(*, person: Person) -> int:
    """How many people in review typed the same as ``person`` (themselves included)."""
    return Person.objects.filter(
        resolution_status=ResolutionStatus.REVIEW,
        organisation_text__iexact=person.organisation_text,
    ).count()


def person_get(*, pk: int) -> Person:
    """The person with this id, or Http404."""
    return get_object_or_404(Person, pk=pk)


def review_count() -> int:
    """People whose organisation waits for a staff decision."""
    return Person.objects.filter(resolution_status=ResolutionStatus.REVIEW).count()
