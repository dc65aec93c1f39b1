"""Reads for the staff pages of an organisation and of a person: the sessions their people
registered for and attended. They read registrations and attendance, so they live here,
above both; the pages that show them are in ``convene.pages``."""

from __future__ import annotations

from django.db.models import Count, OuterRef, Q, QuerySet, Subquery

from convene.attendance.models import Attendance, Role
from convene.directory.models import Organisation, Person
from convene.programme.models import Session
from convene.registrations.models import Registration, confirmed_q


def organisation_session_list(*, organisation: Organisation) -> QuerySet[Session]:
    """Sessions that people of ``organisation`` registered for (confirmed, as the report
    counts them) or attended, each with ``registered`` and ``attended`` (people counts), the
    latest first; one query."""
    registered = Count(
        "registrations__person",
        filter=confirmed_q("registrations__") & Q(registrations__person__organisation=organisation),
        distinct=True,
    )
    attended = Count(
        "attendances__person",
        filter=Q(
            attendances__person__organisation=organisation,
            attendances__attended=True,
            attendances__role=Role.ATTENDEE,
        ),
        distinct=True,
    )
    return (
        Session.objects.filter(
            Q(registrations__person__organisation=organisation)
            | Q(attendances__person__organisation=organisation)
        )
        .annotate(registered=registered, attended=attended)
        .select_related("series")
        .order_by("-starts_at", "-pk")
        .distinct()
    )


def person_session_list(*, person: Person) -> QuerySet[Session]:
    """Sessions ``person`` registered for or attended, each with ``registration_status``,
    ``minutes`` and ``attended`` (None where there is no such row), the latest first."""
    registration = Registration.objects.filter(session=OuterRef("pk"), person=person)
    attendance = Attendance.objects.filter(session=OuterRef("pk"), person=person)
    return (
        Session.objects.filter(Q(registrations__person=person) | Q(attendances__person=person))
        .annotate(
            registration_status=Subquery(registration.values("status")[:1]),
            minutes=Subquery(attendance.values("minutes")[:1]),
            attended=Subquery(attendance.values("attended")[:1]),
        )
        .select_related("series")
        .order_by("-starts_at", "-pk")
        .distinct()
    )
