"""What a person's export holds, table by table. Each exporter takes the person and returns
tables of plain rows; other apps add theirs with :func:`exporter` (the network platform's are
in ``privacy.exporters_network``, as privacy may import knowledge)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q

from convene.attendance.models import Attendance
from convene.core.mail import outbox_list
from convene.core.models import AuditLog
from convene.directory.models import Consent, Person
from convene.registrations.models import Registration, RegistrationRequest, ReminderSent


@dataclass(frozen=True)
class ExportTable:
    """One file pair of the export: ``<name>.json`` and ``<name>.csv``."""

    name: str
    rows: list[dict[str, Any]]


Exporter = Callable[[Person], Iterable[ExportTable]]

#: The exporters, in the order their tables appear. Extend with :func:`exporter`.
EXPORTERS: list[Exporter] = []


def exporter(function: Exporter) -> Exporter:
    """Register ``function`` as an exporter (usable as a decorator)."""
    EXPORTERS.append(function)
    return function


@exporter
def profile(person: Person) -> Iterable[ExportTable]:
    organisation = person.organisation
    row: dict[str, Any] = {
        "name": person.name,
        "email": person.email,
        "job_title": person.job_title,
        "organisation_as_typed": person.organisation_text,
        "organisation": organisation.name if organisation else "",
        "country": person.country,
        "preferred_language": person.preferred_language,
        "created_at": person.created_at,
        "updated_at": person.updated_at,
    }
    for field in ("listed_in_directory", "email_verified_at"):
        if hasattr(person, field):
            row[field] = getattr(person, field)
    yield ExportTable("profile", [row])


@exporter
def registrations(person: Person) -> Iterable[ExportTable]:
    requests = RegistrationRequest.objects.filter(person=person).select_related("series")
    yield ExportTable(
        "registration_requests",
        [
            {
                "series": str(r.series.title),
                "created_at": r.created_at,
                "confirmed_at": r.confirmed_at,
                "privacy_notice_version": r.consent_version,
                "language": r.language,
            }
            for r in requests.order_by("created_at", "pk")
        ],
    )
    rows = Registration.objects.filter(person=person).select_related("session__series")
    yield ExportTable(
        "registrations",
        [
            {
                "series": str(r.session.series.title),
                "session": str(r.session.title),
                "session_starts_at": r.session.starts_at,
                "status": r.status,
                "registered_at": r.created_at,
                "confirmed_at": r.confirmed_at,
                "cancelled_at": r.cancelled_at,
                "source": r.source,
            }
            for r in rows.order_by("session__starts_at", "pk")
        ],
    )


@exporter
def attendance(person: Person) -> Iterable[ExportTable]:
    rows = Attendance.objects.filter(person=person).select_related("session")
    yield ExportTable(
        "attendance",
        [
            {
                "session": str(a.session.title),
                "name_in_report": a.name,
                "email_in_report": a.email,
                "role": a.role,
                "minutes": round(a.minutes, 1),
                "first_join": a.first_join,
                "last_leave": a.last_leave,
                "attended": a.attended,
            }
            for a in rows.order_by("session__starts_at", "pk")
        ],
    )


@exporter
def consents(person: Person) -> Iterable[ExportTable]:
    rows = Consent.objects.filter(person=person).select_related("notice")
    yield ExportTable(
        "consents",
        [
            {
                "purpose": c.purpose,
                "privacy_notice_version": c.notice.version if c.notice else "",
                "given_at": c.given_at,
                "channel": c.channel,
                "withdrawn_at": c.withdrawn_at,
                "withdrawn_through": c.withdrawn_channel,
            }
            for c in rows.order_by("given_at", "pk")
        ],
    )


@exporter
def mails(person: Person) -> Iterable[ExportTable]:
    """The mails kept in the outbox that were addressed to the person, and the reminders
    sent (a mail server keeps no copy here)."""
    email = person.email.casefold()
    yield ExportTable(
        "mails",
        [
            {"date": m.date, "to": m.to, "subject": m.subject, "text": m.text}
            for m in outbox_list(limit=100_000)
            if email in m.to.casefold()
        ],
    )
    reminders = ReminderSent.objects.filter(registration__person=person).select_related(
        "registration__session"
    )
    yield ExportTable(
        "reminders",
        [
            {"session": str(r.registration.session.title), "kind": r.kind, "sent_at": r.sent_at}
            for r in reminders.order_by("sent_at", "pk")
        ],
    )


def audit_about_q(person: Person) -> Q:
    """Audit entries about ``person``: their record, their registrations and requests, their
    attendance, and staff views and exports that list them (``details["people"]``)."""
    types = ContentType.objects.get_for_models(Person, Registration, RegistrationRequest)
    registration_ids = Registration.objects.filter(person=person).values_list("pk", flat=True)
    request_ids = RegistrationRequest.objects.filter(person=person).values_list("pk", flat=True)
    return (
        Q(content_type=types[Person], object_id=str(person.pk))
        | Q(content_type=types[Registration], object_id__in=[str(i) for i in registration_ids])
        | Q(content_type=types[RegistrationRequest], object_id__in=[str(i) for i in request_ids])
    )


#: Audit codes of staff reading lists of people: each entry names the people in its details.
ACCESS_CODES = (
    "registrations.registrants.exported",
    "attendance.file.downloaded",
    "privacy.person.exported",
)


def audit_entries_about(person: Person) -> list[AuditLog]:
    entries = list(AuditLog.objects.filter(audit_about_q(person)))
    listed = AuditLog.objects.filter(code__in=ACCESS_CODES).exclude(pk__in=[e.pk for e in entries])
    entries += [e for e in listed if person.pk in (e.details or {}).get("people", [])]
    return sorted(entries, key=lambda e: (e.created_at, e.pk))


@exporter
def audit(person: Person) -> Iterable[ExportTable]:
    yield ExportTable(
        "audit",
        [
            {
                "time": e.created_at,
                "event": e.code,
                "by": e.actor_label,
                "object": e.object_repr,
                "details": e.details,
            }
            for e in audit_entries_about(person)
        ],
    )
