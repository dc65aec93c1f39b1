"""Reads for announcements: who an announcement reaches (people who agreed to hear from the
network, in the chosen groups, not at an address that bounced), and the staff pages' lists."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.db.models import Count, Exists, Min, OuterRef, Q, QuerySet
from django.db.models.functions import Lower
from django.http import Http404
from django.utils import timezone

from convene.announcements.models import (
    Announcement,
    AnnouncementRecipient,
    AudienceGroup,
    BouncedAddress,
)
from convene.core.tokens import link_digest
from convene.directory.models import ConsentPurpose, Membership, Person
from convene.directory.selectors import membership_on_q, people_who_agreed
from convene.registrations.models import Registration, confirmed_q

#: The consent an announcement needs.
PURPOSE = ConsentPurpose.NETWORK_NEWS


def _members_q(today: dt.date) -> Q:
    """People whose organisation, or its parent, is a member on ``today``."""
    members = Membership.objects.filter(membership_on_q(today)).values("organisation_id")
    return Q(organisation_id__in=members) | Q(organisation__parent_id__in=members)


def _past_participants_q(now: dt.datetime) -> Q:
    """People who stood registered for a session that has started."""
    past = Registration.objects.filter(
        confirmed_q(), person_id=OuterRef("pk"), session__starts_at__lt=now
    )
    return Q(Exists(past))


def audience(
    *,
    groups: Sequence[str],
    countries: Sequence[str] = (),
    kinds: Sequence[str] = (),
    now: dt.datetime | None = None,
) -> QuerySet[Person]:
    """The people an announcement with these choices reaches: those who agreed to the
    network's news (``PURPOSE``) and are in any of ``groups``, narrowed to ``countries``
    (the person's, else their organisation's) and to ``kinds`` of organisation when given,
    without any address that bounced."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    chosen = Q(pk__in=[])
    if AudienceGroup.EVERYONE in groups:
        chosen = Q()
    else:
        if AudienceGroup.MEMBERS in groups:
            chosen |= _members_q(today)
        if AudienceGroup.PAST_PARTICIPANTS in groups:
            chosen |= _past_participants_q(now)
    people = people_who_agreed(PURPOSE).filter(chosen)
    if countries:
        people = people.filter(
            Q(country__in=countries) | Q(country="", organisation__country__in=countries)
        )
    if kinds:
        people = people.filter(organisation__kind__in=kinds)
    bounced = BouncedAddress.objects.annotate(lower=Lower("email")).filter(
        lower=Lower(OuterRef("email"))
    )
    return people.exclude(Exists(bounced)).order_by("pk")


def audience_count(announcement: Announcement, *, now: dt.datetime | None = None) -> int:
    return audience(
        groups=announcement.groups,
        countries=announcement.countries,
        kinds=announcement.kinds,
        now=now,
    ).count()


def announcement_list_for_series(*, series_id: int) -> QuerySet[Announcement]:
    return Announcement.objects.filter(series_id=series_id).order_by("-created_at", "-pk")


def announcement_get_for_staff(*, pk: int) -> Announcement:
    """One announcement with its series and, once sent, the counts of what became of it."""
    found = (
        Announcement.objects.select_related("series", "sent_by")
        .annotate(
            mailed=Count("recipients", filter=Q(recipients__mailed_at__isnull=False)),
            bounced=Count("recipients", filter=Q(recipients__bounced_at__isnull=False)),
            unsubscribed=Count("recipients", filter=Q(recipients__unsubscribed_at__isnull=False)),
        )
        .filter(pk=pk)
        .first()
    )
    if found is None:
        raise Http404
    return found


def recipient_get_by_token(*, token: str) -> AnnouncementRecipient | None:
    if not token or len(token) > 100:
        return None
    return (
        AnnouncementRecipient.objects.select_related("announcement__series", "person")
        .filter(token_digest=link_digest(token))
        .first()
    )


def first_sent_by_series(*, series_ids: Sequence[int]) -> dict[int, dt.datetime]:
    """When each series was first announced (series without a sent announcement are absent)."""
    rows = (
        Announcement.objects.filter(series_id__in=series_ids, sent_at__isnull=False)
        .values("series_id")
        .annotate(first=Min("sent_at"))
        .values_list("series_id", "first")
    )
    return dict(rows)


def bounced_address_list(*, limit: int = 50) -> QuerySet[BouncedAddress]:
    return BouncedAddress.objects.order_by("-last_bounced_at", "-pk")[:limit]
