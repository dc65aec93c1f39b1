"""What the public form, the API and the magic-link page call: each checks consent and the
rate limits, then hands over to the service that writes."""

from __future__ import annotations

from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from convene.core.errors import FieldNotFound
from convene.core.validators import text_problem
from convene.directory.selectors import person_get_by_email
from convene.programme.models import Series, Session, SessionStatus
from convene.registrations import notify
from convene.registrations.models import RegistrationRequest
from convene.registrations.selectors import sessions_by_slug
from convene.registrations.services.abuse import registration_rate_check
from convene.registrations.services.requests import RegistrantIn, registration_request_create


def registration_request_submit(
    *,
    series: Series,
    sessions: Sequence[Session],
    registrant: RegistrantIn,
    ip: str,
    source: str = "form",
) -> RegistrationRequest:
    """Count the attempt against the rate limits (RateLimited past them), then register."""
    registration_rate_check(ip=ip, email=registrant.email)
    return registration_request_create(
        series=series, sessions=sessions, registrant=registrant, source=source
    )


def registration_request_submit_by_slug(
    *,
    series_slug: str,
    session_slugs: Sequence[str],
    consent: bool,
    registrant: RegistrantIn,
    ip: str,
) -> RegistrationRequest:
    """The API's registration: consent first, then the series and sessions by slug (an unknown
    series, or an unknown or draft session, raises FieldNotFound), then as the form does."""
    if not consent:
        raise ValidationError({"consent": _("You must accept the privacy notice to register.")})
    wanted = list(dict.fromkeys(session_slugs))
    found = sessions_by_slug(slugs=wanted)
    series = next((s.series for s in found.values() if s.series.slug == series_slug), None)
    series = series or Series.objects.filter(slug=series_slug).first()
    if series is None:
        raise FieldNotFound("series", _("No series %(slug)s.") % {"slug": series_slug})
    missing = [s for s in wanted if s not in found or found[s].status == SessionStatus.DRAFT]
    if missing:
        raise FieldNotFound("sessions", _("No session %(slugs)s.") % {"slugs": ", ".join(missing)})
    return registration_request_submit(
        series=series,
        sessions=[found[slug] for slug in wanted],
        registrant=registrant,
        ip=ip,
        source="api",
    )


def manage_link_request(*, email: str, ip: str) -> None:
    """Mail a fresh magic link to "my registrations" if ``email`` is known. Whether it is known
    is never told: the only errors are an invalid address and RateLimited."""
    if "@" not in email or text_problem(email):
        raise ValidationError({"email": _("Enter a valid email address.")})
    registration_rate_check(ip=ip, email=email, scope="magic_link")
    person = person_get_by_email(email=email)
    if person is not None:
        notify.on_commit_manage_link(person.pk)
