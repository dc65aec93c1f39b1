"""The public registration endpoint: one or more sessions of a series in one request."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Schema, Status
from pydantic import Field

from convene.core.errors import FieldNotFound
from convene.core.ratelimit import client_ip
from convene.programme.models import Series
from convene.registrations import services
from convene.registrations.selectors import sessions_by_slug

router = Router()


class RegistrationIn(Schema):
    series: str
    sessions: list[str] = Field(..., min_length=1, max_length=50)
    name: str = Field(..., max_length=200)
    email: str = Field(..., max_length=254)
    organisation: str = Field("", max_length=300)
    job_title: str = Field("", max_length=200)
    country: str = Field("", max_length=2)
    language: str = "en"
    consent: bool = False
    directory_opt_in: bool = False


class RegistrationStatusOut(Schema):
    session: str
    status: str


class RegistrationsOut(Schema):
    registrations: list[RegistrationStatusOut]


@router.post("", response={201: RegistrationsOut}, auth=None)
def registration_create(request: HttpRequest, payload: RegistrationIn) -> Status[RegistrationsOut]:
    if not payload.consent:
        raise ValidationError({"consent": _("You must accept the privacy notice to register.")})
    wanted = list(dict.fromkeys(payload.sessions))
    found = sessions_by_slug(slugs=wanted)
    series = next((s.series for s in found.values() if s.series.slug == payload.series), None)
    series = series or Series.objects.filter(slug=payload.series).first()
    if series is None:
        raise FieldNotFound("series", _("No series %(slug)s.") % {"slug": payload.series})
    missing = [slug for slug in wanted if slug not in found or found[slug].status == "draft"]
    if missing:
        raise FieldNotFound("sessions", _("No session %(slugs)s.") % {"slugs": ", ".join(missing)})
    services.registration_rate_check(ip=client_ip(request), email=payload.email)
    registration_request = services.registration_request_create(
        series=series,
        sessions=[found[slug] for slug in wanted],
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
        source="api",
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
