"""Reads of privacy."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import F, Max, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce, Greatest

from convene.attendance.models import Attendance
from convene.core.tokens import LinkState, link_token_find
from convene.directory.models import Person
from convene.privacy.models import ErasureRecord
from convene.registrations.links import MANAGE_PURPOSES
from convene.registrations.models import RegistrationRequest


def person_is_erased(*, person: Person) -> bool:
    return ErasureRecord.objects.filter(person_id=person.pk).exists()


def erasure_list(*, limit: int = 50) -> QuerySet[ErasureRecord]:
    return ErasureRecord.objects.order_by("-erased_at", "-id")[:limit]


def _latest(queryset: QuerySet[Any], field: str) -> Subquery:
    return Subquery(
        queryset.filter(person=OuterRef("pk"))
        .order_by()
        .values("person")
        .annotate(latest=Max(field))
        .values("latest")[:1]
    )


def people_with_last_activity() -> QuerySet[Person]:
    """People annotated with ``last_activity``: the latest of their record's creation (an
    import of it counts), a registration (each form or import writes a request), an
    attendance row written, and a sign-in when the person has an account."""
    created = F("created_at")
    moments = [
        created,
        Coalesce(_latest(RegistrationRequest.objects.all(), "created_at"), created),
        Coalesce(_latest(Attendance.objects.all(), "updated_at"), created),
    ]
    if any(f.name == "user" for f in Person._meta.get_fields()):
        moments.append(Coalesce(F("user__last_login"), created))
    return Person.objects.annotate(last_activity=Greatest(*moments))


def people_inactive_since(cutoff: dt.datetime) -> QuerySet[Person]:
    """People not erased yet whose last activity is before ``cutoff``."""
    erased = ErasureRecord.objects.values("person_id")
    return (
        people_with_last_activity()
        .filter(Q(last_activity__lt=cutoff))
        .exclude(pk__in=erased)
        .order_by("pk")
    )


def person_for_link(*, token: str) -> Person | None:
    """The person a "my registrations" link belongs to, while the link itself is valid (not
    revoked or expired). Unlike "my registrations", which closes when the person's last
    session ended, the privacy page stays open: rights do not end with the sessions."""
    state, found = link_token_find(raw=token, purposes=MANAGE_PURPOSES)
    if state is not LinkState.VALID or found is None:
        return None
    return Person.objects.filter(pk=found.subject_id).first()
