"""Who a report is matched against: the session's registrants as the pure matcher wants them."""

from __future__ import annotations

from collections import defaultdict

from convene.attendance.matching import Registrant
from convene.attendance.models import Attendance
from convene.programme.models import Session
from convene.registrations.models import Registration, RegistrationStatus

#: Registrations whose people are matched against a report. Attendance is a fact about a
#: person: someone who cancelled, or never confirmed, but came anyway did attend, so every
#: status is matched except "lapsed" (a request never confirmed, often a typo'd address).
MATCHED_STATUSES = (
    RegistrationStatus.CONFIRMED,
    RegistrationStatus.WAITLISTED,
    RegistrationStatus.PENDING,
    RegistrationStatus.CANCELLED,
)


def session_registrants(session: Session) -> list[Registrant]:
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
                token=registration.join_token,
            )
        )
    return registrants
