"""Registration requests: one person, one or more sessions, double opt-in."""

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from convene.core.audit import audit_entry, audit_record, audit_record_many
from convene.core.countries import is_country_code
from convene.core.models import User
from convene.directory.models import Language, Person, ResolutionStatus
from convene.directory.resolution import forget_engine, resolve_text
from convene.directory.selectors import person_get_by_email, person_is_member_on
from convene.directory.services import resolution_apply
from convene.directory.services.accounts import person_directory_listing_set, person_email_verify
from convene.programme.models import AudiencePolicy, Series, Session
from convene.registrations import notify
from convene.registrations.models import (
    Registration,
    RegistrationRequest,
    RegistrationStatus,
)
from convene.registrations.selectors import registrations_of_request, session_open_problem
from convene.registrations.services.seats import (
    HOLD,
    _place,
    _promote,
    lock_sessions,
    session_day,
)
from convene.resolution.types import Resolution


class MembersOnlyRefused(PermissionDenied):
    """The session is for members and the registrant's organisation is not one."""

    field = "organisation"


@dataclass(frozen=True)
class RegistrantIn:
    name: str
    email: str
    organisation: str = ""
    job_title: str = ""
    country: str = ""
    language: str = "en"
    consent_version: str = ""
    directory_opt_in: bool = False


def _clean_registrant(data: RegistrantIn) -> RegistrantIn:
    errors: dict[str, str] = {}
    email = data.email.strip()
    try:
        validate_email(email)
    except ValidationError:
        errors["email"] = _("Enter a valid email address.")
    name = " ".join(data.name.split())
    if not name:
        errors["name"] = _("Give your name.")
    country = data.country.strip().upper()
    if country and not is_country_code(country):
        errors["country"] = _("Choose a country from the list.")
    if data.language not in Language.values:
        errors["language"] = _("Choose English or French.")
    if not data.consent_version:
        errors["consent"] = _("You must accept the privacy notice to register.")
    if errors:
        raise ValidationError(errors)
    local, _at, domain = email.rpartition("@")
    return RegistrantIn(
        name=name,
        email=f"{local}@{domain.lower()}",
        organisation=" ".join(data.organisation.split()),
        job_title=" ".join(data.job_title.split()),
        country=country,
        language=data.language,
        consent_version=data.consent_version,
        directory_opt_in=data.directory_opt_in,
    )


def _person_for(
    data: RegistrantIn, person: Person | None, resolution: Resolution | None
) -> tuple[Person, bool]:
    """The person with this email, created on first registration; True when created.

    An unauthenticated form must not overwrite what is known about an existing person, so only
    blank fields are filled in. A concurrent first registration with the same email makes the
    insert fail with IntegrityError; the caller retries, and then finds the person.

    ``person`` (the lookup) and ``resolution`` (the engine's answer for a new person) are read
    before the write transaction begins, so the transaction holds the lock for writes only.
    """
    if person is None:
        person = Person(
            email=data.email,
            name=data.name,
            organisation_text=data.organisation,
            job_title=data.job_title,
            country=data.country,
            preferred_language=data.language,
        )
        resolution_apply(person, resolution)
        person.save()
        return person, True
    changed = []
    for field, value in (
        ("organisation_text", data.organisation),
        ("job_title", data.job_title),
        ("country", data.country),
    ):
        if value and not getattr(person, field):
            setattr(person, field, value)
            changed.append(field)
    if person.organisation_id is None and person.resolution_status in (
        ResolutionStatus.PENDING,
        ResolutionStatus.REVIEW,
    ):
        resolution_apply(person)
        changed += [
            "organisation",
            "resolution_status",
            "resolution_confidence",
            "resolution_explanation",
        ]
    if changed:
        person.save(update_fields=changed)
    return person, False


#: What registering again may change on an existing registration.
_PLACED = ["request", "status", "hold_until", "waitlisted_at", "confirmed_at", "cancelled_at"]


def registration_request_create(
    *,
    series: Series,
    sessions: Sequence[Session],
    registrant: RegistrantIn,
    actor: User | None = None,
    source: str = "form",
    send_request_mail: bool = True,
) -> RegistrationRequest:
    """Register one person for one or more sessions of ``series`` in one go.

    Each session ends ``pending`` (a seat held for 48 hours until the email is confirmed) or
    ``waitlisted``. Registering again for a session is idempotent: the same row, no second
    seat, and a fresh confirmation mail. ``send_request_mail=False`` is for staff who add
    someone and vouch for the address themselves (they confirm at once).
    """
    data = _clean_registrant(registrant)
    if not sessions:
        raise ValidationError({"sessions": _("Choose at least one session.")})
    now = timezone.now()
    for session in sessions:
        if session.series_id != series.pk:
            raise ValidationError(
                {
                    "sessions": _("%(session)s is not part of this series.")
                    % {"session": session.slug}
                }
            )
        problem = session_open_problem(session=session, now=now)
        if problem:
            raise ValidationError({"sessions": problem})
    for attempt in (1, 2):
        try:
            return _request_create(series, sessions, data, actor, source, send_request_mail, now)
        except IntegrityError:
            # A concurrent first registration with this email, or an engine that still knew an
            # organisation deleted meanwhile: rebuild the engine and try once more.
            forget_engine()
            if attempt == 2:
                raise
    raise AssertionError("unreachable")


def _request_create(
    series: Series,
    sessions: Sequence[Session],
    data: RegistrantIn,
    actor: User | None,
    source: str,
    send_request_mail: bool,
    now: dt.datetime,
) -> RegistrationRequest:
    # Reads first, outside the transaction (on SQLite it holds the database's one write lock):
    # the person lookup and, for a newcomer, the engine's answer for their organisation.
    found = person_get_by_email(email=data.email)
    resolution = (
        None
        if found is not None
        else resolve_text(text=data.organisation, email=data.email, country=data.country)
    )
    with transaction.atomic():
        person, created = _person_for(data, found, resolution)
        # Writes that need no seat come before the session lock, so that the lock (held until
        # commit on PostgreSQL) covers only counting and placing.
        request = RegistrationRequest.objects.create(
            person=person,
            series=series,
            language=data.language,
            consent_version=data.consent_version,
            directory_opt_in=data.directory_opt_in,
        )
        if send_request_mail:
            notify.on_commit_request_created(request.pk)
        locked = lock_sessions(s.pk for s in sessions)
        for session in locked:
            problem = session_open_problem(session=session, now=now)  # changed meanwhile?
            if problem:
                raise ValidationError({"sessions": problem})

            if session.effective_policy == AudiencePolicy.MEMBERS_ONLY and not person_is_member_on(
                person=person, on=session_day(session)
            ):
                raise MembersOnlyRefused(
                    _(
                        "%(session)s is for members of the network only, and "
                        "%(organisation)s is not a member."
                    )
                    % {
                        "session": str(session.title),
                        "organisation": person.organisation.name
                        if person.organisation
                        else (data.organisation or _("your organisation")),
                    }
                )
        outcome = {}
        for session in locked:
            # A person this transaction created has no row yet; anyone else is looked up through
            # the unique (session, person) index.
            registration = (
                None
                if created
                else Registration.objects.filter(session=session, person=person).first()
            )
            if registration is None:
                registration = Registration(session=session, person=person, source=source)
                _place(registration, session, now)
            elif registration.status in (RegistrationStatus.CANCELLED, RegistrationStatus.LAPSED):
                registration.cancelled_at = None
                registration.confirmed_at = None
                _place(registration, session, now)
            elif registration.status == RegistrationStatus.PENDING:
                if registration.hold_until is None or registration.hold_until <= now:
                    _place(registration, session, now)  # the old hold ran out
                else:
                    registration.hold_until = now + HOLD
            registration.request = request
            if registration.pk is None:
                registration.save()
            else:
                registration.save(update_fields=_PLACED)
            outcome[session.slug] = registration.status
        RegistrationRequest.sessions.through.objects.bulk_create(
            RegistrationRequest.sessions.through(registrationrequest=request, session=session)
            for session in locked
        )
        entries = [
            audit_entry(
                actor=actor,
                code="registrations.request.created",
                obj=request,
                details={"sessions": outcome, "source": source},
            )
        ]
        if created:
            entries.insert(
                0,
                audit_entry(
                    actor=actor,
                    code="directory.person.created",
                    obj=person,
                    details={
                        "organisation": person.organisation_id,
                        "resolution": person.resolution_status,
                        "explanation": person.resolution_explanation,
                    },
                ),
            )
        audit_record_many(entries)
    request.outcome = outcome
    return request


def _confirm(registration: Registration, session: Session, now: dt.datetime) -> bool:
    """Confirm one registration the person asked for; True when it changed. Call with the
    session locked.

    A held seat becomes ``confirmed``. A hold that ran out (lapsed, or not marked yet) takes a
    seat if one is free, else a place on the waitlist, while the session still takes
    registrations. A place on the waitlist is marked confirmed, so it can be promoted."""
    status = registration.status
    if status == RegistrationStatus.LAPSED or (
        status == RegistrationStatus.PENDING
        and (registration.hold_until is None or registration.hold_until <= now)
    ):
        if session_open_problem(session=session, now=now):
            return False
        _place(registration, session, now)
    elif status == RegistrationStatus.WAITLISTED and registration.confirmed_at is None:
        pass
    elif status != RegistrationStatus.PENDING:
        return False  # confirmed already, or cancelled
    if registration.status == RegistrationStatus.PENDING:
        registration.status = RegistrationStatus.CONFIRMED
        registration.hold_until = None
    registration.confirmed_at = now
    registration.save(update_fields=["status", "hold_until", "confirmed_at", "waitlisted_at"])
    return True


def registration_request_confirm(*, request: RegistrationRequest) -> RegistrationRequest:
    """The double opt-in: the person confirms the sessions this request asked for.

    Held seats become ``confirmed`` and places on the waitlist are marked confirmed (only those
    are promoted); a hold that ran out takes a seat if one is free, else joins the waitlist.
    The link of an earlier request still confirms the sessions it asked for after a newer
    request took them over (registering again moves each session's row to the newer request).
    Clicking the link twice changes nothing more. The first confirmation verifies the person's
    email and, when the request asked for it, lists them in the participant directory."""
    now = timezone.now()
    with transaction.atomic():
        request = RegistrationRequest.objects.select_for_update().get(pk=request.pk)
        registrations = list(registrations_of_request(request=request))
        locked = {s.pk: s for s in lock_sessions(r.session_id for r in registrations)}
        first_time = request.confirmed_at is None
        changed = [
            registration.pk
            for registration in registrations
            if _confirm(registration, locked[registration.session_id], now)
        ]
        if first_time:
            request.confirmed_at = now
            request.save(update_fields=["confirmed_at"])
            # Opening the link mailed to the address verifies it (the member rule's second fact).
            person_email_verify(person=request.person, at=now)
            if request.directory_opt_in:
                person_directory_listing_set(actor=None, person=request.person, listed=True)
        for session in locked.values():
            _promote(session, now)
        if first_time or changed:
            audit_record(
                actor=None,
                code="registrations.request.confirmed",
                obj=request,
                details={"registrations": changed},
            )
            notify.on_commit_request_confirmed(request.pk)
    return request
