"""Reads for the staff attendance pages, each list in a fixed number of queries."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.db.models.functions import Lower
from django.http import Http404
from django.utils.translation import gettext as _

from convene.attendance.matching import KnownPerson, Registrant, email_domain
from convene.attendance.merge import Attendee
from convene.attendance.models import (
    Attendance,
    AttendanceImport,
    ColumnMappingPreset,
    ImportStatus,
    OrganiserDomain,
    Role,
)
from convene.core.errors import FieldNotFound
from convene.core.models import User
from convene.directory.models import OrganisationDomain, Person
from convene.programme.models import Session, SessionStatus, Speaker
from convene.registrations.join_tokens import join_secret
from convene.registrations.models import JoinClick, Registration, RegistrationStatus


def session_list_for_attendance() -> QuerySet[Session]:
    """Sessions to import for, most recent first (drafts included: staff may test)."""
    return Session.objects.select_related("series").order_by("-starts_at", "-pk")


def session_get_for_attendance(*, slug: str) -> Session:
    session = Session.objects.select_related("series").filter(slug=slug).first()
    if session is None:
        raise Http404
    return session


def session_get_for_api(*, slug: str) -> Session:
    """The session for an API call; FieldNotFound (a 404 naming the field) when unknown."""
    session = Session.objects.select_related("series").filter(slug=slug).first()
    if session is None:
        raise FieldNotFound("session", _("No session %(slug)s.") % {"slug": slug})
    return session


def import_list(*, session: Session | None = None) -> QuerySet[AttendanceImport]:
    """Imports, newest first."""
    imports = AttendanceImport.objects.select_related("session", "created_by")
    if session is not None:
        imports = imports.filter(session=session)
    return imports.order_by("-created_at", "-pk")


def import_committed_with_content(*, session: Session, sha256: str) -> AttendanceImport | None:
    """The committed import of the same file for the session, if there is one."""
    return (
        AttendanceImport.objects.filter(
            session=session, content_sha256=sha256, status=ImportStatus.COMMITTED
        )
        .order_by("pk")
        .first()
    )


def import_get_for_staff(*, pk: int) -> AttendanceImport:
    found = AttendanceImport.objects.select_related("session__series", "created_by").filter(pk=pk)
    attendance_import = found.first()
    if attendance_import is None:
        raise Http404
    return attendance_import


def import_people(attendance_import: AttendanceImport) -> list[int]:
    """The people an uploaded report names, as far as Convene knows them: those whose email
    is in its preview (for the audit log of a download)."""
    emails = {
        str(row.get("email", "")).strip().lower()
        for row in attendance_import.preview_rows
        if isinstance(row, dict) and row.get("email")
    }
    if not emails:
        return []
    found = Person.objects.annotate(lower_email=Lower("email")).filter(lower_email__in=emails)
    return list(found.values_list("pk", flat=True))


def import_get_for_api(*, pk: int) -> AttendanceImport:
    """An import for an API call; FieldNotFound (a 404 naming the field) when unknown."""
    found = AttendanceImport.objects.select_related("session").filter(pk=pk).first()
    if found is None:
        raise FieldNotFound("import", _("No attendance import %(id)s.") % {"id": pk})
    return found


def attendance_list(*, session: Session) -> QuerySet[Attendance]:
    """The session's attendees: audience first, then by minutes."""
    return (
        Attendance.objects.filter(session=session)
        .select_related("person__organisation", "registration")
        .order_by("role", "-attended", "-minutes", "name", "pk")
    )


@dataclass(frozen=True)
class SessionFigures:
    people: int
    hosts: int
    audience: int
    unmatched: int
    imports: int
    link_clicked: int = 0
    link_only: int = 0


def session_figures(*, session: Session) -> SessionFigures:
    """The session's audience (distinct people who attended, hosts excluded) and counts,
    in three queries. One row holds one person (a unique constraint), so rows are people."""
    figures = Attendance.objects.filter(session=session).aggregate(
        people=Count("pk"),
        hosts=Count("pk", filter=Q(role=Role.HOST)),
        audience=Count("pk", filter=Q(attended=True, role=Role.ATTENDEE)),
        unmatched=Count("pk", filter=Q(person__isnull=True, role=Role.ATTENDEE)),
    )
    imports = AttendanceImport.objects.filter(
        session=session, status=ImportStatus.COMMITTED
    ).count()
    # Join-link clicks are evidence too: who used their personal link, and who did so but
    # is in no imported report ("joined via link, no report imported").
    clicks = (
        Registration.objects.filter(session=session)
        .filter(Exists(JoinClick.objects.filter(registration=OuterRef("pk"))))
        .aggregate(
            link_clicked=Count("pk"),
            link_only=Count(
                "pk", filter=~Exists(Attendance.objects.filter(registration=OuterRef("pk")))
            ),
        )
    )
    return SessionFigures(imports=imports, **figures, **clicks)


def unmatched_list(*, session: Session | None = None) -> QuerySet[Attendance]:
    """Participants no person is linked to yet, for the staff queue (the organising team is
    never asked about: it is not audience)."""
    rows = Attendance.objects.filter(person__isnull=True, role=Role.ATTENDEE).select_related(
        "session"
    )
    if session is not None:
        rows = rows.filter(session=session)
    return rows.order_by("-session__starts_at", "session_id", "name", "pk")


def attendance_get_for_staff(*, pk: int) -> Attendance:
    found = Attendance.objects.select_related("session__series", "person").filter(pk=pk).first()
    if found is None:
        raise Http404
    return found


def person_search(*, query: str, limit: int = 20) -> list[Person]:
    """People whose name or email contains ``query`` (two characters at least)."""
    query = " ".join(query.split())
    if len(query) < 2:
        return []
    people = Person.objects.filter(Q(name__icontains=query) | Q(email__icontains=query))
    return list(people.select_related("organisation").order_by("name", "pk")[:limit])


def person_get(*, pk: int) -> Person | None:
    return Person.objects.filter(pk=pk).first()


def registration_names(*, ids: list[int]) -> dict[int, str]:
    """Registered people's names by registration id, in one query (for the preview)."""
    rows = Registration.objects.filter(pk__in=ids).values_list("pk", "person__name")
    return dict(rows)


def mapping_preset_list() -> QuerySet[ColumnMappingPreset]:
    return ColumnMappingPreset.objects.order_by("name")


def attendance_for_export(
    *, session: Session | None = None, series_id: int | None = None
) -> QuerySet[Attendance]:
    """Everyone the imported reports of a session (or of every session of a series) list,
    session by session, for the registrant export's attendance tab."""
    rows = Attendance.objects.select_related("session", "person")
    if session is not None:
        rows = rows.filter(session=session)
    if series_id is not None:
        rows = rows.filter(session__series_id=series_id)
    return rows.order_by("session__starts_at", "name", "pk")


#: Registrations whose people are matched against a report. Attendance is a fact about a
#: person: someone who cancelled, or never confirmed, but came anyway did attend, so every
#: status is matched except "lapsed" (a request never confirmed, often a typo'd address).
MATCHED_STATUSES = (
    RegistrationStatus.CONFIRMED,
    RegistrationStatus.WAITLISTED,
    RegistrationStatus.PENDING,
    RegistrationStatus.CANCELLED,
)


def session_registrants(*, session: Session) -> list[Registrant]:
    """The session's registrants as the matcher wants them, in two queries.

    A person's alternate emails are the other addresses they were seen with in earlier
    attendance reports once linked to them (by staff or by a stronger match).
    """
    registrations = list(
        Registration.objects.filter(session=session, status__in=MATCHED_STATUSES)
        .select_related("person")
        .order_by("pk")
    )
    person_ids = [r.person_id for r in registrations]
    seen: dict[int, set[str]] = defaultdict(set)
    for person_id, email in (
        Attendance.objects.filter(person_id__in=person_ids)
        .exclude(email="")
        .values_list("person_id", "email")
        .distinct()
    ):
        if person_id is not None:
            seen[person_id].add(email.lower())
    registrants = []
    for registration in registrations:
        own = registration.person.email.lower()
        alternates = tuple(sorted(seen[registration.person_id] - {own}))
        registrants.append(
            Registrant(
                id=str(registration.pk),
                name=registration.person.name,
                email=registration.person.email,
                alternate_emails=alternates,
                token=join_secret(registration.join_salt),
                token_digest=registration.join_legacy_digest or None,
            )
        )
    return registrants


def organiser_domain_list() -> QuerySet[OrganiserDomain]:
    return OrganiserDomain.objects.order_by("domain")


def organiser_domain_get(*, pk: int) -> OrganiserDomain:
    found = OrganiserDomain.objects.filter(pk=pk).first()
    if found is None:
        raise Http404
    return found


def staff_emails() -> list[str]:
    """Staff users' addresses: whoever attends with one is on the organising team."""
    emails = User.objects.filter(is_staff=True, is_active=True).exclude(email="")
    return list(emails.values_list("email", flat=True))


def speaker_keys(*, session: Session) -> set[str]:
    """The session's speakers as ``person:<id>``, ``registration:<id>`` and ``email:<address>``,
    so a match by any of them is recognised (two queries)."""
    speakers = list(
        Speaker.objects.filter(session=session).values_list("person_id", "person__email")
    )
    person_ids = [person_id for person_id, _email in speakers]
    registrations = Registration.objects.filter(session=session, person_id__in=person_ids)
    return {
        *(f"person:{person_id}" for person_id in person_ids),
        *(f"email:{email.lower()}" for _person, email in speakers if email),
        *(f"registration:{pk}" for pk in registrations.values_list("pk", flat=True)),
    }


def known_people(
    *, session: Session, attendees: list[Attendee]
) -> tuple[list[KnownPerson], dict[str, str]]:
    """The directory people the attendees' emails point to (by email, by an address seen on
    earlier attendance, or as members of the organisation owning the email domain), and the
    organisation of each such domain; the session's registrants are left out (matched
    before). Four queries."""
    emails = {e.strip().lower() for a in attendees for e in (a.email, *a.emails) if e}
    domains = {d for d in map(email_domain, emails) if d}
    organisation_by_domain = {
        domain: str(organisation_id)
        for domain, organisation_id in OrganisationDomain.objects.filter(
            domain__in=domains
        ).values_list("domain", "organisation_id")
    }
    alternates: dict[int, set[str]] = defaultdict(set)
    for person_id, email in (
        Attendance.objects.annotate(address=Lower("email"))
        .filter(person__isnull=False, address__in=emails)
        .values_list("person_id", "address")
        .distinct()
    ):
        alternates[person_id].add(email)
    registered = Registration.objects.filter(session=session, status__in=MATCHED_STATUSES).values(
        "person_id"
    )
    people = (
        Person.objects.annotate(address=Lower("email"))
        .filter(
            Q(address__in=emails)
            | Q(pk__in=list(alternates))
            | Q(organisation_id__in=[int(o) for o in organisation_by_domain.values()])
        )
        .exclude(pk__in=registered)
        .order_by("pk")
    )
    known = [
        KnownPerson(
            id=str(person.pk),
            name=person.name,
            email=person.email,
            alternate_emails=tuple(sorted(alternates[person.pk] - {person.email.lower()})),
            organisation=str(person.organisation_id) if person.organisation_id else None,
        )
        for person in people
    ]
    return known, organisation_by_domain


# The staff dashboard (convene.pages.dashboard).


def unmatched_count() -> int:
    return unmatched_list().count()


def sessions_ended_without_attendance(*, now: dt.datetime, limit: int = 20) -> list[Session]:
    """Published sessions that are over and have no attendance imported yet, latest first."""
    return list(
        Session.objects.filter(status=SessionStatus.PUBLISHED, ends_at__lte=now)
        .exclude(Exists(Attendance.objects.filter(session=OuterRef("pk"))))
        .select_related("series")
        .order_by("-starts_at", "-pk")[:limit]
    )
