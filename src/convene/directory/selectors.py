"""Reads of the directory."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.db.models import Count, Exists, Min, OuterRef, Q, QuerySet, Value
from django.db.models.functions import Lower
from django.db.models.lookups import Exact
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from convene.core.access import Viewer, member_rule
from convene.core.models import User
from convene.directory.models import (
    Consent,
    ConsentPurpose,
    MemberImport,
    Membership,
    Organisation,
    OrganisationAlias,
    OrganisationDomain,
    Person,
    PrivacyNotice,
    ResolutionStatus,
)
from convene.resolution.normalise import fold, umlaut_fold


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


def _lower_as_the_database(text: str) -> str:
    """``LOWER(text)`` as the database computes it: SQLite folds ASCII letters only."""
    if connection.vendor == "sqlite":
        return "".join(c.lower() if c.isascii() else c for c in text)
    return text.lower()


def people_by_email(emails: Iterable[str]) -> dict[str, Person]:
    """The people with these emails (any case), keyed by the email as given: the same match as
    :func:`person_email_is`, one query per 500 emails (``LOWER(email) IN (...)``, which the
    index on ``LOWER(email)`` serves) instead of one each."""
    wanted: dict[str, list[str]] = {}
    for email in emails:
        wanted.setdefault(_lower_as_the_database(email.strip()), []).append(email)
    keys = list(wanted)
    found: dict[str, Person] = {}
    for start in range(0, len(keys), 500):
        chunk = keys[start : start + 500]
        people = (
            Person.objects.annotate(email_key=Lower("email")).filter(email_key__in=chunk).order_by()
        )
        for person in people:
            for email in wanted.get(person.email_key, ()):
                found[email] = person
    return found


def person_is_member_on(*, person: Person, on: dt.date) -> bool:
    """Does the person's organisation (or its parent) hold a membership on day ``on``?

    A municipal department counts as its city: membership is checked on the parent too.
    """
    organisation = person.organisation
    if organisation is None:
        return False
    ids = [organisation.pk] + ([organisation.parent_id] if organisation.parent_id else [])
    return Membership.objects.filter(membership_on_q(on), organisation_id__in=ids).exists()


def _matching_ids(words: list[str], *, every: bool) -> set[int]:
    """Ids of organisations whose name or an alias contains ``every`` one of ``words`` (or any
    of them), ignoring case, accents and German umlaut spellings (see
    :func:`organisations_matching`)."""
    keys = [{f, umlaut_fold(f)} for w in words if (f := fold(w))]
    if not keys:
        return set()
    combine = all if every else any

    def hit(name: str) -> bool:
        name_folded = fold(name)
        german = umlaut_fold(name_folded)
        return combine(any(k in name_folded or k in german for k in word) for word in keys)

    ids = {pk for pk, name in Organisation.objects.values_list("pk", "name") if hit(name)}
    ids |= {
        pk
        for pk, name in OrganisationAlias.objects.values_list("organisation_id", "name")
        if hit(name)
    }
    return ids


def organisations_matching(query: str) -> QuerySet[Organisation]:
    """Organisations whose name or an alias contains every word of ``query``, ignoring case
    and accents.

    "Liege", "LIÈGE" and "liège" all find "Ville de Liège", and so does "liege ville";
    "Muenchen" finds "München" (German "ue", "ae", "oe" meet "ü", "ä", "ö"), and Greek or
    Cyrillic names are found by their official Latin spelling as well as their own. Both
    sides go through the engine's ``fold``, so the rule is the same on SQLite and PostgreSQL.
    An empty query matches nothing.

    Folding is done here rather than in SQL: neither database folds accents the same way
    out of the box, and names plus aliases are read as two narrow ``values_list`` queries
    (10,000 names, half of them Greek, fold in about 0.12 s of CPU on the shared dev
    machine). Returns a queryset ordered by name.
    """
    ids = _matching_ids(fold(query).split(), every=True)
    return Organisation.objects.filter(pk__in=ids).order_by("name", "id")


def people_matching(query: str) -> QuerySet[Person]:
    """People whose name contains every word of ``query`` (ignoring case and accents), or
    whose email contains it."""
    text = query.strip()
    words = fold(text).split()
    if not words:
        return Person.objects.none()
    ids = {
        pk
        for pk, name in Person.objects.values_list("pk", "name").iterator()
        if all(w in fold(name) for w in words)
    }
    return Person.objects.filter(Q(pk__in=ids) | Q(email__icontains=text))


def organisation_candidates(*, query: str, limit: int = 20) -> QuerySet[Organisation]:
    """What the review queue offers to pick: organisations whose name or alias contains any
    word of ``query`` of three letters or more (the first four), ignoring case and accents;
    with no such word, the first organisations by name."""
    words = [w for w in query.replace(",", " ").split() if len(fold(w)) >= 3][:4]
    found = Organisation.objects.filter(pk__in=_matching_ids(words, every=False)) if words else None
    queryset = found if found is not None else Organisation.objects.all()
    ids = list(queryset.order_by("name", "id").values_list("pk", flat=True)[:limit])
    return Organisation.objects.filter(pk__in=ids).order_by("name", "id")


def organisation_suggestions(*, text: str, limit: int = 10) -> list[str]:
    """Directory names that contain ``text`` (three characters at least), ignoring case and
    accents: "Liege" suggests "Ville de Liège"."""
    text = " ".join(text.split())
    if len(fold(text)) < 3:
        return []
    return list(organisations_matching(text).values_list("name", flat=True)[:limit])


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


def member_import_list() -> QuerySet[MemberImport]:
    """Member lists staff uploaded, newest first, with who uploaded them."""
    return MemberImport.objects.select_related("created_by").defer("content")


def member_import_get(*, pk: int) -> MemberImport:
    """One uploaded member list, or Http404."""
    return get_object_or_404(MemberImport, pk=pk)


def organisation_list_for_staff(
    *,
    organisations: QuerySet[Organisation] | None = None,
    kind: str = "",
    country: str = "",
    member: str = "",
    today: dt.date,
) -> QuerySet[Organisation]:
    """The staff list: ``organisations`` (a search's result, or all) filtered by kind, country
    and membership on ``today`` (``"yes"``/``"no"``), each with ``is_member`` and ``people``
    (a count) annotated, in a fixed number of queries."""
    queryset = organisations if organisations is not None else Organisation.objects.all()
    covering = Membership.objects.filter(membership_on_q(today), organisation=OuterRef("pk"))
    queryset = queryset.annotate(
        is_member=Exists(covering),
        people_count=Count("people", distinct=True),
    )
    if kind:
        queryset = queryset.filter(kind=kind)
    if country:
        queryset = queryset.filter(country=country)
    if member == "yes":
        queryset = queryset.filter(is_member=True)
    elif member == "no":
        queryset = queryset.filter(is_member=False)
    return queryset.order_by("name", "id")


def organisation_get_for_staff(*, pk: int, today: dt.date) -> Organisation:
    """One organisation with its aliases, domains, memberships and people, or Http404."""
    covering = Membership.objects.filter(membership_on_q(today), organisation=OuterRef("pk"))
    found = (
        Organisation.objects.annotate(is_member=Exists(covering))
        .select_related("parent")
        .prefetch_related("aliases", "domains", "memberships", "people", "children")
        .filter(pk=pk)
        .first()
    )
    if found is None:
        raise Http404
    return found


def membership_get(*, pk: int) -> Membership:
    """One membership period with its organisation, or Http404."""
    return get_object_or_404(Membership.objects.select_related("organisation"), pk=pk)


def person_list_for_staff(*, people: QuerySet[Person] | None = None) -> QuerySet[Person]:
    """People (a search's result, or all) with their organisation, by name."""
    queryset = people if people is not None else Person.objects.all()
    return queryset.select_related("organisation").order_by("name", "id")


def review_count() -> int:
    """People whose organisation waits for a staff decision."""
    return Person.objects.filter(resolution_status=ResolutionStatus.REVIEW).count()


def email_domain_matches(email: str, domains: list[str]) -> bool:
    """Is the email's domain one of ``domains``, or a subdomain of one (``police.liege.be`` is
    Liège's when ``liege.be`` is)?"""
    domain = email.rpartition("@")[2].strip().lower().rstrip(".")
    return any(domain == d or domain.endswith("." + d) for d in (d.lower() for d in domains))


@dataclasses.dataclass(frozen=True)
class AccessFacts:
    """The four facts of the member rule about one person, on one day."""

    has_membership_today: bool
    email_verified: bool
    domain_matches: bool
    link_approved: bool

    @property
    def is_member(self) -> bool:
        return member_rule(
            has_membership_today=self.has_membership_today,
            email_verified=self.email_verified,
            domain_matches=self.domain_matches,
            link_approved=self.link_approved,
        )

    @property
    def organisation_trusted(self) -> bool:
        """The person's link to their organisation is believed (for extra lists)."""
        return self.email_verified and (self.domain_matches or self.link_approved)


def _facts(
    person: Person, *, has_membership: bool, domains: dict[int, list[str]] | None = None
) -> AccessFacts:
    """The facts, given the membership answer; one query for the domains when they matter
    (none when ``domains``, organisation id -> its domains, was read beforehand)."""
    organisation = person.organisation
    verified = person.email_verified_at is not None
    approved = (
        organisation is not None
        and person.organisation_approved_at is not None
        and person.organisation_approved_for_id == organisation.pk
    )
    domain_matches = False
    if organisation is not None and verified and not approved:
        ids = [pk for pk in (organisation.pk, organisation.parent_id) if pk is not None]
        if domains is None:
            found = list(
                OrganisationDomain.objects.filter(organisation_id__in=ids).values_list(
                    "domain", flat=True
                )
            )
        else:
            found = [d for pk in ids for d in domains.get(pk, ())]
        domain_matches = email_domain_matches(person.email, found)
    return AccessFacts(
        has_membership_today=organisation is not None and has_membership,
        email_verified=verified,
        domain_matches=domain_matches,
        link_approved=approved,
    )


def person_access_facts(*, person: Person, on: dt.date | None = None) -> AccessFacts:
    """The member rule's facts about ``person`` on day ``on`` (today by default)."""
    has_membership = person_is_member_on(person=person, on=on or timezone.localdate())
    return _facts(person, has_membership=has_membership)


def viewer_for(user: User | AnonymousUser | None, *, on: dt.date | None = None) -> Viewer:
    """The facts the access rule needs about ``user`` on day ``on`` (today by default).

    At most two queries: the person with a membership check of their organisation (or its
    parent, as a department counts as its city), then the organisation's domains. A user
    without a person (staff) is staff or nothing.
    """
    if user is None or not user.is_authenticated or not user.is_active:
        return Viewer.anonymous()
    day = on or timezone.localdate()
    holds = Membership.objects.filter(membership_on_q(day)).filter(
        Q(organisation_id=OuterRef("organisation_id"))
        | Q(organisation_id=OuterRef("organisation__parent_id"))
    )
    person = (
        Person.objects.filter(user_id=user.pk)
        .select_related("organisation")
        .annotate(member_today=Exists(holds))
        .first()
    )
    if person is None:
        return Viewer(user.pk, None, None, bool(user.is_staff), False)
    facts = _facts(person, has_membership=bool(person.member_today))
    return Viewer(
        user_id=user.pk,
        person_id=person.pk,
        organisation_id=person.organisation_id if facts.organisation_trusted else None,
        is_staff=bool(user.is_staff),
        is_member=facts.is_member,
    )


def people_viewers(people: list[Person], *, on: dt.date | None = None) -> dict[int, Viewer]:
    """Each person (with ``organisation`` and ``user`` selected) as the access rule sees them on
    day ``on``, by person id: :func:`viewer_for` of their account when they have one, else the
    facts of the person as a viewer not signed in (a registrant mailed about minutes). Two
    queries for the whole list (memberships, then domains), where one person takes two.

    Measured with the demo's minutes notices (2,283 mails; ``convene demo`` on SQLite, on the
    shared two-core machine, the code before and after in turn, twice): the sections, minutes
    and practices step took 11.6 and 14.8 s of CPU (16.6 and 22.5 s wall) with a viewer and an
    extra-list query per person, and 8.5 and 8.7 s of CPU (15.3 and 13.5 s wall) with this
    and ``sections.selectors.may_view_many``; rendering and writing the mails is the rest.
    """
    day = on or timezone.localdate()
    organisations = {p.organisation_id for p in people if p.organisation_id is not None}
    organisations |= {
        p.organisation.parent_id
        for p in people
        if p.organisation is not None and p.organisation.parent_id is not None
    }
    holding = set(
        Membership.objects.filter(
            membership_on_q(day), organisation_id__in=organisations
        ).values_list("organisation_id", flat=True)
    )
    domains: dict[int, list[str]] = {}
    for pk, domain in OrganisationDomain.objects.filter(
        organisation_id__in=organisations
    ).values_list("organisation_id", "domain"):
        domains.setdefault(pk, []).append(domain)
    viewers = {}
    for person in people:
        user = person.user if person.user_id is not None else None
        if user is not None and not user.is_active:
            viewers[person.pk] = Viewer.anonymous()
            continue
        organisation = person.organisation
        has_membership = organisation is not None and bool(
            {organisation.pk, organisation.parent_id} & holding
        )
        facts = _facts(person, has_membership=has_membership, domains=domains)
        viewers[person.pk] = Viewer(
            user_id=user.pk if user is not None else None,
            person_id=person.pk,
            organisation_id=person.organisation_id if facts.organisation_trusted else None,
            is_staff=bool(user is not None and user.is_staff),
            is_member=facts.is_member,
        )
    return viewers


def open_consent_q(purpose: str, prefix: str = "") -> Q:
    """Consents for ``purpose`` (any purpose when empty) that still stand: given, not
    withdrawn."""
    condition = Q(**{f"{prefix}withdrawn_at__isnull": True})
    return condition & Q(**{f"{prefix}purpose": purpose}) if purpose else condition


def people_who_agreed(purpose: str) -> QuerySet[Person]:
    """People whose consent for ``purpose`` (a ``ConsentPurpose``) stands today: the recipients
    of network news, the people listed in the participant directory. One query, an EXISTS."""
    if purpose not in ConsentPurpose.values:
        raise ValueError(f"Unknown consent purpose {purpose!r}.")
    agreed = Consent.objects.filter(open_consent_q(purpose), person=OuterRef("pk"))
    return Person.objects.filter(Exists(agreed))


def person_has_agreed(*, person: Person, purpose: str) -> bool:
    return Consent.objects.filter(open_consent_q(purpose), person=person).exists()


def privacy_notice_version() -> str:
    """The version people accept today: the latest stored notice's, else the setting's."""
    notice = privacy_notice_current()
    return notice.version if notice is not None else str(settings.PRIVACY_NOTICE_VERSION)


def privacy_notice_current() -> PrivacyNotice | None:
    """The latest published version of the privacy notice (None before any is stored)."""
    return PrivacyNotice.objects.order_by("-published_at", "-id").first()
