"""Reads of privacy."""

from __future__ import annotations

from django.db.models import QuerySet

from convene.directory.models import Person
from convene.privacy.models import ErasureRecord


def person_is_erased(*, person: Person) -> bool:
    return ErasureRecord.objects.filter(person_id=person.pk).exists()


def erasure_list(*, limit: int = 50) -> QuerySet[ErasureRecord]:
    return ErasureRecord.objects.order_by("-erased_at", "-id")[:limit]
