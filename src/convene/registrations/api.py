"""The public registration endpoint (one or more sessions of a series in one request), and a
session's seats."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import File, Form, Router, Schema, Status
from ninja.decorators import decorate_view
from ninja.files import UploadedFile
from pydantic import Field

from convene.core.api_guard import json_body_required
from convene.core.api_types import Text
from convene.core.ratelimit import client_ip
from convene.core.tables import MAX_BYTES
from convene.registrations import services
from convene.registrations.selectors import (
    series_get_for_staff,
    session_availability,
    session_get_public_with_seats,
)
from convene.registrations.services.imports import registrations_import
from convene.sections.access import viewer
from convene.sections.api import READ_AUTH
from convene.sections.selectors import may_view

router = Router()


class RegistrationIn(Schema):
    series: Text = Field(..., max_length=100)
    sessions: list[Text] = Field(..., min_length=1, max_length=50)
    name: Text = Field(..., max_length=200)
    email: Text = Field(..., max_length=254)
    organisation: Text = Field("", max_length=300)
    job_title: Text = Field("", max_length=200)
    country: Text = Field("", max_length=2)
    language: Text = Field("en", max_length=8)
    consent: bool = False
    directory_opt_in: bool = False


class RegistrationStatusOut(Schema):
    session: str
    status: str


class RegistrationsOut(Schema):
    registrations: list[RegistrationStatusOut]


@router.post("", response={201: RegistrationsOut}, auth=None)
@decorate_view(json_body_required)
def registration_create(request: HttpRequest, payload: RegistrationIn) -> Status[RegistrationsOut]:
    wanted = list(dict.fromkeys(payload.sessions))
    registration_request = services.registration_request_submit_by_slug(
        series_slug=payload.series,
        session_slugs=wanted,
        consent=payload.consent,
        registrant=services.RegistrantIn(
            name=payload.name,
            email=payload.email,
            organisation=payload.organisation,
            job_title=payload.job_title,
            country=payload.country,
            language=payload.language,
            consent_version=str(settings.PRIVACY_NOTICE_VERSION),
            directory_opt_in=payload.directory_opt_in,
        ),
        ip=client_ip(request),
    )
    outcome = registration_request.outcome
    # Every value is a str we hold (the slugs asked for, the statuses the service set), so the
    # response is built as it is, without validating it (the same schema serialises it).
    return Status(
        201,
        RegistrationsOut.model_construct(
            registrations=[
                RegistrationStatusOut.model_construct(session=slug, status=str(outcome[slug]))
                for slug in wanted
            ]
        ),
    )


class SeatsOut(Schema):
    capacity: int | None
    seats_taken: int
    waitlisted: int
    status: str
    availability: str


# Mounted at /api/ beside programme's router, under its tag and its operation id, so that the
# API document stays as it was when this endpoint lived in programme.
seats_router = Router()


@seats_router.get(
    "sessions/{slug}",
    response=SeatsOut,
    operation_id="convene_programme_api_session_seats",
    auth=READ_AUTH,
)
def session_seats(request: HttpRequest, slug: str) -> SeatsOut:
    """A session's seats; 404 when the caller may not see the session (its section's access)."""
    session = session_get_public_with_seats(slug=slug)
    if not may_view(viewer(request), session):
        raise Http404
    availability = session_availability(session=session)
    return SeatsOut(
        capacity=session.capacity,
        seats_taken=availability.seats_taken,
        waitlisted=availability.waitlisted,
        status=session.status,
        availability=availability.state,
    )


#: Staff endpoints (mounted with the staff token in ``convene.api``).
imports_router = Router()


class RegistrationImportOut(Schema):
    dry_run: bool
    series: str
    counts: dict[str, int]


@imports_router.post(
    "series/{slug}/registration-imports",
    response={200: RegistrationImportOut, 201: RegistrationImportOut},
)
def registration_import(
    request: HttpRequest,
    slug: str,
    file: File[UploadedFile],
    dry_run: Form[bool] = False,
    notify: Form[bool] = False,
) -> Status[RegistrationImportOut]:
    """Import the registrations of a past or outside series (multipart ``file``, CSV or XLSX,
    columns detected from the headers) as confirmed registrations, in one transaction; with
    ``dry_run`` only count. No mail unless ``notify``. A bad file is a 400 naming the row."""
    series = series_get_for_staff(slug=slug)
    if file.size is not None and file.size > MAX_BYTES:
        raise ValidationError({"file": _("The file is larger than %(max)d MB.") % {"max": 5}})
    _plan, counts = registrations_import(
        actor=request.user,  # type: ignore[arg-type]
        series=series,
        file_name=file.name or "registrations.csv",
        data=file.read(),
        dry_run=dry_run,
        notify=notify,
    )
    return Status(
        200 if dry_run else 201,
        RegistrationImportOut(dry_run=dry_run, series=series.slug, counts=counts),
    )
